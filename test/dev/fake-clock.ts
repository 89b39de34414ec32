import type { Clock } from '../../src/clock.js';

interface Timer {
	at: number;
	resolve: () => void;
}

/** Lets pending promise chains run (they may start new sleeps) before time moves on. */
export function flush(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A clock that only moves when told to. `advance` fires due sleeps in time order. */
export class FakeClock implements Clock {
	#now = 0;
	#timers: Timer[] = [];

	now(): number {
		return this.#now;
	}

	sleep(ms: number, signal?: AbortSignal): Promise<void> {
		return new Promise((resolve, reject) => {
			if (signal?.aborted) {
				reject(signal.reason);
				return;
			}
			const timer: Timer = {
				at: this.#now + Math.max(0, ms),
				resolve: () => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				},
			};
			const onAbort = (): void => {
				this.#timers = this.#timers.filter((other) => other !== timer);
				reject(signal?.reason);
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.#timers.push(timer);
		});
	}

	/** Sleeps still waiting. */
	get pending(): number {
		return this.#timers.length;
	}

	async advance(ms: number): Promise<void> {
		const target = this.#now + ms;
		await flush();
		for (;;) {
			const due = this.#timers.filter((timer) => timer.at <= target).sort((left, right) => left.at - right.at)[0];
			if (!due) break;
			this.#timers = this.#timers.filter((timer) => timer !== due);
			this.#now = due.at;
			due.resolve();
			await flush();
		}
		this.#now = target;
		await flush();
	}
}
