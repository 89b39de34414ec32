// connection.stream and connection.subscribe (src/a2a/stream-calls.ts): their options checked at
// once, the message made once and never sent again, a cut stream resubscribed over the connection's
// interface, a task that ended during the cut read with the connection's getTask; over scripted
// fetch on a fake clock.
import { describe, expect, test } from 'vitest';
import { connectAgent, isTransportError, type ConnectOptions, type StreamEvent } from '../../src/a2a/index.js';
import { drive, FakeClock } from '../helpers/fake-clock.js';
import { brokenBody, endedBody } from '../helpers/scripted-body.js';
import { json, scriptedFetch, type Step } from '../helpers/scripted-fetch.js';
import { cardV1, rpcUrl, taskV1 } from './fixtures.js';

const envelope = (result: unknown): string => `data: ${JSON.stringify({ jsonrpc: '2.0', id: 'rpc', result })}\n\n`;
const sse = (body: ReadableStream<Uint8Array>): Response => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
const working = { task: taskV1({ status: { state: 'TASK_STATE_WORKING', timestamp: '2026-11-30T07:00:00.000Z' }, artifacts: [] }) };
const chunk = (text: string, append: boolean) => ({ artifactUpdate: { taskId: 'task-1', contextId: 'ctx-1', artifact: { artifactId: 'a-1', parts: [{ text }] }, append, lastChunk: false } });
const completed = { statusUpdate: { taskId: 'task-1', contextId: 'ctx-1', status: { state: 'TASK_STATE_COMPLETED', timestamp: '2026-11-30T07:00:09.000Z' } } };

async function agentWith(steps: Step[], options: ConnectOptions = {}) {
	const clock = new FakeClock();
	const scripted = scriptedFetch(...steps);
	const agent = await connectAgent(cardV1(), { fetch: scripted.fetch, clock, random: () => 0.5, uuid: () => 'rpc', ...options });
	const all = (events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> =>
		drive(
			(async () => {
				const out: StreamEvent[] = [];
				for await (const event of events) out.push(event);
				return out;
			})(),
			clock,
		);
	return { agent, clock, calls: scripted.calls, all };
}

const methods = (calls: { json: unknown }[]): unknown[] => calls.map((call) => (call.json as { method: string }).method);
const texts = (events: StreamEvent[]): string[] => events.flatMap((event) => (event.kind === 'artifact-update' ? event.artifact.parts.map((part) => (part.kind === 'text' ? part.text : part.kind)) : []));

describe('stream and subscribe options', () => {
	test.each([
		[{ timeoutMs: 0 }, 'options.timeoutMs'],
		[{ idleTimeoutMs: -5 }, 'options.idleTimeoutMs'],
		[{ maxEventBytes: 1.5 }, 'options.maxEventBytes'],
		[{ retry: 3 }, 'options.retry'],
		[{ retry: { maxAttempts: 0 } }, 'options.retry.maxAttempts'],
		[{ retry: { tries: 3 } }, 'options.retry.tries'],
		[{ signal: 'stop' }, 'options.signal'],
		[{ resubscribe: false }, 'options.resubscribe'],
	])('%j is a ConfigError naming %s, thrown at once by both, before any request', async (options, field) => {
		const { agent, calls } = await agentWith([]);
		expect(() => agent.stream('hi', options as object)).toThrow(expect.objectContaining({ name: 'ConfigError', field }));
		expect(() => agent.subscribe('task-1', options as object)).toThrow(expect.objectContaining({ name: 'ConfigError', field }));
		expect(calls).toEqual([]);
	});

	test("stream takes send's options; subscribe does not, and refuses an empty taskId", async () => {
		const { agent } = await agentWith([]);
		expect(() => agent.stream('hi', { taskId: '' })).toThrow(expect.objectContaining({ name: 'ConfigError', field: 'options.taskId' }));
		expect(() => agent.subscribe('task-1', { contextId: 'c' } as object)).toThrow(expect.objectContaining({ name: 'ConfigError', field: 'options.contextId' }));
		expect(() => agent.subscribe('')).toThrow(expect.objectContaining({ name: 'ConfigError', field: 'taskId' }));
	});

	test('a message that cannot be sent is an InvalidMessageError at once', async () => {
		const { agent } = await agentWith([]);
		expect(() => agent.stream({ parts: [] })).toThrow(expect.objectContaining({ name: 'InvalidMessageError' }));
	});

	test('nothing is sent until the iteration asks for the first event', async () => {
		const { agent, calls, all } = await agentWith([sse(endedBody(envelope(working), envelope(completed)))]);
		const events = agent.stream('hi', { contextId: 'ctx-1', historyLength: 0 });
		expect(calls).toEqual([]);
		expect((await all(events)).map((event) => event.kind)).toEqual(['task', 'status-update']);
		expect(calls[0]?.json).toMatchObject({ method: 'SendStreamingMessage', params: { message: { contextId: 'ctx-1' }, configuration: { historyLength: 0 } } });
	});
});

describe('a cut stream', () => {
	test('is subscribed to again with the same interface, and the new Task adds only what was not yielded', async () => {
		const { agent, calls, clock, all } = await agentWith([
			sse(brokenBody([envelope(working), envelope(chunk('one', false))])),
			sse(endedBody(envelope({ task: taskV1({ status: working.task.status, artifacts: [{ artifactId: 'a-1', parts: [{ text: 'one' }, { text: 'two' }] }] }) }), envelope(chunk('three', true)), envelope(completed))),
		]);
		const events = await all(agent.stream('hi'));
		expect(texts(events)).toEqual(['one', 'two', 'three']);
		expect(events.at(-1)).toMatchObject({ kind: 'status-update', status: { state: 'completed' } });
		expect(methods(calls)).toEqual(['SendStreamingMessage', 'SubscribeToTask']);
		expect(calls[1]).toMatchObject({ url: rpcUrl, json: { params: { id: 'task-1' } } });
		// The connection's retry: random 0.5 of its default baseDelayMs of 1000.
		expect(clock.sleeps).toContain(500);
	});

	test("the call's retry replaces the connection's: maxAttempts 1 throws the cut, with no second request", async () => {
		const { agent, calls, all } = await agentWith([sse(brokenBody([envelope(working)]))], { retry: { maxAttempts: 5 } });
		const error = await all(agent.stream('hi', { retry: { maxAttempts: 1 } })).catch((caught: unknown) => caught);
		expect(isTransportError(error) && error.kind).toBe('ReadError');
		expect(calls).toHaveLength(1);
	});

	test('a task that ended during the cut, refused on resubscribe, is read with getTask and ends the stream', async () => {
		const refused = json({ jsonrpc: '2.0', id: 'rpc', error: { code: -32004, message: 'Task is in a terminal state' } });
		const ended = json({ jsonrpc: '2.0', id: 'rpc', result: taskV1({ status: { state: 'TASK_STATE_COMPLETED', timestamp: '2026-11-30T07:00:09.000Z' }, artifacts: [{ artifactId: 'a-1', parts: [{ text: 'one' }, { text: 'two' }] }] }) });
		const { agent, calls, all } = await agentWith([sse(brokenBody([envelope(working), envelope(chunk('one', false))])), refused, ended]);
		const events = await all(agent.subscribe('task-1'));
		expect(methods(calls)).toEqual(['SubscribeToTask', 'SubscribeToTask', 'GetTask']);
		expect(texts(events)).toEqual(['one', 'two']);
		expect(events.at(-1)).toMatchObject({ kind: 'status-update', status: { state: 'completed' } });
	});
});
