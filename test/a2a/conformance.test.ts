// Conformance against an independent peer: @a2a-js/sdk 1.3's own server (test/a2a/peer.ts) on
// 127.0.0.1, spoken to in A2A v1.0 over JSON-RPC and HTTP+JSON, and in v0.3 over JSON-RPC.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
	connectAgent,
	isPushNotificationNotSupportedError,
	isTaskNotCancelableError,
	isTaskNotFoundError,
	isUnsupportedOperationError,
	isVersionNotSupportedError,
	type AgentConnection,
	type ConnectOptions,
	type Message,
	type Task,
} from '../../src/a2a/index.js';
import { openConnection } from '../../src/a2a/connection.js';
import type { StreamSource } from '../../src/a2a/stream-source.js';
import type { FetchFunction } from '../../src/index.js';
import { startPeer, type Peer } from './peer.js';
import { decodedEvents, plugEvents } from './sse-events.js';

let peer: Peer;
let noPush: Peer;
let strict: Peer;
beforeAll(async () => {
	[peer, noPush, strict] = await Promise.all([startPeer(), startPeer({ pushNotifications: false }), startPeer({ legacy: false })]);
});
afterAll(async () => {
	await Promise.all([peer?.close(), noPush?.close(), strict?.close()]);
});

describe('a strict v1.0 server', () => {
	test('answers a v0.3 request with -32009, read as a VersionNotSupportedError with its code', async () => {
		// A card that (wrongly) says the server speaks v0.3 makes the client send A2A-Version 0.3.
		const card = { name: 'Strict', url: `${strict.base}/a2a/jsonrpc`, protocolVersion: '0.3.0', preferredTransport: 'JSONRPC', capabilities: {}, skills: [] };
		const agent = await connectAgent(card, { retry: { maxAttempts: 1 } });
		const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
		const error = await agent.send('hello').catch((caught: unknown) => caught);
		quiet.mockRestore();
		expect(isVersionNotSupportedError(error)).toBe(true);
		expect(error).toMatchObject({ code: -32009, status: 200 });
	});

	test('a client asked for v0.3 refuses its card before sending anything else', async () => {
		const seen = recordingFetch();
		const error = await connectAgent(strict.base, { protocol: '0.3', fetch: seen.fetch }).catch((caught: unknown) => caught);
		expect(isVersionNotSupportedError(error)).toBe(true);
		expect(seen.seen.map((request) => request.url)).toEqual([`${strict.base}/.well-known/agent-card.json`]);
	});
});

/** The runtime's fetch, recording each request's method, URL and headers. */
function recordingFetch(): { fetch: FetchFunction; seen: { method: string; url: string; headers: Headers }[] } {
	const seen: { method: string; url: string; headers: Headers }[] = [];
	return { seen, fetch: (request) => (seen.push({ method: request.method, url: request.url, headers: request.headers }), fetch(request)) };
}

const asTask = (answer: Message | Task): Task => {
	if (answer.kind !== 'task') throw new Error(`expected a task, got a ${answer.kind}`);
	return answer;
};

const modes: [string, ConnectOptions, '1.0' | '0.3', 'JSONRPC' | 'HTTP+JSON'][] = [
	['v1.0 JSON-RPC', { protocol: '1.0', binding: 'JSONRPC' }, '1.0', 'JSONRPC'],
	['v1.0 HTTP+JSON', { protocol: '1.0', binding: 'HTTP+JSON' }, '1.0', 'HTTP+JSON'],
	['v0.3 JSON-RPC', { protocol: '0.3' }, '0.3', 'JSONRPC'],
];

