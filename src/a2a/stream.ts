// The streaming half of ./a2a (issue 14): a message stream or a task subscription that survives a cut.
// Written against callbacks (open, decode, decodeError, getTask) so it knows nothing of A2A versions,
// bindings or codecs: the connection supplies those.
import { systemClock, type Clock } from '../clock.js';
import { defaultRetryPolicy, policy, type Logger, type RetryPolicy } from '../config.js';
import { isA2AClientError } from '../errors/a2a-client-error.js';
import { ConfigError } from '../errors/config-error.js';
import { isHttpError } from '../errors/http-error.js';
import { isTransportError, TransportError } from '../errors/transport-error.js';
import { backoffDelay } from '../events/backoff.js';
import { flatten } from '../events/flatten.js';
import { defaultMaxEventBytes } from '../events/sse.js';
import { kindOf } from '../internal/describe.js';
import { within } from '../internal/within.js';
import { maxRetryAfterMs } from '../retry.js';
import { connectionEvents, type StreamErrorAnswer } from './stream-connection.js';
import { StreamLedger } from './stream-ledger.js';
import { streamEndStates, type NormalisedStreamEvent } from './stream-types.js';

export type { StreamErrorAnswer } from './stream-connection.js';

/** `'stream'`: send the message and stream the answer (`SendStreamingMessage`, `message/stream`); `'subscribe'`: follow a task (`SubscribeToTask`, `tasks/resubscribe`). */
export type StreamOpenKind = 'stream' | 'subscribe';

/** What `streamTaskEvents` needs: how to open, how to read, and how patient to be. */
export interface StreamTaskEventsOptions<E extends NormalisedStreamEvent> {
	/**
	 * Makes one request and returns its response as it starts (headers read, body not). `'stream'` sends
	 * the message (made once, never repeated: the message would be sent twice); `'subscribe'` follows
	 * `taskId`, and is made again after every cut. Aborting `signal` must abort the request; network
	 * failures should reject with a `TransportError` (the core's transport does), which is what makes
	 * a failed subscribe worth another try.
	 */
	open: (kind: StreamOpenKind, taskId: string | undefined, signal: AbortSignal) => Promise<Response>;
	/** Turns one event's `data` into an event (unwrapping a JSON-RPC envelope, normalising the version); throws a typed error for bad data, which ends the stream. */
	decode: (data: string) => E;
	/** Turns an error answer (a response that is not an event stream, or an `event: error`) into the error to throw. An `HttpError` 429/503 or a `TransportError` is retried; anything else ends the stream. */
	decodeError: (answer: StreamErrorAnswer) => unknown;
	/**
	 * Reads a task (`GetTask`). When a resubscription is refused with an error that is not retried (the
	 * task ended during the cut, and agents refuse to subscribe to an ended task), the task is read
	 * once: if it is in an end state, what it adds to what was yielded comes out and the stream ends.
	 * Without it, that refusal is thrown.
	 */
	getTask?: ((taskId: string, signal: AbortSignal) => Promise<Extract<E, { kind: 'task' }>>) | undefined;
	/** Subscribe to this task from the start instead of sending a message (`subscribe(taskId)`). */
	taskId?: string | undefined;
	/**
	 * How reconnections are made: `maxAttempts` connections in a row without a new event (the first
	 * included; `1` never reconnects), full-jitter waits from `baseDelayMs` doubling to `maxDelayMs`
	 * (`backoffDelay`; `jitter` is not used), none starting once `budgetMs` has passed since the cut.
	 * A 429/503 that names a wait is waited (at most 60 s). The core's `RetryPolicy`; its defaults.
	 */
	retry?: Partial<RetryPolicy> | undefined;
	/**
	 * Milliseconds for an answer to start (its headers), and for an error answer to be read in full.
	 *
	 * @default 30000
	 */
	openTimeoutMs?: number | undefined;
	/**
	 * Milliseconds the stream may go without a byte (keep-alive comments count) before it counts as cut
	 * and is resubscribed. Off by default: agents may be silent for long, and many send no keep-alives.
	 */
	idleTimeoutMs?: number | undefined;
	/**
	 * Largest event, in bytes of UTF-8 data.
	 *
	 * @default 4194304 (4 MiB)
	 */
	maxEventBytes?: number | undefined;
	/** The clock every wait and time limit is on. Default: the system clock. */
	clock?: Clock | undefined;
	/** Uniform numbers in `[0, 1)` for the jitter. Default: `Math.random`. */
	random?: (() => number) | undefined;
	/** Ends the stream at once, rejecting with its reason; no request, read or timer is left. */
	signal?: AbortSignal | undefined;
	/** Told each cut (`warn`) and each resynchronisation (`debug`). */
	logger?: Partial<Logger> | undefined;
}

const positive = (field: string, value: unknown, fallback: number): number => {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new ConfigError(field, `must be a positive number of milliseconds, got ${kindOf(value)}`);
	return value;
};

/** A cut worth another subscription: the connection failed or dropped, or the agent asked to come back later. */
const reconnectable = (error: unknown): boolean => isTransportError(error) || (isHttpError(error) && (error.status === 429 || error.status === 503));

