import { resolveConfig, type A2AClientConfig } from './config.js';
import { createMessaging, type Messaging } from './messaging.js';
import { createQueueReading, type QueueReading } from './queue.js';
import { createRegistry, type Registry } from './registry.js';
import { createTransport } from './transport.js';

/** A client for one workspace. Methods are plain functions: they may be passed around detached. */
export interface A2AClient extends Registry, Messaging, QueueReading {
	/** The canonical (lower-case) id of the workspace this client speaks for. */
	readonly workspaceId: string;
	/** The platform base URL, without a trailing `/`. */
	readonly platformUrl: string;
}

/**
 * Creates a client for the workspace `config.workspaceId`.
 * Throws `ConfigError`, naming the field, when the configuration cannot work.
 *
 * @example
 * const client = createA2AClient({ workspaceId, platformUrl: 'http://localhost:8080', token });
 * const reply = await client.sendText(peerId, 'Summarise the open incidents');
 */
export function createA2AClient(config: A2AClientConfig): A2AClient {
	const settings = resolveConfig(config);
	const transport = createTransport(settings);
	return Object.freeze({
		workspaceId: settings.workspaceId,
		platformUrl: settings.platformUrl,
		...createRegistry(settings, transport),
		...createMessaging(settings, transport),
		...createQueueReading(settings, transport),
	});
}
