// 3. Send overhead: what the client adds on top of the request a user could write by hand
// (raw fetch + JSON.parse) to the same loopback agent — timeouts, retries bookkeeping, redaction,
// validation of the reply.
import { ms, perSecond, ratio, spread, table } from './lib/format.mjs';
import { interleavedLatency, interleavedThroughput, warmUp } from './lib/load.mjs';
import { startA2AServer } from './lib/loopback.mjs';
import { log, runIfMain } from './lib/main.mjs';
import { ourSender, rawFetchSender } from './lib/senders.mjs';
import { summarise } from './lib/stats.mjs';

const byRound = (ours, base) => summarise(ours.map((value, index) => value / base[index]));

export async function run({ smoke }) {
	const server = await startA2AServer();
	try {
		const senders = { 'raw fetch + JSON.parse': rawFetchSender(server.url), sendMessage: ourSender(server.url) };
		const sizes = smoke
			? { warm: 1, rounds: 1, pairs: 2, calls: 4 }
			: { warm: 500, rounds: 5, pairs: 800, calls: 2000 };
		await warmUp(senders, sizes.warm);
		const latency = await interleavedLatency(senders, { rounds: sizes.rounds, pairs: sizes.pairs });
		log(`send-overhead latency p50 per round: ${JSON.stringify(latency)}`);
		const rate = await interleavedThroughput(senders, { rounds: sizes.rounds, concurrency: 32, calls: sizes.calls });
		log(`send-overhead throughput per round: ${JSON.stringify(rate)}`);

		const raw = 'raw fetch + JSON.parse';
		const p50Ratio = byRound(latency.sendMessage.p50, latency[raw].p50);
		const p99Ratio = byRound(latency.sendMessage.p99, latency[raw].p99);
		const rateRatio = byRound(rate.sendMessage, rate[raw]);
		const rows = Object.keys(senders).map((name) => [
			name,
			spread(summarise(latency[name].p50), ms),
			spread(summarise(latency[name].p99), ms),
			spread(summarise(rate[name]), perSecond),
		]);
		rows.push(['**ratio sendMessage / raw**', spread(p50Ratio, ratio), spread(p99Ratio, ratio), spread(rateRatio, ratio)]);
		const markdown = [
			`Loopback agent in its own Node process (\`bench/lib/a2a-server.mjs\`, 127.0.0.1, port 0): it parses each POST and answers the same A2A JSON-RPC Message reply. Both contenders send the same URL, headers and \`message/send\` body with fresh UUIDs, and check the reply text; both use the runtime's global \`fetch\` (undici, keep-alive). ${sizes.warm} warm-up calls each. Latency: ${sizes.rounds} rounds of ${sizes.pairs} calls per contender at concurrency 1, interleaved A B B A …; p50 and p99 per round. Throughput: ${sizes.rounds} rounds of ${sizes.calls} calls per contender with 32 in flight, the contenders alternating. Cells are median (min–max) over rounds; ratios are taken per round.`,
			'',
			table(['contender', 'p50 latency, concurrency 1', 'p99 latency, concurrency 1', 'throughput, concurrency 32'], rows),
		].join('\n');
		return {
			title: '3. Send overhead against raw fetch',
			markdown,
			targets: [{ id: 'send-p50', name: 'sendMessage p50 ≤ 1.15× raw fetch (concurrency 1)', value: p50Ratio.median, limit: 1.15, better: 'lower', shown: spread(p50Ratio, ratio) }],
			extra: [
				{ name: 'sendMessage p99 / raw fetch p99 (concurrency 1)', shown: spread(p99Ratio, ratio) },
				{ name: 'sendMessage throughput / raw fetch (concurrency 32)', shown: spread(rateRatio, ratio) },
			],
			data: { latency, rate },
		};
	} finally {
		await server.close();
	}
}

await runIfMain(import.meta, run);
