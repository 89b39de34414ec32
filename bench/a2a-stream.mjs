// 8. Streaming (issue 14): how fast events reach the caller through streamTaskEvents (src/a2a/stream.ts),
// against the least any SSE client does, a bare eventsource-parser reader over the same fetch, both
// reading the same loopback agent (bench/lib/sse-server.mjs, its own process) and both parsing each
// event's JSON. Also: how soon a stream cut after its Task brings the next event, against the first
// backoff step plus one round trip.
//
// Hook for @a2a-js/sdk (issue 14 asks for ≥ 1× its `sendMessageStream` in throughput): once the a2a
// codecs are merged, add a contender to `contenders()` below that reads the same `/burst` stream
// through the SDK client (`ClientFactory` on a v1.0 JSON-RPC card pointing at this server), and a
// `/burst` variant in bench/lib/sse-server.mjs answering `SendStreamingMessage` with JSON-RPC
// envelopes (`{"jsonrpc":"2.0","id":…,"result":{"artifactUpdate":…}}`) so that ours reads the same
// bytes through the ./a2a codec; then a third target, `stream-versus-sdk`, in `run`'s result.
import { build } from 'esbuild';
import { createParser } from 'eventsource-parser';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ms, perSecond, ratio, spread, table } from './lib/format.mjs';
import { startA2AServer } from './lib/loopback.mjs';
import { log, runIfMain } from './lib/main.mjs';
import { quantile, summarise } from './lib/stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const serverScript = fileURLToPath(new URL('./lib/sse-server.mjs', import.meta.url));
const now = () => performance.timeOrigin + performance.now();
const bare = 'bare eventsource-parser reader';
const ours = 'streamTaskEvents';

/** src/a2a/stream.ts is internal (no package entry of its own yet): bundled from source for the run, packages left to node_modules. */
async function loadStream() {
	const outfile = join(root, '.tmp/bench/a2a-stream.mjs');
	await build({ entryPoints: [join(root, 'src/a2a/stream.ts')], bundle: true, format: 'esm', platform: 'neutral', packages: 'external', outfile, logLevel: 'silent' });
	return import(pathToFileURL(outfile).href);
}

const post = (url, signal) => fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, ...(signal && { signal }) });

/**
 * Each contender reads the whole stream at `url` and calls `onEvent` with every event, parsed, as
 * its caller would receive it.
 */
function contenders(streamTaskEvents, base) {
	return {
		async [bare](url, onEvent) {
			const response = await post(url);
			const reader = response.body.getReader();
			const decoder = new TextDecoder();
			const parser = createParser({ onEvent: (event) => onEvent(JSON.parse(event.data)) });
			for (;;) {
				const { done, value } = await reader.read();
				if (done) return;
				parser.feed(decoder.decode(value, { stream: true }));
			}
		},
		async [ours](url, onEvent, options = {}) {
			const events = streamTaskEvents({
				open: (kind, taskId, signal) => post(kind === 'stream' ? url : `${base}/subscribe/${taskId}`, signal),
				decode: (data) => JSON.parse(data),
				decodeError: (answer) => new Error(`HTTP ${answer.status}: ${answer.text}`),
				...options,
			});
			for await (const event of events) onEvent(event);
		},
	};
}

/** Rounds in which the contenders take turns, the order reversed every other round. */
async function alternate(names, rounds, once) {
	const results = Object.fromEntries(names.map((name) => [name, []]));
	for (let round = 0; round < rounds; round++) {
		for (const name of round % 2 === 0 ? names : [...names].reverse()) results[name].push(await once(name));
	}
	return results;
}

/** Events per second of one read of a `/burst` of `n` events, checking every event arrived. */
async function burstRate(read, base, n) {
	let count = 0;
	const started = performance.now();
	await read(`${base}/burst?n=${n}`, () => count++);
	const seconds = (performance.now() - started) / 1000;
	if (count !== n + 2) throw new Error(`burst: ${count} events instead of ${n + 2}`);
	return count / seconds;
}

/** p50 and p99 of the time from the server writing each event of a `/paced` stream to the reader's caller having it, in ms. */
async function pacedDelays(read, base, n, gap) {
	const delays = [];
	await read(`${base}/paced?n=${n}&gap=${gap}`, (event) => {
		if (event.sentAt !== undefined) delays.push(now() - event.sentAt);
	});
	if (delays.length !== n) throw new Error(`paced: ${delays.length} stamped events instead of ${n}`);
	delays.sort((a, b) => a - b);
	return { p50: quantile(delays, 0.5), p99: quantile(delays, 0.99) };
}

const byRound = (values, base) => summarise(values.map((value, index) => value / base[index]));

