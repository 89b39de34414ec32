import type { Clock } from '../clock.js';
import { TransportError } from '../errors/transport-error.js';
import { UnexpectedResponseError } from '../errors/unexpected-response-error.js';
import { readServerSentEventBatches, type ServerSentEvent } from '../events/sse.js';
import { readCapped } from '../internal/body.js';
import { deadline, type Deadline } from '../internal/deadline.js';
import { within } from '../internal/within.js';

/**
 * An answer that is an error instead of events, for the codec to turn into its typed error: a response
 * that is not a `text/event-stream` (a JSON-RPC error, an HTTP error), or an `event: error` in the stream.
 */
export interface StreamErrorAnswer {
	/** `'response'`: the whole answer was not a stream; `'event'`: the stream sent `event: error`. */
	source: 'response' | 'event';
	/** The HTTP status of the response. */
	status: number;
	/** The response's `Content-Type`, when it had one. */
	contentType: string | null;
	/** The response body (at most `maxEventBytes` of it), or the error event's data. */
	text: string;
}

/** What one connection needs besides the request. */
export interface ConnectionOptions {
	clock: Clock;
	/** Milliseconds for the answer to start (its headers), and for an error answer to be read. */
	openMs: number;
	/** Milliseconds the stream may stay without a byte (keep-alive comments count) before it counts as cut; `undefined`: no limit. */
	idleMs: number | undefined;
	maxEventBytes: number;
	/** Turns an error answer into the error to throw. */
	decodeError: (answer: StreamErrorAnswer) => unknown;
	/** The caller's signal: its abort ends everything at once, with its reason. */
	signal: AbortSignal | undefined;
}

const isEventStream = (type: string | null): boolean => type !== null && /^\s*text\/event-stream\s*(;|$)/i.test(type);

/**
 * Opens one connection with `open` and yields its server-sent events, a body read at a time (batches
 * never empty), up to an `event: error`, which is thrown as `decodeError` makes it. When the iteration ends, however it ends, the request is aborted,
 * the body cancelled and every timer cleared.
 *
 * @throws {TransportError} `ReadTimeout` when no answer starts within `openMs`, or no byte comes for `idleMs`.
 * @throws whatever `decodeError` returns, for an answer that is not an event stream or an `event: error`.
 */
export async function* connectionEvents(open: (signal: AbortSignal) => Promise<Response>, options: ConnectionOptions): AsyncGenerator<ServerSentEvent[], void, undefined> {
	const { clock, signal } = options;
	if (signal?.aborted) throw signal.reason;
	const connection = new AbortController();
	const onAbort = (): void => connection.abort(signal?.reason);
	signal?.addEventListener('abort', onAbort, { once: true });
	const limit = deadline(clock, options.openMs, connection.signal, new TransportError('ReadTimeout', `the event stream did not open within ${options.openMs} ms`));
	let idle: Deadline | undefined;
	try {
		const opening = (async () => open(connection.signal))();
		let response: Response;
		try {
			response = await within(opening, limit.signal);
		} catch (error) {
			// An `open` that ignores its signal may still answer: that answer is not wanted.
			opening.then((late) => void late.body?.cancel().catch(() => {}), () => {});
			throw error;
		}
		const contentType = response.headers.get('content-type');
		if (!response.ok || !isEventStream(contentType)) {
			const bytes = await readCapped(response.body, options.maxEventBytes, limit.signal);
			if (bytes === null) throw new UnexpectedResponseError(`HTTP ${response.status} answer of more than ${options.maxEventBytes} bytes instead of an event stream`, response.status);
			throw options.decodeError({ source: 'response', status: response.status, contentType, text: new TextDecoder().decode(bytes) });
		}
		limit.clear();
		let body: ReadableStream<Uint8Array> | null = response.body;
		if (!body) return;
		if (options.idleMs !== undefined) {
			const idleMs = options.idleMs;
			let last = clock.now();
			const watch = (ms: number): void => {
				idle = deadline(clock, ms);
				idle.signal.addEventListener('abort', () => {
					const quiet = clock.now() - last;
					if (quiet < idleMs) watch(idleMs - quiet);
					else connection.abort(new TransportError('ReadTimeout', `the event stream sent nothing for ${idleMs} ms`));
				});
			};
			watch(idleMs);
			body = body.pipeThrough(
				new TransformStream<Uint8Array, Uint8Array>({
					transform(chunk, controller) {
						last = clock.now();
						controller.enqueue(chunk);
					},
				}),
			);
		}
		for await (const batch of readServerSentEventBatches(body, { maxEventBytes: options.maxEventBytes, signal: connection.signal })) {
			const failure = batch.findIndex((event) => event.event === 'error');
			if (failure < 0) {
				yield batch;
				continue;
			}
			if (failure > 0) yield batch.slice(0, failure);
			throw options.decodeError({ source: 'event', status: response.status, contentType, text: (batch[failure] as ServerSentEvent).data });
		}
	} finally {
		limit.clear();
		idle?.clear();
		signal?.removeEventListener('abort', onAbort);
		// Ends the request if it is still going: a socket, a pending read, a body nobody reads.
		connection.abort(new Error('event stream closed'));
	}
}
