// Order statistics over repeated rounds. Every figure in BENCHMARKS.md is a median with its
// spread, so one noisy round on a shared 2-core machine cannot carry a claim on its own.

/** The q-quantile (0…1) of already sorted numbers, interpolating between neighbours. */
export function quantile(sorted, q) {
	if (sorted.length === 0) return NaN;
	const position = (sorted.length - 1) * q;
	const below = Math.floor(position);
	const above = Math.ceil(position);
	return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** Median, quartiles and extremes of a list of numbers. */
export function summarise(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return {
		n: sorted.length,
		median: quantile(sorted, 0.5),
		p25: quantile(sorted, 0.25),
		p75: quantile(sorted, 0.75),
		min: sorted[0] ?? NaN,
		max: sorted.at(-1) ?? NaN,
	};
}

export const median = (values) => summarise(values).median;