/**
 * Client CPU alone: the same /burst bytes (built here, as the server writes them) served from memory
 * in 64 KiB chunks, no socket; CPU milliseconds (`process.cpuUsage`) per read of the whole stream.
 * Preemption by the machine's other jobs does not count, so this holds still when the load does not.
 */
async function inMemoryCpu(streamTaskEvents, n, rounds) {
	const ids = { taskId: 't-1', contextId: 'c-1' };
	const frame = (event) => `data: ${JSON.stringify(event)}\n\n`;
	let text = frame({ kind: 'task', id: 't-1', contextId: 'c-1', status: { state: 'working' }, artifacts: [] });
	for (let index = 0; index < n; index++) {
		const parts = [{ kind: 'text', text: `chunk ${index} of the answer, with enough words to look like a real token run: lorem ipsum dolor sit amet.` }];
		text += frame({ kind: 'artifact-update', ...ids, artifact: { artifactId: 'answer', parts }, append: index > 0, lastChunk: false });
	}
	text += frame({ kind: 'status-update', ...ids, status: { state: 'completed' } });
	const bytes = new TextEncoder().encode(text);
	const body = () => {
		let offset = 0;
		return new ReadableStream({ pull: (controller) => (offset >= bytes.length ? controller.close() : controller.enqueue(bytes.subarray(offset, (offset += 65_536)))) });
	};
	const readers = {
		async [bare]() {
			let count = 0;
			const reader = body().getReader();
			const decoder = new TextDecoder();
			const parser = createParser({ onEvent: (event) => (JSON.parse(event.data), count++) });
			for (;;) {
				const { done, value } = await reader.read();
				if (done) return count;
				parser.feed(decoder.decode(value, { stream: true }));
			}
		},
		async [ours]() {
			let count = 0;
			const open = async () => new Response(body(), { headers: { 'content-type': 'text/event-stream' } });
			for await (const event of streamTaskEvents({ open, decode: (data) => JSON.parse(data), decodeError: () => new Error('not a stream') })) if (event) count++;
			return count;
		},
	};
	for (const read of Object.values(readers)) for (let index = 0; index < 3; index++) await read();
	return alternate([bare, ours], rounds, async (name) => {
		const before = process.cpuUsage();
		const count = await readers[name]();
		const used = process.cpuUsage(before);
		if (count !== n + 2) throw new Error(`in memory: ${count} events instead of ${n + 2}`);
		return (used.user + used.system) / 1000;
	});
}

