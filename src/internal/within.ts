/**
 * `promise`, unless `signal` aborts first: then a rejection with the signal's reason. Leaves no
 * listener behind. For waits that must end on an abort even when what they wait for ignores it
 * (a fetch that drops its signal, a body whose source never ends).
 */
export function within<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	if (signal.aborted) return Promise.reject(signal.reason);
	return new Promise((resolve, reject) => {
		const onAbort = (): void => reject(signal.reason);
		signal.addEventListener('abort', onAbort, { once: true });
		promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
	});
}
