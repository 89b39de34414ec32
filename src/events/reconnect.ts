import type { Clock } from '../clock.js';

/** What a reconnecting stream yields: the connection's items, and word of drops and reconnects. */
export type ReconnectItem<T> =
	| { kind: 'item'; value: T }
	/** The connection dropped (or could not be made); the next try comes after `delayMs`. */
	| { kind: 'reconnecting'; attempt: number; delayMs: number; reason: string }
	/** A new connection is open after `attempt` failed tries. */
	| { kind: 'reconnected'; attempt: number };

export interface ReconnectOptions<T> {
	/** Opens one connection; resolves once it is open. Its `signal` aborts when the stream stops or the connection is left. */
	open(signal: AbortSignal): Promise<AsyncIterable<T>>;
	/** The wait before try number `attempt + 1` after `attempt` failures in a row, in milliseconds (backoff with jitter). */
	delayMs(attempt: number): number;
	/** A failure that no reconnect can mend (refused credentials, a missing workspace): thrown out of the stream. */
	isFatal(error: unknown): boolean;
	/** Describes a failure for the `reconnecting` item and the log, without secrets. */
	describe(error: unknown): string;
	clock: Clock;
	/** Stops the stream: the iteration ends quietly, with no timer or connection left. */
	signal: AbortSignal;
	/** A connection that stayed open this long, in milliseconds, resets the backoff. */
	stableMs: number;
}

/**
 * A stream that survives drops: opens a connection, yields its items, and when it ends or fails
 * (but fatally), says so, waits with backoff on the injected clock and opens another, saying so once
 * it is open. Backoff grows with each failure in a row and is reset by a connection that stayed up
 * `stableMs`. Ends quietly when `signal` aborts; leaving the loop closes the open connection.
 */
export async function* reconnecting<T>(options: ReconnectOptions<T>): AsyncGenerator<ReconnectItem<T>, void, undefined> {
	const { clock, signal } = options;
	let failures = 0;
	let reconnect = false;
	while (!signal.aborted) {
		const connection = new AbortController();
		const stop = (): void => connection.abort(signal.reason);
		signal.addEventListener('abort', stop, { once: true });
		let reason: string;
		try {
			const stream = await options.open(connection.signal);
			const openedAt = clock.now();
			if (reconnect) yield { kind: 'reconnected', attempt: failures };
			try {
				for await (const value of stream) yield { kind: 'item', value };
				reason = 'the connection closed';
			} finally {
				if (clock.now() - openedAt >= options.stableMs) failures = 0;
			}
		} catch (error) {
			if (signal.aborted) return;
			if (options.isFatal(error)) throw error;
			reason = options.describe(error);
		} finally {
			signal.removeEventListener('abort', stop);
			connection.abort();
		}
		if (signal.aborted) return;
		const delayMs = options.delayMs(failures);
		failures++;
		reconnect = true;
		yield { kind: 'reconnecting', attempt: failures, delayMs, reason };
		try {
			await clock.sleep(delayMs, signal);
		} catch {
			return;
		}
	}
}
