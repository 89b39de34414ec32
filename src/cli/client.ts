import process from 'node:process';
import { createA2AClient, validatePeerId, type A2AClient, type A2AClientConfig } from '../index.js';
import { UsageError } from './args.js';
import { clientConfig, type ClientFlags } from './config.js';

/**
 * The client the flags and the environment describe, with `extra` options laid over them (a
 * `fetch` to observe, a retry policy); throws `ConfigError` or `UsageError` when they cannot work.
 * `workspaceFallback` stands in for a workspace id neither the flags nor the environment give, for
 * a command whose result does not depend on it (`card-url`).
 */
export async function clientFrom(flags: ClientFlags, extra: Partial<A2AClientConfig> = {}, workspaceFallback?: string): Promise<A2AClient> {
	return createA2AClient({ ...(await clientConfig(flags, process.env, workspaceFallback)), ...extra });
}

/** A peer id as the platform wants it, or a usage error: no request should carry a malformed id. */
export function peerIdArgument(value: string): string {
	const peerId = validatePeerId(value);
	if (!peerId) throw new UsageError(`invalid peer id '${value}' (expected a UUID)`);
	return peerId;
}