/**
 * The events of a message stream or a task subscription, one at a time, that survives cuts. When the
 * connection drops, or closes cleanly, before the task reaches an end state (`completed`, `failed`,
 * `canceled`, `rejected`, `input-required`, `auth-required`; or v0.3's `final`), the task is
 * subscribed to again after a full-jitter wait, within `retry`'s attempts and budget. The first Task
 * of each new subscription resynchronises: only what it adds to what was yielded comes out (see
 * `StreamLedger` for what counts as the same event), so no status update, message or artifact part
 * comes out twice. The iteration ends after the event with an end state, or after a message-only
 * stream's message; ending it early (`break`) or aborting cancels the request and leaves no timer.
 *
 * A cut before the task's id is known (no task event yet) cannot be resubscribed, and is thrown.
 *
 * @param options The callbacks (`open`, `decode`, `decodeError`, optional `getTask`) and the limits.
 * @returns The events, as `decode` makes them, plus the status and artifact updates a resynchronisation makes.
 * @throws {TransportError} the last cut, when the attempts or the budget run out (its `attempts` set).
 * @throws {EventTooLargeError} for an event over `maxEventBytes`.
 * @throws whatever `decode` or `decodeError` throws or returns, for bad data and error answers.
 * @throws the signal's reason when `options.signal` aborts.
 * @example
 * for await (const event of streamTaskEvents({ open, decode, decodeError, clock, signal })) {
 * 	if (event.kind === 'artifact-update') render(event.artifact);
 * 	if (event.kind === 'status-update') console.log(event.status.state);
 * }
 */
export function streamTaskEvents<E extends NormalisedStreamEvent>(options: StreamTaskEventsOptions<E>): AsyncIterableIterator<E> {
	return flatten(streamTaskEventBatches(options), options.signal);
}

/** `streamTaskEvents` a body read at a time (batches never empty); see there. */
async function* streamTaskEventBatches<E extends NormalisedStreamEvent>(options: StreamTaskEventsOptions<E>): AsyncGenerator<E[], void, undefined> {
	for (const name of ['open', 'decode', 'decodeError'] as const) {
		if (typeof options[name] !== 'function') throw new ConfigError(name, `must be a function, got ${kindOf(options[name])}`);
	}
	const retry = policy('retry', defaultRetryPolicy, options.retry);
	const clock = options.clock ?? systemClock;
	const random = options.random ?? Math.random;
	const { signal, logger, getTask } = options;
	const connection = {
		clock,
		openMs: positive('openTimeoutMs', options.openTimeoutMs, 30_000),
		idleMs: options.idleTimeoutMs === undefined ? undefined : positive('idleTimeoutMs', options.idleTimeoutMs, 0),
		maxEventBytes: options.maxEventBytes ?? defaultMaxEventBytes,
		decodeError: options.decodeError,
		signal,
	};
	const ledger = new StreamLedger<E>(options.taskId);
	let kind: StreamOpenKind = options.taskId === undefined ? 'stream' : 'subscribe';
	/** Connections in a row that brought nothing new, and when the first of their cuts happened. */
	let failures = 0;
	let cutAt: number | undefined;
	for (let reconnection = 0; ; reconnection++) {
		let cut: unknown;
		try {
			const taskId = ledger.taskId;
			for await (const batch of connectionEvents((connectionSignal) => options.open(kind, taskId, connectionSignal), connection)) {
				const out: E[] = [];
				for (const event of batch) {
					// Decoded one at a time: what comes after an end state is not read, and a bad event
					// still lets those before it out.
					let decoded: E;
					try {
						decoded = options.decode(event.data);
					} catch (error) {
						if (out.length > 0) yield out;
						throw error;
					}
					ledger.take(decoded, out);
					if (ledger.ended) break;
				}
				if (out.length > 0) {
					failures = 0;
					cutAt = undefined;
					yield out;
				}
				if (ledger.ended) return;
			}
			cut = new TransportError('ReadError', `the event stream of task ${ledger.taskId ?? '(not yet known)'} ended before the task reached an end state`);
		} catch (error) {
			if (signal?.aborted) throw signal.reason;
			if (!reconnectable(error)) {
				const taskId = ledger.taskId;
				if (reconnection > 0 && getTask && taskId !== undefined) {
					const reading = signal ?? new AbortController().signal;
					const task = await within((async () => getTask(taskId, reading))(), reading).catch(() => undefined);
					if (signal?.aborted) throw signal.reason;
					if (task && streamEndStates.has(task.status.state)) {
						logger?.debug?.(`a2a stream: task ${taskId} ended during the cut (${task.status.state}); read it instead of subscribing`);
						const out = ledger.resync(task);
						if (out.length > 0) yield out;
						return;
					}
				}
				throw error;
			}
			cut = error;
		}
		const taskId = ledger.taskId;
		// Only a task can be followed again: the message of a 'stream' is never sent twice, unless the
		// agent refused it with a 429 or 503, which say it was not taken (it goes again, same messageId).
		const notTaken = isHttpError(cut) && (cut.status === 429 || cut.status === 503);
		if (taskId === undefined && !notTaken) throw cut;
		failures++;
		cutAt ??= clock.now();
		const delayMs =
			isHttpError(cut) && cut.retryAfterMs !== undefined
				? Math.min(cut.retryAfterMs, maxRetryAfterMs)
				: backoffDelay(failures - 1, { baseMs: retry.baseDelayMs, maxMs: retry.maxDelayMs, random });
		if (failures >= retry.maxAttempts || clock.now() + delayMs - cutAt > retry.budgetMs) {
			if (isA2AClientError(cut)) cut.attempts = failures;
			throw cut;
		}
		const reason = cut instanceof Error ? cut.message : kindOf(cut);
		if (taskId === undefined) {
			logger?.warn?.(`a2a stream: the agent did not take the message (${reason}); sending it again in ${delayMs} ms (attempt ${failures + 1} of ${retry.maxAttempts})`);
		} else {
			logger?.warn?.(`a2a stream: task ${taskId} cut (${reason}); subscribing again in ${delayMs} ms (attempt ${failures + 1} of ${retry.maxAttempts})`);
		}
		await clock.sleep(delayMs, signal);
		if (taskId !== undefined) kind = 'subscribe';
	}
}