export async function run({ smoke }) {
	const sizes = smoke ? { events: 50, burstRounds: 1, paced: 5, gap: 1, pacedRounds: 1, cuts: 1, baseDelayMs: 20 } : { events: 10_000, burstRounds: 9, paced: 300, gap: 2, pacedRounds: 7, cuts: 5, baseDelayMs: 1000 };
	const { streamTaskEvents } = await loadStream();
	const server = await startA2AServer(serverScript);
	try {
		const readers = contenders(streamTaskEvents, server.url);
		const names = [bare, ours];
		// Warm-up, not measured: JIT, the keep-alive connection, the bundle's first run.
		for (const name of names) for (let index = 0; index < (smoke ? 1 : 5); index++) await burstRate(readers[name], server.url, smoke ? sizes.events : 2000);
		const rates = await alternate(names, sizes.burstRounds, (name) => burstRate(readers[name], server.url, sizes.events));
		log(`a2a-stream burst events/s per round: ${JSON.stringify(rates)}`);
		const delays = await alternate(names, sizes.pacedRounds, (name) => pacedDelays(readers[name], server.url, sizes.paced, sizes.gap));
		log(`a2a-stream paced delays per round: ${JSON.stringify(delays)}`);

		// A cut after the Task: random 0.5 makes the first wait half of baseDelayMs, known in advance.
		const firstStepMs = sizes.baseDelayMs / 2;
		const resubscribe = [];
		const roundTrips = [];
		for (let cut = 0; cut < sizes.cuts; cut++) {
			let arrival;
			await readers[ours](`${server.url}/cut`, (event) => {
				if (event.cutAt !== undefined) arrival = now() - event.cutAt;
			}, { random: () => 0.5, retry: { baseDelayMs: sizes.baseDelayMs, maxDelayMs: sizes.baseDelayMs } });
			if (arrival === undefined) throw new Error('resubscribe: the completed event never came');
			resubscribe.push(arrival);
			// One round trip: a subscription's request to its first event, read bare, on a new connection
			// (the server closes every subscription's), as the one after a cut is.
			const started = now();
			let first;
			await readers[bare](`${server.url}/subscribe/t-1`, () => (first ??= now() - started));
			roundTrips.push(first);
		}
		log(`a2a-stream resubscribe ms per cut: ${JSON.stringify({ resubscribe, roundTrips })}`);
		const cpu = await inMemoryCpu(streamTaskEvents, sizes.events, smoke ? 1 : 15);
		log(`a2a-stream in-memory CPU ms per round: ${JSON.stringify(cpu)}`);
		// Events per CPU second, ours over bare: the throughput ratio with the network taken out.
		const cpuRatio = byRound(cpu[bare], cpu[ours]);

		const rateRatio = byRound(rates[ours], rates[bare]);
		const p50Ratio = byRound(delays[ours].map((round) => round.p50), delays[bare].map((round) => round.p50));
		const p99Ratio = byRound(delays[ours].map((round) => round.p99), delays[bare].map((round) => round.p99));
		const resubscribeRatio = summarise(resubscribe.map((value, index) => value / (firstStepMs + roundTrips[index])));
		const rows = names.map((name) => [
			name,
			spread(summarise(rates[name]), perSecond),
			spread(summarise(delays[name].map((round) => round.p50)), ms),
			spread(summarise(delays[name].map((round) => round.p99)), ms),
		]);
		rows.push([`**ratio ${ours} / bare**`, spread(rateRatio, ratio), spread(p50Ratio, ratio), spread(p99Ratio, ratio)]);
		const markdown = [
			`Loopback agent in its own Node process (\`bench/lib/sse-server.mjs\`, 127.0.0.1, port 0). Both contenders POST with the runtime's \`fetch\` (undici, keep-alive) and \`JSON.parse\` every event's data. **Bare reader**: \`response.body.getReader()\`, a \`TextDecoder\` and eventsource-parser's \`createParser\`, its \`onEvent\` handing each parsed event on: the least an SSE client does. **${ours}**: the stream of \`src/a2a/stream.ts\` (bundled from source for the run) with default options: its reader (\`src/events/sse.ts\`, the same parser), the event-size cap, the resubscription bookkeeping, one async-iterator step per event. Throughput: a stream of ${sizes.events.toLocaleString('en-US')} artifact chunks of about 250 bytes between a Task and a \`completed\` status, written as fast as the socket takes them, ${sizes.burstRounds} rounds, contenders alternating. Latency: ${sizes.paced} chunks, one every ${sizes.gap} ms, each stamped by the server with \`performance.timeOrigin + performance.now()\` as it writes it; the delay is the reader's clock when its caller gets the event minus that stamp; p50 and p99 per round, ${sizes.pacedRounds} rounds. Cells are median (min–max) over rounds; ratios are taken round by round.`,
			'',
			table(['contender', `throughput, ${sizes.events.toLocaleString('en-US')}-event stream`, 'p50 write-to-caller delay', 'p99 write-to-caller delay'], rows),
			'',
			`Client CPU alone (no socket, no server: the same bytes from memory in 64 KiB chunks, \`process.cpuUsage\` per read): ${bare} ${spread(summarise(cpu[bare]), ms)}, ${ours} ${spread(summarise(cpu[ours]), ms)} per ${sizes.events.toLocaleString('en-US')} events; events per CPU second, ours / bare, ${spread(cpuRatio, ratio)}.`,
			'',
			`Resubscription: the server sends the Task and destroys the connection; ${ours} (random 0.5, so its first wait is ${firstStepMs} ms of a ${sizes.baseDelayMs} ms base) subscribes again, and the server answers the Task and a \`completed\` status stamped with the time of the cut. Measured: the cut to the caller getting that status, ${spread(summarise(resubscribe), ms)}; one round trip (a bare read of the subscription on a new connection, request to first event) ${spread(summarise(roundTrips), ms)}; ${sizes.cuts} cuts.`,
		].join('\n');
		return {
			title: '8. Streaming: streamTaskEvents and a bare eventsource-parser reader',
			markdown,
			targets: [
				{ id: 'stream-latency', name: 'stream: write-to-caller p50 ≤ 1.1× a bare eventsource-parser reader', value: p50Ratio.median, limit: 1.1, better: 'lower', shown: spread(p50Ratio, ratio) },
				{ id: 'stream-throughput', name: `stream: ${sizes.events.toLocaleString('en-US')}-event throughput ≥ 0.9× the bare reader`, value: rateRatio.median, limit: 0.9, better: 'higher', shown: spread(rateRatio, ratio) },
				{ id: 'stream-resubscribe', name: 'stream: first event after a cut within the first backoff step plus one round trip', value: resubscribeRatio.median, limit: 1, better: 'lower', shown: `${spread(resubscribeRatio, ratio)} of step + round trip` },
			],
			extra: [
				{ name: 'stream: write-to-caller p99, ours / bare', shown: spread(p99Ratio, ratio) },
				{ name: 'stream: events per client CPU second, no socket, ours / bare', shown: spread(cpuRatio, ratio) },
			],
			data: { rates, delays, resubscribe, roundTrips, firstStepMs, cpu },
		};
	} finally {
		await server.close();
	}
}

await runIfMain(import.meta, run);
