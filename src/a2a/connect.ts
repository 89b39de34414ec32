import type { AgentConnection } from './api.js';
import type { AgentCard } from './card-types.js';
import { openConnection } from './connection.js';
import type { ConnectOptions } from './options.js';

/**
 * Connects to an A2A agent: fetches its card from `<url>/.well-known/agent-card.json` (the URL's path
 * kept; a URL ending in `.json` is taken as the card's own), validates it, and chooses the interface
 * to speak: A2A v1.0 or v0.3, JSON-RPC or HTTP+JSON, as the card offers and `options` prefer.
 * Every request sends `A2A-Version`; every answer is validated and normalised into this entry's types.
 *
 * @param urlOrCard The agent's base URL (http(s), no credentials, query or fragment), or its card as an object (never fetched then).
 * @param options Fetch, clock, retry, time limits, headers (auth), protocol and binding; see `ConnectOptions`.
 * @returns A frozen `AgentConnection`.
 * @throws {ConfigError} naming the option or argument that cannot work; `VersionNotSupportedError` when the
 * card offers no interface this client speaks; `HttpError`, `TransportError`, `ResponseValidationError` when
 * the card cannot be fetched or read.
 * @example
 * const agent = await connectAgent('https://agents.example.com/research', { headers: { Authorization: `Bearer ${token}` } });
 * const answer = await agent.send('What changed in Q3?');
 * console.log(answer.kind === 'task' ? answer.status.state : answer.parts);
 */
export async function connectAgent(urlOrCard: string | URL | AgentCard['json'], options?: ConnectOptions): Promise<AgentConnection> {
	const { connection } = await openConnection(urlOrCard, options);
	return Object.freeze(connection);
}
