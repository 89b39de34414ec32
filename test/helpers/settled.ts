/** One turn of the event loop: pending promise reactions and I/O callbacks have run. */
export const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Resolves on the next macrotask with whether `promise` settled, and its rejection reason. */
export async function settledSoon(promise: Promise<unknown>): Promise<{ settled: boolean; reason: unknown }> {
	const state = { settled: false, reason: undefined as unknown };
	promise.then(
		() => (state.settled = true),
		(reason: unknown) => {
			state.settled = true;
			state.reason = reason;
		},
	);
	await macrotask();
	return state;
}
