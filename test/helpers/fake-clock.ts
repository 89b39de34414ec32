import type { Clock } from '../../src/index.js';

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Timer {
	at: number;
	order: number;
	resolve: () => void;
}

/** The wall time a FakeClock shows at monotonic 0: Tue, 24 Nov 2026 10:00:00 GMT. */
export const fakeWallStart = Date.UTC(2026, 10, 24, 10, 0, 0);

/**
 * A manual clock: time moves only when a test calls `advance`, `runNext` or `drive`.
 * `sleep` honours abort signals exactly as the system clock does, so cleared timers vanish.
 * Its wall time moves with it, starting at `fakeWallStart` (or `wallStart`) when `now()` is `start`.
 */
export class FakeClock implements Clock {
	#now: number;
	readonly #wallOffset: number;
	#order = 0;
	readonly #timers = new Set<Timer>();
	/** Every `sleep` duration requested, in order. */
	readonly sleeps: number[] = [];

	constructor(start = 0, wallStart = fakeWallStart) {
		this.#now = start;
		this.#wallOffset = wallStart - start;
	}

	now(): number {
		return this.#now;
	}

	wallNow(): number {
		return this.#now + this.#wallOffset;
	}

	sleep(ms: number, signal?: AbortSignal): Promise<void> {
		this.sleeps.push(ms);
		return new Promise((resolve, reject) => {
			if (signal?.aborted) {
				reject(signal.reason);
				return;
			}
			const timer: Timer = {
				at: this.#now + Math.max(0, ms),
				order: this.#order++,
				resolve: () => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				},
			};
			const onAbort = (): void => {
				this.#timers.delete(timer);
				reject(signal?.reason);
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.#timers.add(timer);
		});
	}

	/** Timers still waiting. */
	get pendingTimers(): number {
		return this.#timers.size;
	}

	/** Moves time forward by `ms`, firing every timer that falls due, in order. */
	advance(ms: number): void {
		const until = this.#now + ms;
		for (;;) {
			const next = this.#earliest();
			if (!next || next.at > until) break;
			this.#fire(next);
		}
		this.#now = until;
	}

	/**
	 * Moves time forward by `ms` like `advance`, but lets promise chains run before and after each
	 * timer fires, so sleeps they start along the way fire in order too.
	 */
	async run(ms: number): Promise<void> {
		const until = this.#now + ms;
		await macrotask();
		for (;;) {
			const next = this.#earliest();
			if (!next || next.at > until) break;
			this.#fire(next);
			await macrotask();
		}
		this.#now = until;
		await macrotask();
	}

	/** Jumps to the earliest pending timer and fires it; false when there is none. */
	runNext(): boolean {
		const next = this.#earliest();
		if (!next) return false;
		this.#fire(next);
		return true;
	}

	#earliest(): Timer | undefined {
		let earliest: Timer | undefined;
		for (const timer of this.#timers) {
			if (!earliest || timer.at < earliest.at || (timer.at === earliest.at && timer.order < earliest.order)) earliest = timer;
		}
		return earliest;
	}

	#fire(timer: Timer): void {
		this.#timers.delete(timer);
		this.#now = Math.max(this.#now, timer.at);
		timer.resolve();
	}
}

/**
 * Settles `promise` on fake time: whenever the event loop has nothing left to do (and `busy()` says
 * no request is in flight), time jumps to the next timer. Fails instead of hanging when nothing can move.
 */
export async function drive<T>(promise: Promise<T>, clock: FakeClock, busy: () => boolean = () => false): Promise<T> {
	let settled = false;
	const tracked = promise.finally(() => {
		settled = true;
	});
	tracked.catch(() => {});
	let idleTurns = 0;
	for (let turn = 0; turn < 100_000 && !settled; turn++) {
		await macrotask();
		if (settled || busy()) {
			idleTurns = 0;
			continue;
		}
		if (clock.runNext()) idleTurns = 0;
		else if (++idleTurns > 1000) throw new Error('drive: nothing pending and the promise never settled');
	}
	return tracked;
}
