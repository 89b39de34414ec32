/** Runs `task` once a place is free, and settles as it does; see `limiter`. */
export type Limited = <T>(task: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

/**
 * Runs tasks at most `limit` (a positive integer) at a time; the others wait in the order they came.
 * A waiter whose signal aborts leaves the queue at once, rejected with the signal's reason and never
 * run; once a task runs, the signal is its business. A finishing task hands its place straight to
 * the next waiter, so a newcomer never overtakes the queue.
 *
 * @example
 * const lookup = limiter(32);
 * const response = await lookup(() => transport(request), request.signal);
 */
export function limiter(limit: number): Limited {
	// A Set keeps insertion order and deletes in O(1): a queue that an aborted waiter leaves cheaply.
	const waiting = new Set<() => void>();
	let running = 0;
	const release = (): void => {
		const [next] = waiting;
		if (!next) running--;
		else {
			waiting.delete(next);
			next();
		}
	};
	return async (task, signal) => {
		if (signal?.aborted) throw signal.reason;
		if (running < limit) running++;
		else {
			await new Promise<void>((resolve, reject) => {
				const onAbort = (): void => {
					waiting.delete(start);
					reject(signal?.reason);
				};
				const start = (): void => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				};
				signal?.addEventListener('abort', onAbort, { once: true });
				waiting.add(start);
			});
		}
		try {
			return await task();
		} finally {
			release();
		}
	};
}
