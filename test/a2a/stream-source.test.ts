// The streaming half of the codecs, which src/a2a/stream.ts builds on: the request each version and
// binding sends to open a stream or subscribe, the event stream handed over unread, each event's
// data decoded into the normalised types, and the typed errors of error events and non-stream answers.
import { describe, expect, test } from 'vitest';
import { isTaskNotFoundError, isUnsupportedOperationError, type ConnectOptions } from '../../src/a2a/index.js';
import { openConnection } from '../../src/a2a/connection.js';
import { json, scriptedFetch, type Step } from '../helpers/scripted-fetch.js';
import { cardV03, cardV1, restUrl, rpcUrl, taskV1 } from './fixtures.js';
import { decodedEvents, plugEvents } from './sse-events.js';

const sse = (...frames: string[]): Response => new Response(frames.join(''), { status: 200, headers: { 'content-type': 'text/event-stream' } });
const data = (value: unknown, event?: string): string => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(value)}\n\n`;
const limits = { timeoutMs: 5000 };
const message = { messageId: 'm-1', parts: [{ kind: 'text' as const, text: 'hi' }] };

async function streamsWith(steps: Step[], options: ConnectOptions = {}, card = cardV1()) {
	const scripted = scriptedFetch(...steps);
	const { streams } = await openConnection(card, { fetch: scripted.fetch, uuid: () => 'rpc-1', ...options });
	return { streams, calls: scripted.calls };
}

describe('opening', () => {
	test('v1.0 JSON-RPC: SendStreamingMessage, Accept text/event-stream, A2A-Version 1.0', async () => {
		const { streams, calls } = await streamsWith([sse()]);
		await streams.openSend(message, { returnImmediately: false }, limits);
		expect(calls[0]).toMatchObject({ method: 'POST', url: rpcUrl, headers: { accept: 'text/event-stream', 'a2a-version': '1.0' } });
		expect(calls[0]?.json).toMatchObject({ jsonrpc: '2.0', id: 'rpc-1', method: 'SendStreamingMessage', params: { message: { messageId: 'm-1', role: 'ROLE_USER', parts: [{ text: 'hi' }] } } });
	});

	test('v1.0 HTTP+JSON: POST /message:stream, and POST /tasks/{id}:subscribe', async () => {
		const { streams, calls } = await streamsWith([sse()], { binding: 'HTTP+JSON' });
		await streams.openSend(message, {}, limits);
		await streams.openSubscribe('t 1', limits);
		expect(calls.map((call) => [call.method, call.url])).toEqual([
			['POST', `${restUrl}/message:stream`],
			['POST', `${restUrl}/tasks/t%201:subscribe`],
		]);
	});

	test('v0.3 JSON-RPC: message/stream and tasks/resubscribe, A2A-Version 0.3', async () => {
		const { streams, calls } = await streamsWith([sse()], {}, cardV03());
		await streams.openSend(message, {}, limits);
		await streams.openSubscribe('t1', limits);
		expect(calls.map((call) => [(call.json as { method: string }).method, call.headers['a2a-version']])).toEqual([
			['message/stream', '0.3'],
			['tasks/resubscribe', '0.3'],
		]);
		expect((calls[1]?.json as { params: unknown }).params).toEqual({ id: 't1' });
	});

	test('the response is handed over with its body unread', async () => {
		const { streams } = await streamsWith([sse(data({ jsonrpc: '2.0', id: 'rpc-1', result: { task: taskV1() } }))]);
		const opened = await streams.openSubscribe('task-1', limits);
		expect(opened.response.bodyUsed).toBe(false);
		expect(opened.response.headers.get('content-type')).toBe('text/event-stream');
	});

	test('an agent whose card says it does not stream is refused before sending', async () => {
		const { streams, calls } = await streamsWith([sse()], {}, cardV1({ capabilities: { streaming: false } }));
		expect(isUnsupportedOperationError(await streams.openSend(message, {}, limits).catch((error: unknown) => error))).toBe(true);
		expect(calls).toEqual([]);
	});

	test('a JSON-RPC error answered as JSON (HTTP 200) instead of a stream is its typed error', async () => {
		const { streams } = await streamsWith([json({ jsonrpc: '2.0', id: 'rpc-1', error: { code: -32001, message: 'Task not found: x' } })]);
		const error = await streams.openSubscribe('x', limits).catch((caught: unknown) => caught);
		expect(isTaskNotFoundError(error)).toBe(true);
		expect(error).toMatchObject({ code: -32001, status: 200 });
	});

	test('an HTTP+JSON 404 instead of a stream is its typed error with the status', async () => {
		const body = { error: { code: 404, status: 'NOT_FOUND', message: 'Task not found: x', details: [{ reason: 'TASK_NOT_FOUND' }] } };
		const { streams } = await streamsWith([json(body, 404)], { binding: 'HTTP+JSON' });
		expect(await streams.openSubscribe('x', limits).catch((caught: unknown) => caught)).toMatchObject({ name: 'TaskNotFoundError', status: 404 });
	});

	test('a 200 JSON answer that is no error is an UnexpectedResponseError naming the content type', async () => {
		const { streams } = await streamsWith([json(taskV1())], { binding: 'HTTP+JSON' });
		expect(await streams.openSubscribe('x', limits).catch((caught: unknown) => caught)).toMatchObject({
			name: 'UnexpectedResponseError',
			message: 'expected an event stream, got application/json; charset=utf-8',
		});
	});
});

describe('decoding events', () => {
	test('v1.0 JSON-RPC: task, statusUpdate, artifactUpdate envelopes into the normalised events', async () => {
		const envelope = (result: unknown) => data({ jsonrpc: '2.0', id: 'rpc-1', result });
		const { streams } = await streamsWith([
			sse(
				envelope({ task: taskV1({ status: { state: 'TASK_STATE_SUBMITTED' }, artifacts: [] }) }),
				envelope({ statusUpdate: { taskId: 'task-1', contextId: 'ctx-1', status: { state: 'TASK_STATE_WORKING' } } }),
				envelope({ artifactUpdate: { taskId: 'task-1', contextId: 'ctx-1', artifact: { artifactId: 'a', parts: [{ text: 'x' }] }, lastChunk: true } }),
			),
		]);
		expect(await decodedEvents(await streams.openSend(message, {}, limits))).toEqual([
			{ kind: 'task', id: 'task-1', contextId: 'ctx-1', status: { state: 'submitted' }, artifacts: [], history: [] },
			{ kind: 'status-update', taskId: 'task-1', contextId: 'ctx-1', status: { state: 'working' } },
			{ kind: 'artifact-update', taskId: 'task-1', contextId: 'ctx-1', artifact: { artifactId: 'a', parts: [{ kind: 'text', text: 'x' }] }, append: false, lastChunk: true },
		]);
	});

	test('v1.0 HTTP+JSON: bare StreamResponse objects', async () => {
		const { streams } = await streamsWith([sse(data({ message: { messageId: 'r', role: 'ROLE_AGENT', parts: [{ text: 'hello' }] } }))], { binding: 'HTTP+JSON' });
		expect(await decodedEvents(await streams.openSend(message, {}, limits))).toEqual([{ kind: 'message', messageId: 'r', role: 'agent', parts: [{ kind: 'text', text: 'hello' }] }]);
	});

	test('v0.3: kind-tagged events, final kept', async () => {
		const update = { kind: 'status-update', taskId: 't', contextId: 'c', status: { state: 'completed' }, final: true };
		const { streams } = await streamsWith([sse(data({ jsonrpc: '2.0', id: 'rpc-1', result: update }))], {}, cardV03());
		expect(await decodedEvents(await streams.openSubscribe('t', limits))).toEqual([{ kind: 'status-update', taskId: 't', contextId: 'c', status: { state: 'completed' }, final: true }]);
	});

	test('a JSON-RPC event: error frame throws its typed error', async () => {
		const { streams } = await streamsWith([sse(data({ jsonrpc: '2.0', id: 'rpc-1', error: { code: -32001, message: 'gone' } }, 'error'))]);
		expect(await decodedEvents(await streams.openSubscribe('t', limits)).catch((error: unknown) => error)).toMatchObject({ name: 'TaskNotFoundError', code: -32001 });
	});

	test('an HTTP+JSON event: error frame throws its typed error', async () => {
		const { streams } = await streamsWith([sse(data({ error: { code: 400, message: 'no', details: [{ reason: 'UNSUPPORTED_OPERATION' }] } }, 'error'))], { binding: 'HTTP+JSON' });
		expect(await decodedEvents(await streams.openSubscribe('t', limits)).catch((error: unknown) => error)).toMatchObject({ name: 'UnsupportedOperationError', reason: 'UNSUPPORTED_OPERATION' });
	});

	test('a malformed event is a ResponseValidationError, not an empty event (as a2a-js gives)', async () => {
		const { streams } = await streamsWith([sse(data({ foo: 1 }))], { binding: 'HTTP+JSON' });
		expect(await decodedEvents(await streams.openSubscribe('t', limits)).catch((error: unknown) => error)).toMatchObject({ name: 'ResponseValidationError' });
	});

	test('an event for another JSON-RPC request id is refused', async () => {
		const { streams } = await streamsWith([sse(data({ jsonrpc: '2.0', id: 'other', result: { task: taskV1() } }))]);
		expect(await decodedEvents(await streams.openSubscribe('t', limits)).catch((error: unknown) => error)).toMatchObject({ name: 'UnexpectedResponseError' });
	});
});

describe('the plug of streamTaskEvents (open, decode, decodeError)', () => {
	const send = { message, configuration: {} };
	const envelope = (id: string, result: unknown) => data({ jsonrpc: '2.0', id, result });

	test("'stream' sends the message; 'subscribe' follows the task, with a new JSON-RPC id each open that decode checks", async () => {
		const ids = ['rpc-1', 'rpc-2', 'rpc-3'];
		const scripted = scriptedFetch(
			(_request, seen) => sse(envelope((seen.json as { id: string }).id, { task: taskV1({ status: { state: 'TASK_STATE_WORKING' } }) })),
		);
		const { streams } = await openConnection(cardV1(), { fetch: scripted.fetch, uuid: () => ids.shift() ?? 'x' });
		const plug = streams.plug(send, 5000);
		expect(await plugEvents(plug, 'stream')).toMatchObject([{ kind: 'task', status: { state: 'working' } }]);
		expect(await plugEvents(plug, 'subscribe', 'task-1')).toMatchObject([{ kind: 'task' }]);
		expect(scripted.calls.map((call) => [(call.json as { method: string }).method, (call.json as { id: string }).id])).toEqual([
			['SendStreamingMessage', 'rpc-1'],
			['SubscribeToTask', 'rpc-2'],
		]);
		expect(() => plug.decode(JSON.stringify({ jsonrpc: '2.0', id: 'rpc-1', result: { task: taskV1() } }))).toThrow('the answer is for JSON-RPC request "rpc-1", not this one');
	});

	test('a 503 with Retry-After instead of a stream is an HttpError with its wait, which streamTaskEvents resubscribes after', async () => {
		const { streams } = await streamsWith([new Response('{"error":"busy"}', { status: 503, headers: { 'retry-after': '4', 'content-type': 'application/json' } })]);
		expect(await plugEvents(streams.plug(send, 5000), 'subscribe', 't').catch((error: unknown) => error)).toMatchObject({ name: 'HttpError', status: 503, retryAfterMs: 4000 });
	});

	test('a JSON-RPC error answered with HTTP 200 JSON is its typed error', async () => {
		const { streams } = await streamsWith([json({ jsonrpc: '2.0', id: 'rpc-1', error: { code: -32004, message: 'terminal' } })]);
		expect(await plugEvents(streams.plug(send, 5000), 'subscribe', 't').catch((error: unknown) => error)).toMatchObject({ name: 'UnsupportedOperationError', code: -32004 });
	});

	test('an event: error is its typed error, on HTTP+JSON too', async () => {
		const { streams } = await streamsWith([sse(data({ error: { code: 404, message: 'gone', details: [{ reason: 'TASK_NOT_FOUND' }] } }, 'error'))], { binding: 'HTTP+JSON' });
		expect(await plugEvents(streams.plug(send, 5000), 'subscribe', 't').catch((error: unknown) => error)).toMatchObject({ name: 'TaskNotFoundError', reason: 'TASK_NOT_FOUND' });
	});

	test("opening 'stream' without a message, or 'subscribe' without a task id, is a ConfigError", async () => {
		const { streams, calls } = await streamsWith([sse()]);
		const plug = streams.plug(undefined, 5000);
		expect(await plug.open('stream', undefined, new AbortController().signal).catch((error: unknown) => error)).toMatchObject({ name: 'ConfigError', field: 'message' });
		expect(await plug.open('subscribe', undefined, new AbortController().signal).catch((error: unknown) => error)).toMatchObject({ name: 'ConfigError', field: 'taskId' });
		expect(calls).toEqual([]);
	});

	test('an abort of the open signal rejects the open with its reason', async () => {
		const { streams } = await streamsWith([(request) => new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }))]);
		const controller = new AbortController();
		const opening = streams.plug(send, 5000).open('subscribe', 't', controller.signal).catch((error: unknown) => error);
		controller.abort(new Error('cut'));
		expect(await opening).toEqual(new Error('cut'));
	});
});
