// The one reader of `text/event-stream` bodies for the faces (./canvas, ./a2a). It reads with a
// `getReader()` loop, never `for await` over the body, which Safari does not support.
import { createParser, type ParseError } from 'eventsource-parser';
import { checkOptions, isAbortSignal } from '../arguments.js';
import { EventTooLargeError } from '../errors/event-too-large-error.js';
import { TransportError } from '../errors/transport-error.js';
import { flatten } from './flatten.js';

/** One event of a `text/event-stream`, as the server sent it. */
export interface ServerSentEvent {
	/** The `event:` field; `undefined` when the server sent none (a plain `message`). */
	event: string | undefined;
	/** The `data:` lines of the event joined with `\n`. */
	data: string;
	/** The `id:` field of this event; `undefined` when it had none. */
	id: string | undefined;
}

/** Options of `readServerSentEvents`. */
export interface ServerSentEventOptions {
	/**
	 * Largest `data` of one event, in bytes of UTF-8 (its lines joined with `\n`); a line that grows
	 * past it before it ends is refused too. A positive integer.
	 *
	 * @default 4194304 (4 MiB)
	 */
	maxEventBytes?: number | undefined;
	/** Ends the reading at once: the body is cancelled and the iteration rejects with the signal's reason. */
	signal?: AbortSignal | undefined;
}

/** 4 MiB, the cap `@a2a-js/sdk` puts on one event (its `DEFAULT_MAX_SSE_EVENT_SIZE_BYTES`). */
export const defaultMaxEventBytes = 4 * 1024 * 1024;

/** Room on top of the cap for what the parser buffers besides the data: the field name of the current line. */
const lineSlack = 64;

/** UTF-8 length of `text`, counted without encoding it. */
function utf8Length(text: string): number {
	let bytes = text.length;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		// A surrogate pair is two code units and four bytes: two extra, one per unit.
		if (code >= 0x80) bytes += code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 1 : 2;
	}
	return bytes;
}

/** Whether `data` is over `max` bytes; exact, and free for the usual event far under the cap. */
function overCap(data: string, max: number): boolean {
	// One UTF-16 unit is 1 to 3 bytes of UTF-8, so the length alone settles most cases.
	if (data.length * 3 <= max) return false;
	return data.length > max || utf8Length(data) > max;
}

/**
 * Reads the server-sent events of a response body, in order, as the body arrives. Comments (keep-alives
 * such as `: ping`) are skipped, multi-line `data` is joined with `\n`, `\n`, `\r\n` and `\r` all end
 * lines, and chunks may split a line or a UTF-8 character anywhere. An event still open when the body
 * ends (no blank line after it) is dropped, as the SSE spec says. Breaking out of the loop, an abort
 * or any error cancels the body, so no reader or socket is left behind.
 *
 * @param body The response body, e.g. `response.body` of a `text/event-stream` answer.
 * @param options `maxEventBytes` (default 4 MiB) and `signal`.
 * @returns The events, one at a time; ends when the body ends.
 * @throws {EventTooLargeError} when an event is over `maxEventBytes` (the body is cancelled).
 * @throws {TransportError} of kind `ReadError` when the body breaks off (the connection dropped).
 * @throws {ConfigError} naming `options.maxEventBytes` or `options.signal` when one is not usable.
 * @throws the signal's reason when `options.signal` aborts, at once, even while a read is pending.
 * @example
 * for await (const event of readServerSentEvents(response.body, { signal })) {
 * 	if (event.event === 'error') throw new Error(event.data);
 * 	handle(JSON.parse(event.data));
 * }
 */
export function readServerSentEvents(body: ReadableStream<Uint8Array>, options?: ServerSentEventOptions): AsyncIterableIterator<ServerSentEvent> {
	return flatten(readServerSentEventBatches(body, options), options?.signal ?? undefined);
}

/**
 * `readServerSentEvents` a body read at a time: each batch holds the events one read completed, in
 * order, and is never empty. For readers that pass events on through more layers, which then cost
 * one step per read instead of one per event. Same options, errors and clean-up.
 *
 * @example
 * for await (const batch of readServerSentEventBatches(response.body, { signal })) for (const event of batch) handle(event);
 */
export async function* readServerSentEventBatches(body: ReadableStream<Uint8Array>, options?: ServerSentEventOptions): AsyncGenerator<ServerSentEvent[], void, undefined> {
	const checked = checkOptions(options, {
		maxEventBytes: [(value) => Number.isSafeInteger(value) && (value as number) > 0, 'a positive integer number of bytes'],
		signal: [isAbortSignal, 'an AbortSignal'],
	});
	const max = checked.maxEventBytes ?? defaultMaxEventBytes;
	const signal = checked.signal ?? undefined;
	const reader = body.getReader();
	const decoder = new TextDecoder();
	let ready: ServerSentEvent[] = [];
	let bufferOverflow = false;
	const parser = createParser({
		onEvent: ({ event, data, id }) => void ready.push({ event, data, id }),
		// Only the overflow matters: unknown fields and a bad `retry:` are ignored, as the SSE spec says.
		onError: (error: ParseError) => void (bufferOverflow ||= error.type === 'max-buffer-size-exceeded'),
		// Counted in UTF-16 units, each at most as many as bytes: a loose bound on memory, made exact per event below.
		maxBufferSize: max + lineSlack,
	});
	// Cancelling settles a pending read at once (done), even when the source ignores the cancel.
	const onAbort = (): void => void reader.cancel(signal?.reason).catch(() => {});
	signal?.addEventListener('abort', onAbort, { once: true });
	let ended = false;
	try {
		for (;;) {
			if (signal?.aborted) throw signal.reason;
			let chunk: ReadableStreamReadResult<Uint8Array>;
			try {
				chunk = await reader.read();
			} catch (error) {
				if (signal?.aborted) throw signal.reason;
				throw new TransportError('ReadError', 'the event stream broke off', { cause: error });
			}
			if (signal?.aborted) throw signal.reason;
			if (chunk.done) {
				ended = true;
				// Not `reset({ consume: true })`: an event without its closing blank line is incomplete.
				return;
			}
			parser.feed(decoder.decode(chunk.value, { stream: true }));
			const batch = ready;
			ready = [];
			const over = batch.findIndex((event) => overCap(event.data, max));
			if (over >= 0 || bufferOverflow) {
				// The events before the oversized one were whole and within the cap: they go out first.
				const whole = over >= 0 ? batch.slice(0, over) : batch;
				if (whole.length > 0) yield whole;
				throw new EventTooLargeError(max);
			}
			if (batch.length > 0) yield batch;
		}
	} finally {
		signal?.removeEventListener('abort', onAbort);
		// Not awaited: cancelling one branch of a tee'd body waits for the other branch. The stream is
		// closed as soon as cancel is called, so the lock can go at once.
		if (!ended) void reader.cancel().catch(() => {});
		reader.releaseLock();
	}
}
