// Issue 14's own SSE server: what real agents' servers do not do on cue, over real HTTP on 127.0.0.1,
// read by streamTaskEvents with the runtime's fetch. One behaviour per test.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { streamTaskEvents, type StreamOpenKind, type StreamTaskEventsOptions } from '../../src/a2a/stream.js';
import { isEventTooLargeError } from '../../src/errors/event-too-large-error.js';
import { isJsonRpcError, type JsonRpcError } from '../../src/errors/json-rpc-error.js';
import { isTransportError, TransportError } from '../../src/errors/transport-error.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { settledSoon } from '../helpers/settled.js';
import { cut, end, json, keepAlive, send, startSseServer, type SseServer } from '../helpers/sse-server.js';
import { artifact, collect, decode, decodeError, status, task, type TestEvent } from '../helpers/stream-script.js';

let server: SseServer;
beforeAll(async () => {
	server = await startSseServer();
});
afterAll(() => server.close());

/** The request of a `kind` to the server: a POST, as A2A streams are; network failures become TransportErrors. */
async function open(kind: StreamOpenKind, taskId: string | undefined, signal: AbortSignal): Promise<Response> {
	try {
		return await fetch(`${server.url}/${kind}${taskId ? `/${taskId}` : ''}`, { method: 'POST', body: '{}', headers: { accept: 'text/event-stream' }, signal });
	} catch (error) {
		if (signal.aborted) throw error;
		throw new TransportError('ConnectError', 'fetch failed', { cause: error });
	}
}

/** A stream that reconnects at once (every wait 0 ms), so the tests wait for nothing but the server. */
const stream = (options: Partial<StreamTaskEventsOptions<TestEvent>> = {}): AsyncIterableIterator<TestEvent> =>
	streamTaskEvents<TestEvent>({ open, decode, decodeError, random: () => 0, retry: { baseDelayMs: 1, maxDelayMs: 1 }, ...options });

const closedOnServer = (index: number): Promise<void> => vi.waitFor(() => expect(server.log[index]?.closed).toBe(true), { timeout: 5000, interval: 5 });

describe('streamTaskEvents over HTTP, against a server that misbehaves on cue', () => {
	test('keep-alive comments between events are skipped', async () => {
		server.script({
			'/stream': [
				(response) => {
					keepAlive(response);
					send(response, task('working'));
					keepAlive(response);
					keepAlive(response);
					send(response, status('completed', 1));
					keepAlive(response);
					end(response);
				},
			],
		});
		expect(await collect(stream())).toEqual([task('working'), status('completed', 1)]);
	});

	test('a cut in the middle of an event drops the half event, subscribes again, and goes on from the new Task', async () => {
		server.script({
			'/stream': [(response) => (send(response, task('working')), send(response, artifact('a', ['one'])), cut(response, artifact('a', ['two'], true)))],
			'/subscribe': [(response) => (send(response, task('working', 0, [{ artifactId: 'a', parts: ['one', 'two'].map((text) => ({ kind: 'text', text })) }])), send(response, status('completed', 1)), end(response))],
		});
		expect(await collect(stream())).toEqual([task('working'), artifact('a', ['one']), artifact('a', ['two'], true), status('completed', 1)]);
		expect(server.log.map((entry) => entry.path)).toEqual(['/stream', '/subscribe/t-1']);
	});

	test('a clean close before the task ends counts as a cut and is resubscribed', async () => {
		server.script({
			'/stream': [(response) => (send(response, task('submitted')), send(response, status('working', 1)), end(response))],
			'/subscribe': [(response) => (send(response, task('working', 1)), send(response, status('input-required', 2)), end(response))],
		});
		expect(await collect(stream())).toEqual([task('submitted'), status('working', 1), status('input-required', 2)]);
		expect(server.log.map((entry) => entry.path)).toEqual(['/stream', '/subscribe/t-1']);
	});

	test('an `event: error` ends the stream with the error decodeError makes of it', async () => {
		server.script({
			'/stream': [(response) => (send(response, task('working')), send(response, { jsonrpc: '2.0', id: 1, error: { code: -32603, message: 'agent crashed' } }, 'error'))],
		});
		const error = (await collect(stream()).catch((caught: unknown) => caught)) as JsonRpcError;
		expect(isJsonRpcError(error) && [error.code, error.message]).toEqual([-32603, 'agent crashed']);
		await closedOnServer(0);
	});

	test('a JSON error answer instead of a stream is read as the error it is', async () => {
		server.script({ '/subscribe': [(response) => json(response, { jsonrpc: '2.0', id: 1, error: { code: -32001, message: 'task not found' } })] });
		const error = (await collect(stream({ taskId: 'nope' })).catch((caught: unknown) => caught)) as JsonRpcError;
		expect(isJsonRpcError(error) && error.code).toBe(-32001);
		expect(server.log).toHaveLength(1);
	});

	test('a 5 MiB event is refused with an EventTooLargeError and the connection is closed', async () => {
		server.script({ '/stream': [(response) => (send(response, task('working')), send(response, { kind: 'message', messageId: 'big', parts: [{ kind: 'text', text: 'x'.repeat(5 * 1024 * 1024) }] }))] });
		await expect(collect(stream())).rejects.toSatisfy(isEventTooLargeError);
		await closedOnServer(0);
	});

	test('a server that never sends a byte is given up on at openTimeoutMs, and the request is closed', async () => {
		server.script({ '/stream': [() => {}] });
		const clock = new FakeClock();
		const reading = collect(stream({ clock, openTimeoutMs: 10_000 }));
		await vi.waitFor(() => expect(server.log).toHaveLength(1), { timeout: 5000, interval: 5 });
		clock.advance(9_999);
		expect((await settledSoon(reading)).settled).toBe(false);
		clock.advance(1);
		const error = await reading.catch((caught: unknown) => caught);
		expect(isTransportError(error) && error.kind).toBe('ReadTimeout');
		await closedOnServer(0);
		expect(clock.pendingTimers).toBe(0);
	});

	test('a server that never sends a byte is left at once on an abort, and the request is closed', async () => {
		server.script({ '/stream': [() => {}] });
		const controller = new AbortController();
		const reading = collect(stream({ signal: controller.signal }));
		await vi.waitFor(() => expect(server.log).toHaveLength(1), { timeout: 5000, interval: 5 });
		const reason = new Error('stop');
		controller.abort(reason);
		expect(await settledSoon(reading)).toEqual({ settled: true, reason });
		await closedOnServer(0);
	});
});
