// 3. Send overhead, three ways side by side: the request a user could write by hand (raw fetch +
// JSON.parse), the same request through a bare ky call (the transport's HTTP layer alone), and
// sendMessage (ky plus timeouts, retry bookkeeping, redaction, validation of the reply).
// sendMessage / bare ky is what the client adds on top of ky; bare ky / raw fetch is what ky costs.
import { ms, perSecond, ratio, spread, table } from './lib/format.mjs';
import { interleavedLatency, interleavedLoad, warmUp } from './lib/load.mjs';
import { startA2AServer } from './lib/loopback.mjs';
import { log, runIfMain } from './lib/main.mjs';
import { kySender, ourSender, rawFetchSender } from './lib/senders.mjs';
import { summarise } from './lib/stats.mjs';

const raw = 'raw fetch + JSON.parse';
const bareKy = 'bare ky';
const ours = 'sendMessage';
/** Calls in flight for the throughput and loaded-latency figures. */
const concurrency = 64;

/** Per round `values[i] / base[i]`, summarised: each ratio compares contenders measured side by side. */
const byRound = (values, base) => summarise(values.map((value, index) => value / base[index]));

/** The sizes of a run; the smoke run still puts `concurrency` calls in flight, once. */
function sizesFor(smoke) {
	return smoke
		? { warm: 1, rounds: 1, pairs: 2, calls: 2 * concurrency }
		: { warm: 500, rounds: 5, pairs: 800, loadRounds: 7, calls: 2000 };
}

/**
 * The ratios of one contender to a baseline, every one a ratio of time per call (above 1: slower):
 * latencies divide directly, throughput is the baseline's calls/s over the contender's.
 */
function ratios(latency, load, contender, baseline) {
	return {
		p50: byRound(latency[contender].p50, latency[baseline].p50),
		p99: byRound(latency[contender].p99, latency[baseline].p99),
		loadedP50: byRound(load[contender].p50, load[baseline].p50),
		rate: byRound(load[baseline].rate, load[contender].rate),
	};
}

export async function run({ smoke }) {
	const server = await startA2AServer();
	try {
		const senders = { [raw]: rawFetchSender(server.url), [bareKy]: kySender(server.url), [ours]: ourSender(server.url) };
		const sizes = sizesFor(smoke);
		await warmUp(senders, sizes.warm);
		const latency = await interleavedLatency(senders, { rounds: sizes.rounds, pairs: sizes.pairs });
		log(`send-overhead latency per round: ${JSON.stringify(latency)}`);
		const load = await interleavedLoad(senders, { rounds: sizes.loadRounds ?? sizes.rounds, concurrency, calls: sizes.calls });
		log(`send-overhead load per round: ${JSON.stringify(load)}`);

		const versusKy = ratios(latency, load, ours, bareKy);
		const versusRaw = ratios(latency, load, ours, raw);
		const kyVersusRaw = ratios(latency, load, bareKy, raw);
		const rows = Object.keys(senders).map((name) => [
			name,
			spread(summarise(latency[name].p50), ms),
			spread(summarise(latency[name].p99), ms),
			spread(summarise(load[name].p50), ms),
			spread(summarise(load[name].rate), perSecond),
		]);
		const ratioRow = (label, set) => [label, spread(set.p50, ratio), spread(set.p99, ratio), spread(set.loadedP50, ratio), spread(set.rate, ratio)];
		rows.push(ratioRow('**ratio sendMessage / bare ky**', versusKy), ratioRow('**ratio sendMessage / raw fetch**', versusRaw), ratioRow('ratio bare ky / raw fetch', kyVersusRaw));
		const markdown = [
			`Loopback agent in its own Node process (\`bench/lib/a2a-server.mjs\`, 127.0.0.1, port 0): it parses each POST and answers the same A2A JSON-RPC Message reply. Three contenders send the same URL, headers and \`message/send\` body with fresh UUIDs, and check the reply text; all use the runtime's global \`fetch\` (undici, keep-alive). **Raw fetch**: \`fetch(url, { method, headers, body })\`, then \`JSON.parse\` of \`text()\`. **Bare ky**: the same request through one \`ky.create({ retry: 0, timeout: false, throwHttpErrors: false, redirect: 'manual' })\` instance (the options the transport gives ky), no signal, no hooks, the reply read the same way. **sendMessage**: the client with default settings. ${sizes.warm} warm-up calls each. Latency at concurrency 1: ${sizes.rounds} rounds of ${sizes.pairs} calls per contender, interleaved A B C C B A …; p50 and p99 per round. Under load: ${sizes.loadRounds ?? sizes.rounds} rounds of ${sizes.calls} calls per contender with ${concurrency} in flight, the contenders taking turns (order reversed every other round); throughput and the p50 latency of those calls per round. Cells are median (min–max) over rounds. Ratios are taken per round and are all ratios of time per call (above 1 is slower): for throughput, the baseline's calls/s over the contender's.`,
			'',
			table(['contender', 'p50 latency, concurrency 1', 'p99 latency, concurrency 1', `p50 latency, concurrency ${concurrency}`, `throughput, concurrency ${concurrency}`], rows),
		].join('\n');
		return {
			title: '3. Send overhead: sendMessage, a bare ky call and raw fetch',
			markdown,
			targets: [
				{ id: 'ky-p50', name: `sendMessage p50 ≤ 1.1× bare ky (concurrency ${concurrency})`, value: versusKy.loadedP50.median, limit: 1.1, better: 'lower', shown: spread(versusKy.loadedP50, ratio) },
				{ id: 'ky-rate', name: `sendMessage time per call ≤ 1.1× bare ky in throughput (concurrency ${concurrency}; ky calls/s ÷ ours)`, value: versusKy.rate.median, limit: 1.1, better: 'lower', shown: spread(versusKy.rate, ratio) },
				{ id: 'send-p50', name: 'sendMessage p50 ≤ 1.15× raw fetch (concurrency 1)', value: versusRaw.p50.median, limit: 1.15, better: 'lower', shown: spread(versusRaw.p50, ratio) },
			],
			extra: [
				{ name: 'sendMessage p50 / bare ky p50 (concurrency 1)', shown: spread(versusKy.p50, ratio) },
				{ name: `sendMessage / raw fetch, time per call in throughput (concurrency ${concurrency})`, shown: spread(versusRaw.rate, ratio) },
				{ name: `bare ky / raw fetch, time per call in throughput (concurrency ${concurrency})`, shown: spread(kyVersusRaw.rate, ratio) },
				{ name: 'sendMessage p99 / raw fetch p99 (concurrency 1)', shown: spread(versusRaw.p99, ratio) },
			],
			data: { latency, load },
		};
	} finally {
		await server.close();
	}
}

await runIfMain(import.meta, run);
