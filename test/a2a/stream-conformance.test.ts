// Conformance of stream and subscribe against an independent peer: @a2a-js/sdk 1.3's own server
// (test/a2a/peer.ts) on 127.0.0.1, in A2A v1.0 JSON-RPC, v1.0 HTTP+JSON and v0.3 JSON-RPC; with a
// proxy that cuts the stream in the middle of an event (test/a2a/cut-proxy.ts).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectAgent, type AgentConnection, type ConnectOptions, type StreamEvent, type Task } from '../../src/a2a/index.js';
import { startCutProxy } from './cut-proxy.js';
import { startPeer, type Peer } from './peer.js';

let peer: Peer;
/** A peer no other test speaks to, so that its open sockets are the stream's alone. */
let quiet: Peer;
beforeAll(async () => {
	[peer, quiet] = await Promise.all([startPeer(), startPeer()]);
});
afterAll(async () => {
	await Promise.all([peer?.close(), quiet?.close()]);
});

const modes: [string, ConnectOptions][] = [
	['v1.0 JSON-RPC', { protocol: '1.0', binding: 'JSONRPC' }],
	['v1.0 HTTP+JSON', { protocol: '1.0', binding: 'HTTP+JSON' }],
	['v0.3 JSON-RPC', { protocol: '0.3' }],
];

async function all(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
	const out: StreamEvent[] = [];
	for await (const event of events) out.push(event);
	return out;
}

/** The text of every artifact part, in the order the stream gave them: a Task's, then each update's. */
const texts = (events: StreamEvent[]): string[] =>
	events.flatMap((event) => {
		const parts = event.kind === 'task' ? event.artifacts.flatMap((artifact) => artifact.parts) : event.kind === 'artifact-update' ? event.artifact.parts : [];
		return parts.map((part) => (part.kind === 'text' ? part.text : part.kind));
	});

/** The events with what differs from run to run (ids, times) masked: what the normalisation made of them. */
const masked = (events: StreamEvent[]): unknown =>
	JSON.parse(JSON.stringify(events), (key, value: unknown) => (['id', 'taskId', 'contextId', 'messageId', 'artifactId', 'timestamp'].includes(key) && typeof value === 'string' && value !== '' ? '…' : value));

/** The card of `peer` with its interfaces moved to `base` (a proxy in front of it, or another peer). */
const cardAt = (agent: AgentConnection, from: string, base: string): Record<string, unknown> => JSON.parse(JSON.stringify(agent.card.json).split(from).join(base)) as Record<string, unknown>;

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
	for (const started = Date.now(); Date.now() - started < ms; await new Promise((resolve) => setTimeout(resolve, 10))) if (await check()) return true;
	return check();
}

const streams: Record<string, unknown> = {};

