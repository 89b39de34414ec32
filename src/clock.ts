/**
 * Time as the client (and the dev platform) sees it. Inject a fake one to test retries, time limits
 * and cache lifetimes without waiting; test/helpers/fake-clock.ts in this repository is one.
 *
 * @example
 * let now = 0;
 * const clock: Clock = { now: () => now, wallNow: () => Date.UTC(2026, 7, 1) + now, sleep: async (ms) => void (now += ms) };
 * const client = createA2AClient({ workspaceId, token, fetch, clock });
 */
export interface Clock {
	/** Monotonic time in milliseconds; only differences between readings matter. */
	now(): number;
	/**
	 * Wall-clock milliseconds since the Unix epoch, read only to measure an HTTP-date `Retry-After`
	 * when the response carries no `Date` header. Optional so existing clocks keep working; a clock
	 * without it falls back to `Date.now()`. A fake clock should provide it, so retries stay on fake time.
	 *
	 * @example
	 * const clock: Clock = { now: () => performance.now(), wallNow: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
	 */
	wallNow?(): number;
	/**
	 * Resolves after `ms` milliseconds. When `signal` aborts first it rejects at once with
	 * `signal.reason` and leaves no timer behind.
	 */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

// Timers beyond this overflow to 1 ms in every runtime.
const maxTimerMs = 2 ** 31 - 1;
const performanceClock = globalThis.performance;

/** `performance.now()` (or `Date.now()` where it is missing), `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
	now: performanceClock ? () => performanceClock.now() : Date.now,
	wallNow: () => Date.now(),
	sleep(ms, signal) {
		return new Promise((resolve, reject) => {
			if (signal?.aborted) {
				reject(signal.reason);
				return;
			}
			const onAbort = (): void => {
				clearTimeout(timer);
				reject(signal?.reason);
			};
			const timer = setTimeout(
				() => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				},
				Math.min(Math.max(ms, 0), maxTimerMs),
			);
			signal?.addEventListener('abort', onAbort, { once: true });
		});
	},
};
