import process from 'node:process';

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Resolves with the first SIGINT or SIGTERM; calls `onSignal` for every one until then and after. */
export function onStopSignals(onSignal: (signal: StopSignal) => void): { first: Promise<StopSignal>; dispose(): void } {
	let resolveFirst: (signal: StopSignal) => void = () => {};
	const first = new Promise<StopSignal>((resolve) => (resolveFirst = resolve));
	const handle = (signal: StopSignal): void => {
		resolveFirst(signal);
		onSignal(signal);
	};
	process.on('SIGINT', handle);
	process.on('SIGTERM', handle);
	return {
		first,
		dispose() {
			process.off('SIGINT', handle);
			process.off('SIGTERM', handle);
		},
	};
}
