import { resolveConfig, type A2AClientConfig } from './config.js';
import { createMessaging, type Messaging } from './messaging.js';
import { createPeers, type PeerConnection } from './peer-connection.js';
import { createQueueReading, type QueueReading } from './queue.js';
import { createRegistry, type Registry } from './registry.js';
import { createTransport } from './transport.js';

/**
 * A client for one workspace: the registry calls of `Registry`, the messaging calls of `Messaging` and
 * the queue reading of `QueueReading`.
 * Frozen; its methods are plain functions, so they may be passed around detached.
 *
 * @example
 * const { sendText } = createA2AClient({ workspaceId, token });
 * const answers = await Promise.all(peerIds.map((peerId) => sendText(peerId, 'status?')));
 */
export interface A2AClient extends Registry, Messaging, QueueReading {
	/** The canonical (trimmed, lower-case) id of the workspace this client speaks for. */
	readonly workspaceId: string;
	/** The platform base URL, without a trailing `/`. */
	readonly platformUrl: string;
	/**
	 * The peer `peerId` as a `PeerConnection`: `send`, `getTask` and `cancelTask` with A2A v0.3 methods
	 * through the platform proxy (docs/platform-contract.md §7). Throws `InvalidPeerIdError` for an id
	 * that is not a UUID.
	 *
	 * @example
	 * const outcome = await client.peer(peerId).getTask(taskId);
	 */
	peer(peerId: string): PeerConnection;
}

/**
 * Creates a client for the workspace `config.workspaceId`. Nothing is sent until a method is called,
 * and nothing is left running between calls.
 *
 * @returns A frozen `A2AClient`.
 * @throws {ConfigError} naming the field (`workspaceId`, `platformUrl`, `retry.maxAttempts`, …) when the
 * configuration cannot work.
 * @example
 * const client = createA2AClient({ workspaceId, platformUrl: 'http://localhost:8080', token });
 * const reply = await client.sendText(peerId, 'Summarise the open incidents');
 */
export function createA2AClient(config: A2AClientConfig): A2AClient {
	const settings = resolveConfig(config);
	const transport = createTransport(settings);
	const { messaging, call } = createMessaging(settings, transport);
	return Object.freeze({
		workspaceId: settings.workspaceId,
		platformUrl: settings.platformUrl,
		peer: createPeers(messaging, call),
		...createRegistry(settings, transport),
		...messaging,
		...createQueueReading(settings, transport),
	});
}
