import { createAgent, memoryStore, type Agent, type AgentOptions, type AgentStore } from '../../src/agent/index.js';
import { createDevPlatform, type DevPlatform, type DevWorkspace } from '../../src/dev/index.js';
import { createA2AClient, type A2AClient, type FetchFunction, type FileRef } from '../../src/index.js';
import { FakeClock } from '../helpers/fake-clock.js';

export const PLATFORM = 'http://platform.test';
/** The agents' request deadline: a value no agent wait has, so `waits` can tell the two apart on the fake clock. */
export const DEADLINE_MS = 9_999;

/** The waits the agent itself slept (polls, backoffs, heartbeats), without its requests' deadlines. */
export function waits(clock: FakeClock): number[] {
	return clock.sleeps.filter((ms) => ms !== DEADLINE_MS);
}
/** The organisation's root, the agent and a peer of the agent: siblings under the root. */
export const ROOT = '10000000-0000-4000-8000-000000000001';
export const AGENT = '10000000-0000-4000-8000-000000000002';
export const PEER = '10000000-0000-4000-8000-000000000003';
export const PEER_TOKEN = 'peer-token-0123456789abcdefghij';
export const ADMIN_TOKEN = 'admin-token-0123456789abcdefghij';
/** What the platform mints for the agent on its first register. */
export const MINTED = 'minted-token-0123456789abcdefghijklmnop';
export const SECRET = 'inbound-secret-0123456789abcdefghijklmno';

/** UUIDs counting up from `prefix`: `…-<prefix>00000001`, …; distinct prefixes never collide. */
export function uuids(prefix: string): () => string {
	let n = 0;
	return () => `20000000-0000-4000-8000-${prefix}${String(++n).padStart(12 - prefix.length, '0')}`;
}

export interface World {
	clock: FakeClock;
	platform: DevPlatform;
	logs: string[];
}

/** A dev platform on a fake clock with the root, a peer (with a token) and an agent workspace (no token yet). */
export function world(extra: Partial<DevWorkspace> = {}, options: { secrets?: string[]; fetch?: FetchFunction } = {}): World {
	const secrets = options.secrets ?? [SECRET];
	const clock = new FakeClock();
	let minted = 0;
	const platform = createDevPlatform({
		workspaces: [
			{ id: ROOT, name: 'root', tokens: ['root-token-0123456789abcdefghij'] },
			{ id: AGENT, name: 'agent', parentId: ROOT, runtime: 'external', ...extra },
			{ id: PEER, name: 'peer', role: 'reviewer', parentId: ROOT, tokens: [PEER_TOKEN], deliveryMode: 'poll' },
		],
		clock,
		uuid: uuids('a'),
		mintToken: () => MINTED,
		mintSecret: () => secrets[Math.min(minted++, secrets.length - 1)] ?? SECRET,
		wallClock: () => new Date(clock.wallNow()),
		adminToken: ADMIN_TOKEN,
		...(options.fetch ? { fetch: options.fetch } : {}),
	});
	return { clock, platform, logs: [] };
}

/** An agent on the world's clock and platform (or `fetch`), logging into `world.logs`. */
export function agentIn(w: World, options: Partial<AgentOptions> = {}, fetch: FetchFunction = w.platform.fetch): Agent {
	return createAgent({
		workspaceId: AGENT,
		platformUrl: PLATFORM,
		fetch,
		clock: w.clock,
		random: () => 0.5,
		uuid: uuids('b'),
		timeouts: { requestMs: DEADLINE_MS },
		logger: {
			debug: (line) => w.logs.push(`debug ${line}`),
			warn: (line) => w.logs.push(`warn ${line}`),
			error: (line) => w.logs.push(`error ${line}`),
		},
		card: { name: 'agent' },
		...options,
	});
}

const peers = new WeakMap<World, A2AClient>();

/** The peer's client (one per world, so its message ids never repeat). */
export function peer(w: World): A2AClient {
	let client = peers.get(w);
	if (!client) {
		client = createA2AClient({ workspaceId: PEER, platformUrl: PLATFORM, token: PEER_TOKEN, fetch: w.platform.fetch, clock: w.clock, uuid: uuids('c') });
		peers.set(w, client);
	}
	return client;
}

/** A person writing to the agent through the canvas (the admin token, no workspace claim). */
export async function sendAsUser(w: World, text: string, messageId: string, files: readonly FileRef[] = []): Promise<Response> {
	const parts = [{ kind: 'text', text }, ...files.map((file) => ({ kind: 'file', file }))];
	return w.platform.fetch(
		new Request(`${PLATFORM}/workspaces/${AGENT}/a2a`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ jsonrpc: '2.0', id: 'user-1', method: 'message/send', params: { message: { role: 'user', messageId, parts } } }),
		}),
	);
}

/** The requests the platform received, as `METHOD path` lines (queries included). */
export function requestLines(platform: DevPlatform): string[] {
	return platform.requests.map((request) => `${request.method} ${request.path}`);
}

export { memoryStore, type AgentStore };

/** A store that records every write, to see what the agent keeps. */
export function recordingStore(): AgentStore & { writes: [string, string][]; values: Map<string, string> } {
	const values = new Map<string, string>();
	const writes: [string, string][] = [];
	return {
		values,
		writes,
		get: (key) => values.get(key),
		set: (key, value) => {
			writes.push([key, value]);
			values.set(key, value);
		},
	};
}

/** Lets promise chains and timers due now run, without moving time. */
export async function settle(clock: FakeClock): Promise<void> {
	await clock.run(0);
}

/** The token agents on a scripted platform are configured with. */
export const AGENT_TOKEN = 'agent-token-0123456789abcdefghijklmn';

export interface Scripted {
	clock: FakeClock;
	agent: Agent;
	logs: string[];
}

/** An agent with a configured token on `fetch` (scripted routes), its own fake clock and store. */
export function scriptedAgent(fetch: FetchFunction, options: Partial<AgentOptions> = {}, clock = new FakeClock()): Scripted {
	const logs: string[] = [];
	const agent = createAgent({
		workspaceId: AGENT,
		platformUrl: PLATFORM,
		token: AGENT_TOKEN,
		fetch,
		clock,
		random: () => 0.5,
		uuid: uuids('b'),
		timeouts: { requestMs: DEADLINE_MS },
		logger: { debug: (line) => logs.push(`debug ${line}`), warn: (line) => logs.push(`warn ${line}`), error: (line) => logs.push(`error ${line}`) },
		...options,
	});
	return { clock, agent, logs };
}
