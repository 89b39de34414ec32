// Issue 14, the streaming half: a message stream or task subscription that survives a cut
// (src/a2a/stream.ts), against scripted responses on a fake clock.
import { describe, expect, test } from 'vitest';
import { streamTaskEvents, type StreamTaskEventsOptions } from '../../src/a2a/stream.js';
import { isEventTooLargeError } from '../../src/errors/event-too-large-error.js';
import { isHttpError } from '../../src/errors/http-error.js';
import { isJsonRpcError, type JsonRpcError } from '../../src/errors/json-rpc-error.js';
import { isTransportError, TransportError } from '../../src/errors/transport-error.js';
import { drive, FakeClock } from '../helpers/fake-clock.js';
import { brokenBody, endedBody, ScriptedBody } from '../helpers/scripted-body.js';
import { settledSoon } from '../helpers/settled.js';
import { json } from '../helpers/scripted-fetch.js';
import {
	artifact,
	collect,
	decode,
	decodeError,
	eventStream,
	frame,
	message,
	scriptedOpen,
	status,
	task,
	type OpenStep,
	type TestEvent,
} from '../helpers/stream-script.js';

const openTimeoutMs = 30_000;
/** The waits between connections: the clock's sleeps but the open time limits. */
const waits = (clock: FakeClock): number[] => clock.sleeps.filter((ms) => ms !== openTimeoutMs);

/** A stream over `steps` on a fake clock whose random is always 0.5 (each wait is half its ceiling). */
function setup(steps: OpenStep[], options: Partial<StreamTaskEventsOptions<TestEvent>> = {}) {
	const clock = new FakeClock();
	const script = scriptedOpen(...steps);
	const warnings: string[] = [];
	const events = streamTaskEvents<TestEvent>({
		open: script.open,
		decode,
		decodeError,
		clock,
		random: () => 0.5,
		openTimeoutMs,
		logger: { warn: (line) => warnings.push(line) },
		...options,
	});
	return { clock, calls: script.calls, events, warnings, all: () => drive(collect(events), clock) };
}

const cut = (...events: unknown[]): Response => eventStream(brokenBody(events.map((event) => frame(event))));
const closed = (...events: unknown[]): Response => eventStream(endedBody(...events.map((event) => frame(event))));

describe('streamTaskEvents: where a stream ends', () => {
	test('yields a task stream in order and ends after its terminal status, without reconnecting', async () => {
		const body = new ScriptedBody(frame(task('submitted')), frame(status('working', 1)), frame(artifact('a', ['x'], false, true)), frame(status('completed', 2)));
		const { all, calls } = setup([eventStream(body.stream)]);
		expect(await all()).toEqual([task('submitted'), status('working', 1), artifact('a', ['x'], false, true), status('completed', 2)]);
		expect(calls.map((call) => call.kind)).toEqual(['stream']);
		// The server left the connection open: ending here released it.
		expect(body.cancelled).toBeDefined();
	});

	test.each(['failed', 'canceled', 'rejected', 'input-required', 'auth-required'])('ends after the state %s', async (state) => {
		const { all, calls } = setup([eventStream(new ScriptedBody(frame(task('working')), frame(status(state, 1))).stream)]);
		expect((await all()).at(-1)).toEqual(status(state, 1));
		expect(calls).toHaveLength(1);
	});

	test('ends after a v0.3 status update marked final', async () => {
		const { all } = setup([eventStream(new ScriptedBody(frame(task('working')), frame(status('working', 1, { final: true }))).stream)]);
		expect(await all()).toHaveLength(2);
	});

	test('a task stream that starts in an end state is that one task', async () => {
		const { all } = setup([eventStream(new ScriptedBody(frame(task('completed'))).stream)]);
		expect(await all()).toEqual([task('completed')]);
	});

	test('a message-only stream ends after its message', async () => {
		const { all, calls } = setup([eventStream(new ScriptedBody(frame(message('m-1'))).stream)]);
		expect(await all()).toEqual([message('m-1')]);
		expect(calls).toHaveLength(1);
	});
});

