import { systemClock, timerDelay, type Clock } from '../clock.js';
import { runtime } from './runtime.js';

/** Why a sleep is cancelled; one shared value, so settling allocates no error. */
const settled = new Error('settled');

/** A time limit joined with a caller's signal; see `deadline`. */
export interface Deadline {
	/** Aborts when the time is up (with the deadline's reason) or the caller aborts (with the caller's). */
	readonly signal: AbortSignal;
	/** Whether the time ran out (a caller's abort is not that). */
	expired(): boolean;
	/** Stops the timer and the listening to the caller; the signal stays as it is. */
	clear(): void;
}

/**
 * A time limit of `ms` on the injected clock joined with a caller's signal, whichever comes first.
 * Call `clear()` when the work is done: it leaves no timer and no listener behind. Throws a
 * `ConfigError` on `clock` when the system clock is used in a runtime without timers.
 *
 * @example
 * const limit = deadline(clock, 10_000, options.signal);
 * try {
 * 	return await within(work(limit.signal), limit.signal);
 * } finally {
 * 	limit.clear();
 * }
 */
export function deadline(clock: Clock, ms: number, caller?: AbortSignal, reason?: unknown): Deadline {
	const control = new AbortController();
	let expired = false;
	let cancel: () => void;
	const expire = (): void => {
		expired = true;
		control.abort(reason);
	};
	const onCallerAbort = (): void => control.abort(caller?.reason);
	if (clock === systemClock) {
		// The system clock's sleep is this timer; set directly, it is cancelled without an abort
		// event, which costs more than the rest of the deadline (measured, once per request).
		const timer = runtime('setTimeout', 'clock')(expire, timerDelay(ms));
		const stop = runtime('clearTimeout', 'clock');
		cancel = () => stop(timer);
	} else {
		const stop = new AbortController();
		clock.sleep(ms, stop.signal).then(expire, () => {});
		cancel = () => stop.abort(settled);
	}
	if (caller?.aborted) onCallerAbort();
	else caller?.addEventListener('abort', onCallerAbort, { once: true });
	return {
		signal: control.signal,
		expired: () => expired,
		clear() {
			cancel();
			caller?.removeEventListener('abort', onCallerAbort);
		},
	};
}
