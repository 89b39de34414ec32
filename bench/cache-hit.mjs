// 1. Cache hit: what reading peer metadata costs on the canvas's hot path once it is cached,
// against the cheapest thing anyone could write: a bare Map lookup (sync) and an async wrapper
// around one (the floor for a Promise-returning API).
import { createA2AClient } from '@molecule-ai/a2a-client';
import { do_not_optimize, measure } from 'mitata';
import { callerId, fakeRegistryFetch, nthPeerId, peerId, peerRecord } from './lib/fixtures.mjs';
import { ns, ratio, spread, table } from './lib/format.mjs';
import { log, runIfMain } from './lib/main.mjs';
import { summarise } from './lib/stats.mjs';

/**
 * A mitata benchmark of `lookup(key)` over `keys` in turn. Keys come from a computed parameter
 * (prepared outside the timed loop) so the JIT cannot hoist the lookup out of the loop, and
 * `do_not_optimize` keeps every result alive.
 */
function lookupBench(lookup, keys, { async = false } = {}) {
	return function* () {
		let next = 0;
		const key = () => keys[next++ % keys.length];
		yield async
			? {
					[0]: key,
					async bench(k) {
						do_not_optimize(await lookup(k));
					},
				}
			: { [0]: key, bench: (k) => do_not_optimize(lookup(k)) };
	};
}

const newClient = () => createA2AClient({ workspaceId: callerId, platformUrl: 'http://127.0.0.1:9', token: 'bench', fetch: fakeRegistryFetch() });

/** The contenders, each against the baseline it is compared with. */
async function contenders() {
	// Fill the caches through the real path; entries then stay fresh for the default 5-minute TTL.
	const one = newClient();
	if ((await one.getPeerMetadata(peerId))?.id !== peerId) throw new Error('cache fill failed');
	const map = new Map([[peerId, peerRecord(peerId)]]);
	const asyncGet = async (key) => map.get(key);

	// The canvas case: a full cache (the default 1024 entries), every peer read in turn.
	const manyIds = Array.from({ length: 1024 }, (_, index) => nthPeerId(index));
	const full = newClient();
	await Promise.all(manyIds.map((id) => full.getPeerMetadata(id)));
	if (manyIds.some((id) => !full.peekPeerMetadata(id))) throw new Error('full cache fill failed');
	const fullMap = new Map(manyIds.map((id) => [id, peerRecord(id)]));

	return {
		'Map.get': { bench: lookupBench((key) => map.get(key), [peerId]) },
		peekPeerMetadata: { bench: lookupBench(one.peekPeerMetadata, [peerId]), baseline: 'Map.get' },
		'async (k) => map.get(k)': { bench: lookupBench(asyncGet, [peerId], { async: true }) },
		getPeerMetadata: { bench: lookupBench(one.getPeerMetadata, [peerId], { async: true }), baseline: 'async (k) => map.get(k)' },
		'Map.get, 1024 keys in turn': { bench: lookupBench((key) => fullMap.get(key), manyIds) },
		'peekPeerMetadata, 1024 cached peers in turn': { bench: lookupBench(full.peekPeerMetadata, manyIds), baseline: 'Map.get, 1024 keys in turn' },
		// Not a contender: the clock read every TTL check makes, for scale.
		'performance.now() alone (reference)': { bench: lookupBench(() => performance.now(), [peerId]), baseline: 'Map.get' },
	};
}

export async function run({ smoke }) {
	const benches = await contenders();
	const names = Object.keys(benches);
	// Round 0 is a warm-up and is discarded: mitata's own warm-up is too short for V8 to finish
	// optimising the client's code, and the first round came out 5× slower than the rest.
	const rounds = smoke ? 1 : 6;
	const options = smoke
		? { min_cpu_time: 0, min_samples: 1, max_samples: 1, warmup_samples: 0, batch_samples: 1 }
		: { min_cpu_time: 150 * 1e6 };
	const perRound = Object.fromEntries(names.map((name) => [name, []]));
	for (let round = smoke ? 1 : 0; round <= rounds; round++) {
		// Alternate the order each round so slow drift (thermal, other tenants) hits every contender alike.
		for (const name of round % 2 ? [...names].reverse() : names) {
			const stats = await measure(benches[name].bench, options);
			if (round > 0) perRound[name].push(stats.p50);
		}
		if (round > 0) log(`cache-hit round ${round}/${rounds}: ${names.map((name) => `${name} ${perRound[name].at(-1).toFixed(1)} ns`).join(', ')}`);
	}

	const ratioOf = (name) => summarise(perRound[name].map((value, index) => value / perRound[benches[name].baseline][index]));
	const rows = names.map((name) => [name, spread(summarise(perRound[name]), ns), benches[name].baseline ? spread(ratioOf(name), ratio) : 'baseline']);
	const peekRatio = ratioOf('peekPeerMetadata');
	const getRatio = ratioOf('getPeerMetadata');
	const markdown = [
		`Fresh entries, default cache settings and clock (\`performance.now()\`), all contenders in one process. ${rounds} measured rounds after a discarded warm-up round; in each, mitata \`measure\` runs every contender for ≥ 150 ms and reports the median (p50) time per call; the order of contenders alternates between rounds. Ratios are taken round by round, then summarised as median (min–max). Keys come from a computed parameter and every result goes to \`do_not_optimize\`.`,
		'',
		'The targets apply to the first four rows (one cached peer, read again and again). The next two rows are the canvas case: a full cache of 1,024 peers (the default `maxEntries`), every peer read in turn. The last row is the cost of one `performance.now()` call, the clock read every TTL check makes, for scale.',
		'',
		table(['contender', 'time per call: median (min–max)', 'ratio to baseline: median (min–max)'], rows),
	].join('\n');
	return {
		title: '1. Cache hit',
		markdown,
		targets: [
			{ id: 'peek', name: 'peekPeerMetadata ≤ 3× Map.get', value: peekRatio.median, limit: 3, better: 'lower', shown: spread(peekRatio, ratio) },
			{ id: 'get', name: 'getPeerMetadata ≤ 2× async (k) => map.get(k)', value: getRatio.median, limit: 2, better: 'lower', shown: spread(getRatio, ratio) },
		],
		data: { perRound },
	};
}

await runIfMain(import.meta, run);