describe('streamTaskEvents: resubscribing after a cut', () => {
	test('a body that breaks off before an end state subscribes to the task again after a full-jitter wait', async () => {
		const { all, calls, clock, warnings } = setup([cut(task('working')), closed(task('working'), status('completed', 2))]);
		expect(await all()).toEqual([task('working'), status('completed', 2)]);
		expect(calls.map(({ kind, taskId }) => [kind, taskId])).toEqual([
			['stream', undefined],
			['subscribe', 't-1'],
		]);
		// backoffDelay(0) with random 0.5: half of the default baseDelayMs of 1000.
		expect(waits(clock)).toEqual([500]);
		expect(warnings).toEqual([expect.stringMatching(/^a2a stream: task t-1 cut \(the event stream broke off\); subscribing again in 500 ms \(attempt 2 of 5\)$/)]);
	});

	test('a clean close before an end state counts as a cut', async () => {
		const { all, calls } = setup([closed(task('working'), status('working', 1)), closed(task('working', 1), status('completed', 2))]);
		expect(await all()).toEqual([task('working'), status('working', 1), status('completed', 2)]);
		expect(calls.map((call) => call.kind)).toEqual(['stream', 'subscribe']);
	});

	test('the waits double from baseDelayMs up to maxDelayMs, each drawn below its ceiling', async () => {
		const { all, clock } = setup([cut(task('working')), cut(), cut(), cut(), cut(), closed(status('completed', 2))], {
			retry: { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 500 },
		});
		await all();
		expect(waits(clock)).toEqual([50, 100, 200, 250, 250]);
	});

	test('subscribing from the start follows the given task and retries a failed subscribe', async () => {
		const { all, calls } = setup([new TransportError('ConnectError', 'connect ECONNREFUSED'), closed(task('working'), status('completed', 1))], { taskId: 't-1' });
		expect(await all()).toEqual([task('working'), status('completed', 1)]);
		expect(calls.map(({ kind, taskId }) => [kind, taskId])).toEqual([
			['subscribe', 't-1'],
			['subscribe', 't-1'],
		]);
	});

	test('a cut before the task id is known is thrown: the message is never sent twice', async () => {
		const { all, calls } = setup([eventStream(brokenBody([': keep-alive\n\n']))]);
		const error = await all().catch((caught: unknown) => caught);
		expect(isTransportError(error) && error.kind).toBe('ReadError');
		expect(calls).toHaveLength(1);
	});

	test('a failed stream request is thrown, not made again', async () => {
		const { all, calls } = setup([new TransportError('ConnectError', 'connect ECONNREFUSED')]);
		await expect(all()).rejects.toSatisfy(isTransportError);
		expect(calls).toHaveLength(1);
	});

	test('gives up after maxAttempts connections in a row bring nothing new, throwing the last cut with its attempts', async () => {
		const { all, calls } = setup([cut(task('working')), cut(task('working')), cut(task('working'))], { retry: { maxAttempts: 3 } });
		const error = await all().catch((caught: unknown) => caught);
		expect(isTransportError(error) && error.attempts).toBe(3);
		expect(calls).toHaveLength(3);
	});

	test('a connection that brings something new starts the count again', async () => {
		const { all, calls } = setup([cut(task('working')), cut(task('working'), status('working', 1)), cut(task('working', 1), status('working', 2)), closed(status('completed', 3))], {
			retry: { maxAttempts: 2 },
		});
		expect((await all()).map((event) => event.kind === 'status-update' && event.status.state)).toEqual([false, 'working', 'working', 'completed']);
		expect(calls).toHaveLength(4);
	});

	test('gives up when the next wait would end past budgetMs since the cut', async () => {
		const { all, calls, clock } = setup([cut(task('working')), cut(), cut()], { retry: { maxAttempts: 10, baseDelayMs: 1000, budgetMs: 1200 } });
		await expect(all()).rejects.toSatisfy(isTransportError);
		// 500 ms, then 1000 ms would end at 1500 ms past the cut.
		expect(waits(clock)).toEqual([500]);
		expect(calls).toHaveLength(2);
	});

	test('a 503 that names a wait is waited, then the task is subscribed to again', async () => {
		const { all, clock } = setup([cut(task('working')), json({ error: { message: 'busy' }, retry_after: 7 }, 503), closed(status('completed', 1))]);
		await all();
		expect(waits(clock)).toEqual([500, 7000]);
	});

	test('a 503 to the first request (the message not taken) sends the message again after the wait, as a stream', async () => {
		const { all, clock, calls } = setup([json({ error: { message: 'busy' }, retry_after: 2 }, 503), closed(task('working'), status('completed', 1))]);
		expect((await all()).at(-1)).toEqual(status('completed', 1));
		expect(calls.map((call) => call.kind)).toEqual(['stream', 'stream']);
		expect(waits(clock)).toEqual([2000]);
	});

	test('an event of another task than the stream\'s is an UnexpectedResponseError, not yielded', async () => {
		const other = { ...status('completed', 1), taskId: 'OTHER' };
		const { all } = setup([closed(task('working'), other)]);
		await expect(all()).rejects.toMatchObject({ name: 'UnexpectedResponseError', message: expect.stringMatching(/carried a status-update event of task OTHER/) });
	});

	test('an abort during the wait ends it at once with its reason and leaves no timer', async () => {
		const controller = new AbortController();
		const { events, clock } = setup([cut(task('working'))], { signal: controller.signal });
		const reading = collect(events);
		while (clock.pendingTimers === 0) await new Promise((resolve) => setImmediate(resolve));
		const reason = new Error('stop');
		controller.abort(reason);
		expect(await settledSoon(reading)).toEqual({ settled: true, reason });
		expect(clock.pendingTimers).toBe(0);
	});
});

