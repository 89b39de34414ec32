// The shared SSE reader (src/events/sse.ts) the ./canvas and ./a2a faces read their streams with.
import { describe, expect, test } from 'vitest';
import { isConfigError } from '../../src/errors/config-error.js';
import { isEventTooLargeError, type EventTooLargeError } from '../../src/errors/event-too-large-error.js';
import { isTransportError } from '../../src/errors/transport-error.js';
import { defaultMaxEventBytes, readServerSentEvents, type ServerSentEvent, type ServerSentEventOptions } from '../../src/events/sse.js';
import { endedBody, ScriptedBody } from '../helpers/scripted-body.js';
import { settledSoon } from '../helpers/settled.js';

async function collect(body: ReadableStream<Uint8Array>, options?: ServerSentEventOptions): Promise<ServerSentEvent[]> {
	const events: ServerSentEvent[] = [];
	for await (const event of readServerSentEvents(body, options)) events.push(event);
	return events;
}

const datas = async (body: ReadableStream<Uint8Array>, options?: ServerSentEventOptions): Promise<string[]> =>
	(await collect(body, options)).map((event) => event.data);

describe('readServerSentEvents', () => {
	test('yields each event with its event name, data and id, in order', async () => {
		const events = await collect(endedBody('event: task\nid: 7\ndata: {"a":1}\n\ndata: plain\n\n'));
		expect(events).toEqual([
			{ event: 'task', data: '{"a":1}', id: '7' },
			{ event: undefined, data: 'plain', id: undefined },
		]);
	});

	test('skips comments and keep-alives', async () => {
		expect(await datas(endedBody(': keep-alive\n\n:ping\ndata: one\n\n: \n\ndata: two\n\n'))).toEqual(['one', 'two']);
	});

	test('joins multi-line data with \\n', async () => {
		expect(await datas(endedBody('data: first\ndata: second\ndata:\ndata: fourth\n\n'))).toEqual(['first\nsecond\n\nfourth']);
	});

	test('reads CRLF and bare CR line endings, even with a CRLF split across chunks', async () => {
		expect(await datas(endedBody('data: a\r\ndata: b\r\n\r\ndata: c\r\rdata: d\r', '\n\r', '\n'))).toEqual(['a\nb', 'c', 'd']);
	});

	test('puts back together a UTF-8 character split between chunks', async () => {
		const bytes = new TextEncoder().encode('data: h€llo 😀\n\n');
		const euro = bytes.indexOf(0xe2);
		const emoji = bytes.indexOf(0xf0);
		const chunks = [bytes.slice(0, euro + 1), bytes.slice(euro + 1, emoji + 2), bytes.slice(emoji + 2)];
		expect(await datas(endedBody(...chunks))).toEqual(['h€llo 😀']);
	});

	test('puts back together a field split between chunks', async () => {
		expect(await collect(endedBody('ev', 'ent: sta', 'tus\nda', 'ta: {"x"', ':1}\n', '\n'))).toEqual([{ event: 'status', data: '{"x":1}', id: undefined }]);
	});

	test('does not yield an event the body ended in the middle of', async () => {
		expect(await datas(endedBody('data: whole\n\ndata: cut off\n'))).toEqual(['whole']);
		expect(await datas(endedBody('data: whole\n\ndata: cut'))).toEqual(['whole']);
	});

	test('an event over maxEventBytes throws an EventTooLargeError naming the limit, and cancels the body', async () => {
		const body = new ScriptedBody('data: small\n\n', `data: ${'x'.repeat(101)}\n\n`, 'data: never\n\n');
		const seen: string[] = [];
		const reading = (async () => {
			for await (const event of readServerSentEvents(body.stream, { maxEventBytes: 100 })) seen.push(event.data);
		})();
		const error = (await reading.catch((caught: unknown) => caught)) as EventTooLargeError;
		expect(isEventTooLargeError(error)).toBe(true);
		expect(error.maxEventBytes).toBe(100);
		expect(error.message).toContain('maxEventBytes (100 bytes)');
		expect(seen).toEqual(['small']);
		expect(body.cancelled).toBeDefined();
	});

	test('the events before an oversized one in the same read still come out', async () => {
		const seen: string[] = [];
		const reading = (async () => {
			for await (const event of readServerSentEvents(endedBody(`data: small\n\ndata: ${'x'.repeat(101)}\n\n`), { maxEventBytes: 100 })) seen.push(event.data);
		})();
		await expect(reading).rejects.toSatisfy(isEventTooLargeError);
		expect(seen).toEqual(['small']);
	});

	test('the limit is on bytes of UTF-8, not characters, and an event exactly at it passes', async () => {
		await expect(datas(endedBody(`data: ${'é'.repeat(50)}\n\n`), { maxEventBytes: 100 })).resolves.toEqual(['é'.repeat(50)]);
		await expect(datas(endedBody(`data: ${'é'.repeat(51)}\n\n`), { maxEventBytes: 100 })).rejects.toSatisfy(isEventTooLargeError);
		await expect(datas(endedBody(`data: ${'€'.repeat(34)}\n\n`), { maxEventBytes: 100 })).rejects.toSatisfy(isEventTooLargeError);
	});

	test('a line that never ends is refused once it passes the limit, without waiting for its end', async () => {
		const body = new ScriptedBody();
		const reading = collect(body.stream, { maxEventBytes: 1000 });
		for (let index = 0; index < 20; index++) body.push(`data: ${'y'.repeat(100)}`);
		await expect(reading).rejects.toSatisfy(isEventTooLargeError);
		expect(body.cancelled).toBeDefined();
	});

	test('the default limit is 4 MiB', async () => {
		expect(defaultMaxEventBytes).toBe(4 * 1024 * 1024);
		await expect(datas(endedBody(`data: ${'z'.repeat(defaultMaxEventBytes + 1)}\n\n`))).rejects.toSatisfy(isEventTooLargeError);
	});

	test('an abort while a read is pending ends the iteration at once with its reason and cancels the body', async () => {
		const body = new ScriptedBody('data: one\n\n');
		const controller = new AbortController();
		const iterator = readServerSentEvents(body.stream, { signal: controller.signal });
		expect((await iterator.next()).value).toMatchObject({ data: 'one' });
		const pending = iterator.next();
		const reason = new Error('stop');
		controller.abort(reason);
		const { settled, reason: rejection } = await settledSoon(pending);
		expect(settled).toBe(true);
		expect(rejection).toBe(reason);
		expect(body.cancelled).toEqual({ reason });
		expect(body.stream.locked).toBe(false);
	});

	test('an abort between two events cancels the body at once, before the next read is asked for', async () => {
		const body = new ScriptedBody('data: one\n\n');
		const controller = new AbortController();
		const iterator = readServerSentEvents(body.stream, { signal: controller.signal });
		await iterator.next();
		controller.abort(new Error('stop'));
		expect(body.cancelled).toBeDefined();
		await expect(iterator.next()).rejects.toThrow('stop');
		expect(body.stream.locked).toBe(false);
	});

	test('an abort between two events of one chunk ends the iteration before the second', async () => {
		const body = new ScriptedBody('data: one\n\ndata: two\n\n');
		const controller = new AbortController();
		const iterator = readServerSentEvents(body.stream, { signal: controller.signal });
		expect((await iterator.next()).value).toMatchObject({ data: 'one' });
		controller.abort(new Error('stop'));
		await expect(iterator.next()).rejects.toThrow('stop');
		expect(body.cancelled).toBeDefined();
	});

	test('a signal aborted before the start rejects without yielding, and cancels the body', async () => {
		const body = new ScriptedBody('data: one\n\n');
		const reason = new Error('already');
		await expect(collect(body.stream, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
		expect(body.cancelled).toBeDefined();
	});

	test('breaking out of the loop cancels the body and releases it', async () => {
		const body = new ScriptedBody('data: one\n\ndata: two\n\n');
		for await (const event of readServerSentEvents(body.stream)) {
			expect(event.data).toBe('one');
			break;
		}
		expect(body.cancelled).toBeDefined();
		expect(body.stream.locked).toBe(false);
	});

	test('a body that ends releases its reader', async () => {
		const body = endedBody('data: one\n\n');
		await collect(body);
		expect(body.locked).toBe(false);
	});

	test('a body that breaks off throws a TransportError of kind ReadError carrying the cause', async () => {
		const cause = new TypeError('terminated');
		const body = new ScriptedBody('data: one\n\n');
		const seen: string[] = [];
		const reading = (async () => {
			for await (const event of readServerSentEvents(body.stream)) {
				seen.push(event.data);
				body.fail(cause);
			}
		})();
		const error = await reading.catch((caught: unknown) => caught);
		expect(isTransportError(error) && error.kind).toBe('ReadError');
		expect((error as Error).cause).toBe(cause);
		expect(seen).toEqual(['one']);
	});

	test('an unusable maxEventBytes or signal is a ConfigError naming the option, and the body is left alone', async () => {
		for (const [options, field] of [
			[{ maxEventBytes: 0 }, 'options.maxEventBytes'],
			[{ maxEventBytes: 1.5 }, 'options.maxEventBytes'],
			[{ maxEventBytes: '4' }, 'options.maxEventBytes'],
			[{ signal: {} }, 'options.signal'],
			[{ maxBytes: 4 }, 'options.maxBytes'],
		] as const) {
			const body = endedBody('data: one\n\n');
			const error = await collect(body, options as ServerSentEventOptions).catch((caught: unknown) => caught);
			expect(isConfigError(error) && error.field).toBe(field);
			expect(body.locked).toBe(false);
		}
	});
});
