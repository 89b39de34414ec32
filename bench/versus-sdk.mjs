// 4. Against @a2a-js/sdk 1.3, the official A2A client: message-send throughput to the same
// loopback agent (each client speaking its own protocol version), and what each costs a bundle.
import { bundleSize } from './lib/bundle.mjs';
import { bytes, ms, perSecond, ratio, spread, table } from './lib/format.mjs';
import { interleavedLatency, interleavedThroughput, warmUp } from './lib/load.mjs';
import { startA2AServer } from './lib/loopback.mjs';
import { log, runIfMain } from './lib/main.mjs';
import { ourSender, rawFetchSender, sdkSender } from './lib/senders.mjs';
import { summarise } from './lib/stats.mjs';

const byRound = (ours, theirs) => summarise(ours.map((value, index) => value / theirs[index]));

/** The entries bundled: the two the target compares, then two for context. */
const bundles = [
	{ label: 'ours: the whole `dist/index.js` entry (every export kept)', source: "export * from '@molecule-ai/a2a-client';" },
	{ label: 'SDK: `@a2a-js/sdk/client` with `new ClientFactory()`', source: "import { ClientFactory } from '@a2a-js/sdk/client';\nexport const factory = new ClientFactory();" },
	{ label: 'ours: only `createA2AClient` used', source: "import { createA2AClient } from '@molecule-ai/a2a-client';\nexport const create = createA2AClient;" },
	{ label: 'SDK: the whole `@a2a-js/sdk/client` entry', source: "export * from '@a2a-js/sdk/client';" },
	// How much of ours is ky: the same entry with ky left out of the bundle (external).
	{ label: 'ours: the whole entry with ky left out (external), for scale', source: "export * from '@molecule-ai/a2a-client';", external: ['ky'] },
];

async function measureBundles(builds) {
	const sizes = [];
	for (const { label, source, external } of bundles) {
		const results = [];
		for (let index = 0; index < builds; index++) results.push(await bundleSize(source, { external }));
		// esbuild is deterministic; a difference between builds would mean the inputs changed mid-run.
		if (results.some((result) => result.gzipped !== results[0].gzipped)) throw new Error(`${label}: sizes differ between builds`);
		sizes.push({ label, ...results[0] });
	}
	return sizes;
}

export async function run({ smoke }) {
	const counts = smoke ? { warm: 1, rounds: 1, pairs: 2, calls: 4 } : { warm: 300, rounds: 5, pairs: 500, calls: 1500 };
	const server = await startA2AServer();
	let latency;
	let rate;
	let senders;
	try {
		senders = { sendMessage: ourSender(server.url), '@a2a-js/sdk Client.sendMessage': await sdkSender(server.url), 'raw fetch + JSON.parse (reference)': rawFetchSender(server.url) };
		await warmUp(senders, counts.warm);
		rate = await interleavedThroughput(senders, { rounds: counts.rounds, concurrency: 32, calls: counts.calls });
		log(`versus-sdk throughput per round: ${JSON.stringify(rate)}`);
		latency = await interleavedLatency(senders, { rounds: counts.rounds, pairs: counts.pairs });
		log(`versus-sdk latency per round: ${JSON.stringify(latency)}`);
	} finally {
		await server.close();
	}
	const sizes = await measureBundles(smoke ? 1 : 3);

	const sdk = '@a2a-js/sdk Client.sendMessage';
	const rateRatio = byRound(rate.sendMessage, rate[sdk]);
	// Sequential throughput is the inverse of latency, so the ratio of calls per second is theirs / ours.
	const sequentialRatio = byRound(latency[sdk].p50, latency.sendMessage.p50);
	const rows = Object.keys(senders).map((name) => [name, spread(summarise(rate[name]), perSecond), spread(summarise(latency[name].p50), ms), spread(summarise(latency[name].p99), ms)]);
	rows.push(['**throughput ratio ours / SDK**', spread(rateRatio, ratio), `${spread(sequentialRatio, ratio)} (as calls/s)`, '—']);
	const [ours, theirs] = sizes;
	const sizeRatio = ours.gzipped / theirs.gzipped;
	const sizeRows = sizes.map((size) => [size.label, bytes(size.minified), bytes(size.gzipped), String(size.inputs.length)]);
	sizeRows.push(['**ratio ours / SDK (first two rows)**', ratio(ours.minified / theirs.minified), ratio(sizeRatio), '—']);
	const markdown = [
		'### Message send',
		'',
		`The same loopback agent process as in benchmark 3 answers our \`message/send\` with the v0.3 Message and the SDK's \`SendMessage\` (sent with \`A2A-Version: 1.0\`) with the v1.0 \`{ message }\` wrapping the same Message, echoing each request id (the SDK checks it). The SDK client is a \`Client\` from \`new ClientFactory({ transports: [new JsonRpcTransportFactory()] }).createFromAgentCard(card)\`, the card's one interface (JSON-RPC, protocol 1.0) pointing at the agent. Every call checks the reply text. ${counts.warm} warm-up calls each; throughput: ${counts.rounds} rounds of ${counts.calls} calls per contender with 32 in flight, contenders alternating; latency: ${counts.rounds} rounds of ${counts.pairs} calls each at concurrency 1, interleaved. Raw fetch is there for reference only. Cells are median (min–max) over rounds; ratios per round.`,
		'',
		table(['contender', 'throughput, concurrency 32', 'p50 latency, concurrency 1', 'p99 latency, concurrency 1'], rows),
		'',
		'### Bundle size',
		'',
		`esbuild ${'`--bundle --minify --platform=neutral`'} (ESM output, main fields \`module,main\`), then gzip level 9 (Node's zlib, the output \`gzip -9 -n\` gives without the header). Each entry is a one-line module resolved from the repo root, so dependencies (ky and valibot for us; the SDK's own code for it) are bundled as a user's bundler would. Identical over ${smoke ? 1 : 3} builds.`,
		'',
		table(['entry', 'minified', 'minified + gzip -9', 'modules bundled'], sizeRows),
	].join('\n');
	return {
		title: '4. Against @a2a-js/sdk 1.3',
		markdown,
		targets: [
			{ id: 'sdk-throughput', name: 'message-send throughput ≥ 1.0× @a2a-js/sdk (concurrency 32)', value: rateRatio.median, limit: 1, better: 'higher', shown: spread(rateRatio, ratio) },
			{ id: 'bundle', name: 'bundle (min + gzip) ≤ 0.6× @a2a-js/sdk', value: sizeRatio, limit: 0.6, better: 'lower', shown: `${ratio(sizeRatio)} (${bytes(ours.gzipped)} vs ${bytes(theirs.gzipped)})` },
		],
		extra: [{ name: 'sequential (concurrency 1) throughput, ours / SDK', shown: spread(sequentialRatio, ratio) }],
		data: { rate, latency, sizes: sizes.map(({ inputs, ...size }) => size) },
	};
}

await runIfMain(import.meta, run);
