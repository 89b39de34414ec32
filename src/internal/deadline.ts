import { systemClock, timerDelay, type Clock } from '../clock.js';
import { runtimeTimers } from './runtime.js';

/** Why a sleep is cancelled; one shared value, so settling allocates no error. */
const settled = new Error('settled');

/**
 * A time limit on the injected clock joined with a caller's signal: `signal` aborts when `ms` have
 * passed (with `reason`) or when the caller aborts (with the caller's reason), whichever comes first.
 * A clock whose `sleep` fails aborts it at once with that failure, so the work is never left without
 * a limit. Call `clear()` when the work is done: it stops the timer and stops listening to the
 * caller, leaving nothing behind. Throws a `ConfigError` on `clock` when the system clock is used in
 * a runtime without timers.
 *
 * @example
 * const deadline = new Deadline(clock, 10_000, options.signal);
 * try {
 * 	return await within(work(deadline.signal), deadline.signal);
 * } finally {
 * 	deadline.clear();
 * }
 */
export class Deadline {
	readonly #control = new AbortController();
	readonly #caller: AbortSignal | undefined;
	readonly #cancel: () => void;
	#expired = false;

	constructor(clock: Clock, ms: number, caller?: AbortSignal, reason?: unknown) {
		this.#caller = caller;
		const expire = (): void => {
			this.#expired = true;
			this.#control.abort(reason);
		};
		if (clock === systemClock) {
			// The system clock's sleep is this timer; set directly, it is cancelled without an abort
			// event, which costs more than the rest of the deadline (measured, once per request).
			const { setTimeout, clearTimeout } = runtimeTimers();
			const timer = setTimeout(expire, timerDelay(ms));
			this.#cancel = () => clearTimeout(timer);
		} else {
			const stop = new AbortController();
			clock.sleep(ms, stop.signal).then(expire, (error: unknown) => {
				if (!stop.signal.aborted) this.#control.abort(error);
			});
			this.#cancel = () => stop.abort(settled);
		}
		if (caller?.aborted) this.#onCallerAbort();
		else caller?.addEventListener('abort', this.#onCallerAbort, { once: true });
	}

	#onCallerAbort = (): void => this.#control.abort(this.#caller?.reason);

	/** Aborts when the time is up or the caller aborts. */
	get signal(): AbortSignal {
		return this.#control.signal;
	}

	/** Whether the time ran out (a caller's abort is not that). */
	get expired(): boolean {
		return this.#expired;
	}

	/** Stops the timer and the listening; the signal stays as it is. */
	clear(): void {
		this.#cancel();
		this.#caller?.removeEventListener('abort', this.#onCallerAbort);
	}
}