describe.each(modes)('%s against @a2a-js/sdk 1.3', (name, options) => {
	let agent: AgentConnection;
	beforeAll(async () => {
		agent = await connectAgent(peer.base, options);
	});

	test('a streamed task yields the task, working, its artifact chunk by chunk, then completed', async () => {
		const events = await all(agent.stream('chunks'));
		expect(events.map((event) => (event.kind === 'task' || event.kind === 'status-update' ? `${event.kind} ${event.status.state}` : event.kind === 'artifact-update' ? `chunk${event.append ? ' +' : ''} ${texts([event]).join()}` : event.kind))).toEqual([
			'task submitted',
			'status-update working',
			'chunk one',
			'chunk + two',
			'chunk + three',
			'status-update completed',
		]);
		streams[name] = masked(events);
	});

	test('subscribe to a running task: its Task first, then its updates to completed, no part twice', async () => {
		const task = (await agent.send('chunks', { returnImmediately: true })) as Task;
		expect(task.kind).toBe('task');
		const events = await all(agent.subscribe(task.id));
		expect(events[0]).toMatchObject({ kind: 'task', id: task.id });
		expect(events.at(-1)).toMatchObject({ kind: 'status-update', taskId: task.id, status: { state: 'completed' } });
		expect(texts(events)).toEqual(['one', 'two', 'three']);
	});

	test('a cut in the middle of an event is resubscribed, and the stream finishes completed with nothing twice', async () => {
		const proxy = await startCutProxy(peer.base, { events: 3, cuts: 1 });
		try {
			const warnings: string[] = [];
			const cutAgent = await connectAgent(cardAt(agent, peer.base, proxy.base), { ...options, retry: { baseDelayMs: 20, maxDelayMs: 50 }, logger: { warn: (line) => warnings.push(line) } });
			const events = await all(cutAgent.stream('chunks'));
			expect(proxy.cut).toBe(1);
			expect(warnings).toEqual([expect.stringMatching(/^a2a stream: task \S+ cut .*; subscribing again in \d+ ms \(attempt 2 of 5\)$/)]);
			expect(proxy.requests.map((request) => request.method ?? request.path.replace(/^.*\/tasks\/[^/:]+/, '/tasks/…'))).toEqual(
				name === 'v1.0 JSON-RPC' ? ['SendStreamingMessage', 'SubscribeToTask'] : name === 'v1.0 HTTP+JSON' ? ['/a2a/rest/message:stream', '/tasks/…:subscribe'] : ['message/stream', 'tasks/resubscribe'],
			);
			expect(texts(events)).toEqual(['one', 'two', 'three']);
			expect(events.filter((event) => event.kind === 'task')).toHaveLength(1);
			expect(events.at(-1)).toMatchObject({ kind: 'status-update', status: { state: 'completed' } });
			const states = events.flatMap((event) => (event.kind === 'status-update' ? [event.status.state] : []));
			expect(states).toEqual(['working', 'completed']);
		} finally {
			await proxy.close();
		}
	});

	test('an abort mid-stream ends the iteration at once with its reason and leaves no socket open on the server', async () => {
		const quietAgent = await connectAgent(cardAt(agent, peer.base, quiet.base), options);
		expect(await quiet.connections()).toBe(0);
		const controller = new AbortController();
		const events = quietAgent.stream('chunks', { signal: controller.signal });
		expect((await events.next()).value).toMatchObject({ kind: 'task' });
		expect((await events.next()).value).toMatchObject({ kind: 'status-update', status: { state: 'working' } });
		expect(await quiet.connections()).toBe(1);
		// The first chunk is 100 ms away: this read waits on the socket when the abort comes.
		const reason = new Error('enough');
		const next = events.next();
		controller.abort(reason);
		await expect(next).rejects.toBe(reason);
		expect(await events.next()).toEqual({ value: undefined, done: true });
		expect(await until(async () => (await quiet.connections()) === 0, 2000)).toBe(true);
	});
});

describe('the three modes', () => {
	test('normalise a streamed task the same (ids and times aside; v0.3 has final, and no mediaType on parts)', () => {
		expect(Object.keys(streams)).toEqual(modes.map(([name]) => name));
		expect(streams['v1.0 HTTP+JSON']).toEqual(streams['v1.0 JSON-RPC']);
		// What v0.3 has and v1.0 has not: `final` on each status update (true on the last); what it lacks: a part's mediaType.
		const v03 = streams['v0.3 JSON-RPC'] as Record<string, unknown>[];
		expect(v03.filter((event) => event['kind'] === 'status-update').map((event) => event['final'])).toEqual([false, true]);
		const asV1 = JSON.parse(JSON.stringify(v03), (key, value: unknown) => (key === 'final' ? undefined : value)) as unknown;
		const withoutMediaType = JSON.parse(JSON.stringify(streams['v1.0 JSON-RPC']), (key, value: unknown) => (key === 'mediaType' ? undefined : value)) as unknown;
		expect(asV1).toEqual(withoutMediaType);
	});
});