describe('streamTaskEvents: nothing twice', () => {
	test('the Task of a new subscription is not yielded again; only its new status comes out, as a status update', async () => {
		const { all } = setup([cut(task('submitted'), status('working', 1)), closed(task('input-required', 2))]);
		expect(await all()).toEqual([task('submitted'), status('working', 1), status('input-required', 2)]);
	});

	test('a status the new Task repeats (same state, timestamp and message) is not yielded again', async () => {
		const { all } = setup([cut(task('submitted'), status('working', 1)), closed(task('working', 1), status('completed', 2))]);
		expect(await all()).toEqual([task('submitted'), status('working', 1), status('completed', 2)]);
	});

	test('a live status update equal to one yielded is skipped, and the same state at a new time is not', async () => {
		const { all } = setup([closed(task('working'), status('working', 1), status('working', 1), status('working', 2), status('completed', 3))]);
		expect(await all()).toEqual([task('working'), status('working', 1), status('working', 2), status('completed', 3)]);
	});

	test('artifact parts the new Task holds past those yielded come out as one appended chunk; parts yielded do not', async () => {
		const snapshot = task('working', 0, [
			{ artifactId: 'a', parts: ['one', 'two', 'three'].map((text) => ({ kind: 'text', text })) },
			{ artifactId: 'b', parts: [{ kind: 'text', text: 'b1' }] },
		]);
		const { all } = setup([cut(task('working'), artifact('a', ['one']), artifact('a', ['two'], true), artifact('b', ['b1'])), closed(snapshot, status('completed', 1))]);
		expect(await all()).toEqual([task('working'), artifact('a', ['one']), artifact('a', ['two'], true), artifact('b', ['b1']), artifact('a', ['three'], true), status('completed', 1)]);
	});

	test('an artifact first seen in the new Task comes out whole, marked last when the task is over', async () => {
		const snapshot = task('completed', 1, [{ artifactId: 'c', parts: [{ kind: 'text', text: 'all of it' }] }]);
		const { all } = setup([cut(task('working')), closed(snapshot)]);
		expect(await all()).toEqual([task('working'), artifact('c', ['all of it'], false, true), status('completed', 1)]);
	});

	test('an artifact the first Task already held is counted as yielded', async () => {
		const first = task('working', 0, [{ artifactId: 'a', parts: [{ kind: 'text', text: 'one' }] }]);
		const { all } = setup([cut(first), closed(first, status('completed', 1))]);
		expect(await all()).toEqual([first, status('completed', 1)]);
	});

	test('a message already yielded (same messageId) is not yielded again', async () => {
		const { all } = setup([closed(task('working'), message('m-1'), message('m-1'), message('m-2'), status('completed', 1))]);
		expect((await all()).filter((event) => event.kind === 'message')).toEqual([message('m-1'), message('m-2')]);
	});

	test('a task that ended during the cut, refused on resubscribe, is read with getTask and what it adds comes out', async () => {
		const refusal = json({ jsonrpc: '2.0', id: 1, error: { code: -32004, message: 'task is in a terminal state' } });
		const final = task('completed', 2, [{ artifactId: 'a', parts: [{ kind: 'text', text: 'done' }] }]);
		const read: string[] = [];
		const { all } = setup([cut(task('working')), refusal], { getTask: async (taskId) => (read.push(taskId), final) });
		expect(await all()).toEqual([task('working'), artifact('a', ['done'], false, true), status('completed', 2)]);
		expect(read).toEqual(['t-1']);
	});

	test('when getTask finds the task not ended, or fails, the refusal is thrown', async () => {
		const refusal = () => json({ jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'invalid params' } });
		for (const getTask of [async () => task('working', 1), async () => Promise.reject(new Error('down')), () => {
			throw new Error('at once');
		}]) {
			const { all } = setup([cut(task('working')), refusal()], { getTask: getTask as StreamTaskEventsOptions<TestEvent>['getTask'] });
			const error = (await all().catch((caught: unknown) => caught)) as JsonRpcError;
			expect(isJsonRpcError(error) && error.code).toBe(-32602);
		}
	});

	test('without getTask, a refused resubscription is thrown as decodeError made it', async () => {
		const refusal = json({ jsonrpc: '2.0', id: 1, error: { code: -32004, message: 'task is in a terminal state' } });
		const { all } = setup([cut(task('working')), refusal]);
		const error = (await all().catch((caught: unknown) => caught)) as JsonRpcError;
		expect(isJsonRpcError(error) && error.code).toBe(-32004);
	});
});