describe.each(modes)('%s against @a2a-js/sdk 1.3', (_name, options, version, binding) => {
	let agent: AgentConnection;
	let streams: StreamSource;
	let recorder: ReturnType<typeof recordingFetch>;
	beforeAll(async () => {
		recorder = recordingFetch();
		({ connection: agent, streams } = await openConnection(peer.base, { ...options, fetch: recorder.fetch }));
	});

	test('the card is read and the interface asked for is chosen', () => {
		expect(agent.card.name).toBe('Echo Peer');
		expect([agent.protocolVersion, agent.binding]).toEqual([version, binding]);
		expect(agent.interface.url).toMatch(binding === 'JSONRPC' ? /\/a2a\/jsonrpc$/ : /\/a2a\/rest$/);
	});

	test('every request, the card request included, sends A2A-Version', async () => {
		await agent.send('hello');
		expect(recorder.seen.length).toBeGreaterThanOrEqual(2);
		expect(recorder.seen[0]?.url).toBe(`${peer.base}/.well-known/agent-card.json`);
		expect(recorder.seen.slice(1).map((request) => request.headers.get('a2a-version'))).toEqual(recorder.seen.slice(1).map(() => version));
	});

	test('send answers a completed task with its artifact and history, states as plain strings', async () => {
		const task = asTask(await agent.send('hello'));
		expect(task.status.state).toBe('completed');
		expect(task.artifacts[0]?.parts).toEqual([expect.objectContaining({ kind: 'text', text: 'echo: hello' })]);
		expect(task.history.some((message) => message.role === 'user' && message.parts[0]?.kind === 'text')).toBe(true);
		expect(task.id).not.toBe('');
		expect(task.contextId).not.toBe('');
	});

	test('send answers a bare message when the agent answers with one', async () => {
		const answer = await agent.send('direct');
		expect(answer.kind).toBe('message');
		expect(answer.kind === 'message' && answer.role).toBe('agent');
		expect(answer.kind === 'message' && answer.parts).toEqual([expect.objectContaining({ kind: 'text', text: 'direct answer' })]);
	});

	test('a raw part arrives as a file part of bytes, decoded without Buffer', async () => {
		const task = asTask(await agent.send('raw'));
		const part = task.artifacts[0]?.parts[0];
		expect(part?.kind).toBe('file');
		const bytes = part?.kind === 'file' ? part.file.bytes : undefined;
		expect(bytes).toBeInstanceOf(Uint8Array);
		expect(Buffer.isBuffer(bytes)).toBe(false);
		expect([...(bytes ?? [])]).toEqual([104, 105, 0, 255]);
	});

	test('a task that needs input says so, and a follow-up with its taskId completes it', async () => {
		const task = asTask(await agent.send('need-input'));
		expect(task.status.state).toBe('input-required');
		expect(task.status.message?.parts).toEqual([expect.objectContaining({ kind: 'text', text: 'which quarter?' })]);
		const followUp = asTask(await agent.send('Q3', { taskId: task.id, contextId: task.contextId }));
		expect(followUp.id).toBe(task.id);
		expect(followUp.status.state).toBe('completed');
	});

	test('a failing agent ends its task failed', async () => {
		// The SDK server logs the executor's failure; the test needs no such noise.
		const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			expect(asTask(await agent.send('fail')).status.state).toBe('failed');
		} finally {
			quiet.mockRestore();
		}
	});

	test('getTask reads a task, and historyLength 0 leaves its history out', async () => {
		const sent = asTask(await agent.send('hello'));
		const task = await agent.getTask(sent.id);
		expect(task).toMatchObject({ kind: 'task', id: sent.id, status: { state: 'completed' } });
		expect(task.history.length).toBeGreaterThan(0);
		expect((await agent.getTask(sent.id, { historyLength: 0 })).history).toEqual([]);
	});

	test('getTask of an unknown id is a TaskNotFoundError with the code or status kept', async () => {
		const error = await agent.getTask('no-such-task').catch((caught: unknown) => caught);
		expect(isTaskNotFoundError(error)).toBe(true);
		if (!isTaskNotFoundError(error)) return;
		if (binding === 'JSONRPC') expect([error.code, error.status]).toEqual([-32001, 200]);
		else expect(error.status).toBe(404);
	});

	test('cancelTask of a finished task is a TaskNotCancelableError', async () => {
		const task = asTask(await agent.send('hello'));
		const error = await agent.cancelTask(task.id).catch((caught: unknown) => caught);
		expect(isTaskNotCancelableError(error)).toBe(true);
		if (binding === 'JSONRPC' && isTaskNotCancelableError(error)) expect(error.code).toBe(-32002);
	});

	test('a task sent with returnImmediately comes back unfinished, and cancelTask cancels it', async () => {
		const task = asTask(await agent.send('slow', { returnImmediately: true }));
		expect(['submitted', 'working']).toContain(task.status.state);
		expect((await agent.cancelTask(task.id)).status.state).toBe('canceled');
		expect((await agent.getTask(task.id)).status.state).toBe('canceled');
	});

	test(version === '1.0' ? 'listTasks pages through the tasks, filtered by state' : 'listTasks is refused before sending: v0.3 has no ListTasks', async () => {
		if (version === '0.3') {
			const before = recorder.seen.length;
			const error = await agent.listTasks({}).catch((caught: unknown) => caught);
			expect(isUnsupportedOperationError(error)).toBe(true);
			expect(recorder.seen.length).toBe(before);
			return;
		}
		const sent = asTask(await agent.send('hello'));
		const page = await agent.listTasks({ contextId: sent.contextId, status: 'completed', pageSize: 10 });
		expect(page.tasks.map((task) => task.id)).toEqual([sent.id]);
		expect(page.nextPageToken).toBeUndefined();
		expect(page.totalSize).toBe(1);
	});

	test('push configs are created, read, listed and deleted', async () => {
		const task = asTask(await agent.send('slow', { returnImmediately: true }));
		const created = await agent.createPushConfig(task.id, { url: 'http://127.0.0.1:9/hook', token: 'per-task', authentication: { scheme: 'Bearer', credentials: 'hook-secret' } });
		expect(created).toMatchObject({ taskId: task.id, url: 'http://127.0.0.1:9/hook', token: 'per-task', authentication: { scheme: 'Bearer', credentials: 'hook-secret' } });
		expect(created.id).not.toBe('');
		expect(await agent.getPushConfig(task.id, created.id)).toEqual(created);
		expect(await agent.listPushConfigs(task.id)).toEqual([created]);
		await agent.deletePushConfig(task.id, created.id);
		expect(await agent.listPushConfigs(task.id)).toEqual([]);
		await agent.cancelTask(task.id);
	});

	test('push configs are refused before sending when the card says there are none', async () => {
		const seen = recordingFetch();
		const plain = await connectAgent(noPush.base, { ...options, fetch: seen.fetch });
		const before = seen.seen.length;
		for (const call of [() => plain.createPushConfig('t', { url: 'http://127.0.0.1:9/hook' }), () => plain.listPushConfigs('t'), () => plain.getPushConfig('t', 'c'), () => plain.deletePushConfig('t', 'c')]) {
			expect(isPushNotificationNotSupportedError(await call().catch((caught: unknown) => caught))).toBe(true);
		}
		expect(seen.seen.length).toBe(before);
	});

	test('a message stream opens and its events decode: task, working, artifact, completed', async () => {
		const opened = await streams.openSend({ messageId: crypto.randomUUID(), parts: [{ kind: 'text', text: 'hello' }] }, {}, { timeoutMs: 5000 });
		const events = await decodedEvents(opened);
		expect(events.map((event) => (event.kind === 'status-update' ? `status ${event.status.state}` : event.kind))).toEqual(['task', 'status working', 'artifact-update', 'status completed']);
		const artifact = events.find((event) => event.kind === 'artifact-update');
		expect(artifact?.kind === 'artifact-update' && artifact.artifact.parts).toEqual([expect.objectContaining({ kind: 'text', text: 'echo: hello' })]);
	});

	test('a subscription to a running task starts with the task, and ends canceled after cancelTask', async () => {
		const task = asTask(await agent.send('slow', { returnImmediately: true }));
		const opened = await streams.openSubscribe(task.id, { timeoutMs: 5000 });
		await agent.cancelTask(task.id);
		const events = await decodedEvents(opened);
		expect(events[0]).toMatchObject({ kind: 'task', id: task.id });
		expect(events.at(-1)).toMatchObject({ kind: 'status-update', status: { state: 'canceled' } });
	});

	test("a subscription to a finished task is refused with an UnsupportedOperationError (v0.3: as the stream's error event)", async () => {
		const task = asTask(await agent.send('hello'));
		const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			const refused = streams.openSubscribe(task.id, { timeoutMs: 5000 });
			// a2a-js refuses before the stream in v1.0 (JSON, HTTP 200 or 400), in an `event: error` frame in v0.3.
			const error = await (version === '1.0' ? refused : refused.then(decodedEvents)).catch((caught: unknown) => caught);
			expect(isUnsupportedOperationError(error)).toBe(true);
		} finally {
			quiet.mockRestore();
		}
	});

	test('through the plug of streamTaskEvents: a message stream, then a refused subscription to the ended task', async () => {
		const plug = streams.plug({ message: { messageId: crypto.randomUUID(), parts: [{ kind: 'text', text: 'hello' }] }, configuration: {} }, 5000);
		const events = await plugEvents(plug, 'stream');
		expect(events.at(-1)).toMatchObject({ kind: 'status-update', status: { state: 'completed' } });
		const taskId = events[0]?.kind === 'task' ? events[0].id : undefined;
		const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			expect(isUnsupportedOperationError(await plugEvents(plug, 'subscribe', taskId).catch((error: unknown) => error))).toBe(true);
		} finally {
			quiet.mockRestore();
		}
	});
});
