// Load drivers shared by the send benchmarks. Contenders always alternate so that drift over
// the run (CPU frequency, the other tenant of a 2-core VM, GC of earlier rounds) lands on both.
import { quantile } from './stats.mjs';

/**
 * Latency of one call at a time, contenders interleaved: A B, then B A, and so on.
 * Returns, per contender, the p50 and p99 (ms) of each of `rounds` rounds of `pairs` calls.
 */
export async function interleavedLatency(senders, { rounds, pairs }) {
	const names = Object.keys(senders);
	const perRound = Object.fromEntries(names.map((name) => [name, { p50: [], p99: [] }]));
	for (let round = 0; round < rounds; round++) {
		const samples = Object.fromEntries(names.map((name) => [name, []]));
		for (let pair = 0; pair < pairs; pair++) {
			for (const name of pair % 2 ? [...names].reverse() : names) {
				const started = performance.now();
				await senders[name]();
				samples[name].push(performance.now() - started);
			}
		}
		for (const name of names) {
			const sorted = samples[name].sort((a, b) => a - b);
			perRound[name].p50.push(quantile(sorted, 0.5));
			perRound[name].p99.push(quantile(sorted, 0.99));
		}
	}
	return perRound;
}

/** Calls per second with `concurrency` calls always in flight, until `calls` have completed. */
export async function throughput(send, { concurrency, calls }) {
	return (await loaded(send, { concurrency, calls })).rate;
}

/**
 * `throughput`, plus the p50 latency (ms) of the calls made under that load: with `concurrency`
 * calls in flight, how long one call takes from its start to its settled reply.
 */
export async function loaded(send, { concurrency, calls }) {
	let started = 0;
	const latencies = [];
	const worker = async () => {
		while (started < calls) {
			started++;
			const begin = performance.now();
			await send();
			latencies.push(performance.now() - begin);
		}
	};
	const begin = performance.now();
	await Promise.all(Array.from({ length: concurrency }, worker));
	const rate = calls / ((performance.now() - begin) / 1000);
	return { rate, p50: quantile(latencies.sort((a, b) => a - b), 0.5) };
}

/** Throughput of each contender per round, contenders alternating first place between rounds. */
export async function interleavedThroughput(senders, { rounds, concurrency, calls }) {
	const perRound = await interleavedLoad(senders, { rounds, concurrency, calls });
	return Object.fromEntries(Object.entries(perRound).map(([name, { rate }]) => [name, rate]));
}

/**
 * Per contender and round, calls per second (`rate`) and p50 latency (`p50`, ms) with
 * `concurrency` calls in flight; the order of contenders is reversed every other round.
 */
export async function interleavedLoad(senders, { rounds, concurrency, calls }) {
	const names = Object.keys(senders);
	const perRound = Object.fromEntries(names.map((name) => [name, { rate: [], p50: [] }]));
	for (let round = 0; round < rounds; round++) {
		for (const name of round % 2 ? [...names].reverse() : names) {
			const { rate, p50 } = await loaded(senders[name], { concurrency, calls });
			perRound[name].rate.push(rate);
			perRound[name].p50.push(p50);
		}
	}
	return perRound;
}

/** Runs each sender `count` times so JIT and connection pools are warm before anything is timed. */
export async function warmUp(senders, count) {
	for (const send of Object.values(senders)) await throughput(send, { concurrency: 4, calls: count });
}