describe('streamTaskEvents: error answers', () => {
	test('a JSON answer instead of a stream goes to decodeError with its status, type and body, and is thrown', async () => {
		const answers: unknown[] = [];
		const { all } = setup([json({ jsonrpc: '2.0', id: 1, error: { code: -32001, message: 'task not found' } })], {
			decodeError: (answer) => (answers.push(answer), decodeError(answer)),
		});
		const error = await all().catch((caught: unknown) => caught);
		expect(isJsonRpcError(error) && error.code).toBe(-32001);
		expect(answers).toEqual([{ source: 'response', status: 200, contentType: 'application/json; charset=utf-8', text: '{"jsonrpc":"2.0","id":1,"error":{"code":-32001,"message":"task not found"}}' }]);
	});

	test('an HTTP error answer goes to decodeError, and one that is not 429/503 is not retried', async () => {
		const { all, calls } = setup([cut(task('working')), json({ error: { message: 'nope' } }, 404)]);
		const error = await all().catch((caught: unknown) => caught);
		expect(isHttpError(error) && error.status).toBe(404);
		expect(calls).toHaveLength(2);
	});

	test('an `event: error` goes to decodeError with its data, is thrown, and closes the body', async () => {
		const body = new ScriptedBody(frame(task('working')), frame({ jsonrpc: '2.0', id: 1, error: { code: -32603, message: 'agent crashed' } }, 'error'));
		const { all, calls } = setup([eventStream(body.stream)]);
		const error = (await all().catch((caught: unknown) => caught)) as JsonRpcError;
		expect(isJsonRpcError(error) && error.message).toBe('agent crashed');
		expect(calls).toHaveLength(1);
		expect(body.cancelled).toBeDefined();
	});

	test('data the codec refuses ends the stream with the codec\'s error, without reconnecting', async () => {
		const { all, calls } = setup([eventStream(new ScriptedBody(frame(task('working')), 'data: {not json\n\n').stream)]);
		await expect(all()).rejects.toThrow(SyntaxError);
		expect(calls).toHaveLength(1);
	});

	test('an event over maxEventBytes ends the stream with an EventTooLargeError', async () => {
		const { all } = setup([eventStream(new ScriptedBody(frame(task('working')), frame(message('m', 'x'.repeat(2000)))).stream)], { maxEventBytes: 1000 });
		await expect(all()).rejects.toSatisfy(isEventTooLargeError);
	});
});

describe('streamTaskEvents: time limits and leaving nothing behind', () => {
	test('an answer that does not start within openTimeoutMs is a ReadTimeout, and the request is aborted', async () => {
		const { all, calls, clock } = setup([() => new Promise<Response>(() => {})], { openTimeoutMs: 5000 });
		const error = await all().catch((caught: unknown) => caught);
		expect(isTransportError(error) && error.kind).toBe('ReadTimeout');
		expect(clock.now()).toBe(5000);
		expect(calls[0]?.signal.aborted).toBe(true);
		expect(clock.pendingTimers).toBe(0);
	});

	test('a stream silent for idleTimeoutMs counts as cut, while keep-alive comments keep it open', async () => {
		const clock = new FakeClock();
		const quiet = new ScriptedBody(frame(task('working')));
		const chatty = new ScriptedBody(frame(task('working')));
		const script = scriptedOpen(eventStream(quiet.stream), eventStream(chatty.stream));
		const seen: TestEvent[] = [];
		const reading = (async () => {
			for await (const event of streamTaskEvents<TestEvent>({ open: script.open, decode, decodeError, clock, random: () => 0.5, idleTimeoutMs: 10_000 })) seen.push(event);
		})();
		await clock.run(10_000);
		expect(quiet.cancelled).toBeDefined();
		await clock.run(500);
		expect(script.calls.map((call) => call.kind)).toEqual(['stream', 'subscribe']);
		for (let second = 0; second < 30; second++) {
			chatty.push(': keep-alive\n\n');
			await clock.run(1000);
		}
		expect(chatty.cancelled).toBeUndefined();
		chatty.push(frame(status('completed', 1)));
		await reading;
		expect(seen).toEqual([task('working'), status('completed', 1)]);
		expect(clock.pendingTimers).toBe(0);
	});

	test('an abort while reading ends the iteration at once with its reason, aborts the request and cancels the body', async () => {
		const controller = new AbortController();
		const body = new ScriptedBody(frame(task('working')));
		const { events, calls, clock } = setup([eventStream(body.stream)], { signal: controller.signal });
		const iterator = events[Symbol.asyncIterator]();
		await iterator.next();
		const pending = iterator.next();
		const reason = new Error('stop');
		controller.abort(reason);
		expect(await settledSoon(pending)).toEqual({ settled: true, reason });
		expect(calls[0]?.signal.aborted).toBe(true);
		expect(body.cancelled).toBeDefined();
		expect(clock.pendingTimers).toBe(0);
	});

	test('an abort while the request is pending ends it at once, even when open ignores its signal', async () => {
		const controller = new AbortController();
		const { events, clock } = setup([() => new Promise<Response>(() => {})], { signal: controller.signal });
		const reading = collect(events);
		await new Promise((resolve) => setImmediate(resolve));
		const reason = new Error('stop');
		controller.abort(reason);
		expect(await settledSoon(reading)).toEqual({ settled: true, reason });
		expect(clock.pendingTimers).toBe(0);
	});

	test('breaking out of the loop aborts the request, cancels the body and leaves no timer', async () => {
		const body = new ScriptedBody(frame(task('working')), frame(status('working', 1)));
		const { events, calls, clock } = setup([eventStream(body.stream)], { idleTimeoutMs: 60_000 });
		for await (const event of events) {
			expect(event.kind).toBe('task');
			break;
		}
		expect(calls[0]?.signal.aborted).toBe(true);
		await new Promise((resolve) => setImmediate(resolve));
		expect(body.cancelled).toBeDefined();
		expect(clock.pendingTimers).toBe(0);
	});

	test('an unusable callback or time limit is a ConfigError naming it', async () => {
		await expect(collect(streamTaskEvents({ open: undefined as never, decode, decodeError }))).rejects.toThrow(/^open must be a function/);
		await expect(collect(streamTaskEvents({ open: scriptedOpen().open, decode, decodeError, openTimeoutMs: -1 }))).rejects.toThrow(/^openTimeoutMs must be a positive number/);
		await expect(collect(streamTaskEvents({ open: scriptedOpen().open, decode, decodeError, retry: { maxAttempts: 0 } }))).rejects.toThrow(/^retry.maxAttempts must be/);
	});
});
