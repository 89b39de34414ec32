// Why a target was missed and what would close it, shown in BENCHMARKS.md under the benchmark
// only when its target is missed. The causes come from CPU profiles and ablations; the figures
// quoted from prototypes (patched copies of src/ built with esbuild and run interleaved against
// the same loopback agent on this machine) are not part of the run and say so.
// Live figures come from the run's own data.
import { median } from './stats.mjs';
import { bytes, ns, perSecond, ratio } from './format.mjs';

/** `values[i] / base[i]`, round by round. */
const perRound = (values, base) => values.map((value, index) => value / base[index]);

/**
 * Figures measured apart from the run, on this machine while other jobs shared it: client CPU per
 * call with a stub fetch (it builds a Request from what it is given, as undici does, reads the body
 * and answers at once), and prototypes of the transport in patched copies of src/, each run
 * interleaved with the committed code. Ranges are over repeated runs.
 */
const measuredApart = {
	kyBare: '70–96 µs',
	signal: '+12–22 µs',
	clientWork: '+19–27 µs',
	timerCancel: '6–8 µs',
	requestCopy: '2.0–2.1×',
	stub: { before: '1.44–1.46×', after: '1.06–1.09×', withTimer: '0.98×' },
	loopbackCpu: { before: '1.21–1.33×', after: '1.02–1.10×' },
};

/** Why sendMessage is more than 1.1× a bare ky call, and what would close it while keeping ky. */
function kyGap(data) {
	const rate = median(perRound(data.load['bare ky'].rate, data.load.sendMessage.rate));
	const { kyBare, signal, clientWork, timerCancel, requestCopy, stub, loopbackCpu } = measuredApart;
	return [
		`*Why.* \`sendMessage\` is a ky call plus the client's own work; in this run it took ${ratio(rate)} a bare ky call's time per call at concurrency 64. Beyond the bare call it gives ky a signal (the exchange's deadline and the caller's abort): ky joins it to its own AbortController with \`AbortSignal.any\`, and both the \`Request\` ky builds and the copy \`fetch\` makes of it follow the joined signal. It arms a deadline on the injected clock (\`clock.sleep\` with a second AbortController), cancelled when the exchange settles by an abort event, which Node dispatches slowly. And it does the client's job: the body with two UUIDs, the valibot check of the JSON-RPC reply, the reply extraction. Client CPU per call with a stub \`fetch\` (no network; measured apart, not part of this run): a bare ky call ${kyBare}; the signal ${signal}; the deadline, the transport's \`fetch\` wrapper and the client's own work ${clientWork}, of which cancelling the deadline is ${timerCancel}.`,
		'',
		`*What would close it, keeping ky.* Let ky build the request, and send it with the runtime's \`fetch\` as \`fetch(request.url, { method, headers, body, signal, redirect: 'manual' })\`, from a per-call \`fetch\` option that holds the body string and the transport's own signal, instead of giving ky the signal and \`fetch\` the \`Request\`. That drops \`AbortSignal.any\` and the second \`Request\`: from a \`Request\` with a body, undici builds its copy by proxying the body through a \`TransformStream\`, and \`fetch(new Request(url, init))\` costs ${requestCopy} \`fetch(url, init)\` on the stub. An injected \`fetch\` keeps receiving a \`Request\`. A prototype of this (a patched copy of \`src/transport.ts\`; every unit, integration and reliability test passes) took \`sendMessage\` from ${stub.before} to ${stub.after} a bare ky call in client CPU on the stub, and from ${loopbackCpu.before} to ${loopbackCpu.after} in client CPU per call against this loopback agent at concurrency 64. Cancelling the deadline without an abort event (a clock that can clear a timer it set) brought the stub figure to ${stub.withTimer}.`,
	].join('\n');
}

const analyses = {
	'agent-idle-poll': ({ poll }) =>
		`*Why.* Each turn of the inbox loop makes one \`GET /activity\` and, when the batch came back short, one jittered wait on the agent's clock (\`src/agent/inbox.ts\`); a full batch is followed at once by the next read, never by two reads per wait. Over ${poll.idleMs} ms idle this run counted ${poll.idleGets} reads and ${poll.idleWaits} waits (the last read may still be waiting when counting stops).`,
	'agent-busy-poll': ({ poll }) =>
		`*Why.* The inbox is an async generator: while the consumer holds a yielded message, the generator is suspended at its \`yield\`, so no poll can start until \`next()\` is called again. ${poll.holdGets} reads in ${poll.holdMs} ms.`,
	'agent-inbound-body': ({ inbound }) =>
		`*Why.* \`agent.fetch\` compares SHA-256 digests of the given and the stored secret in constant time from the \`Authorization\` header alone, and answers 401 before touching \`request.body\` (\`src/agent/inbound.ts\`). ${inbound.bodyBytes} bytes pulled from ${inbound.requests} refused bodies; the control push with the right secret pulled ${inbound.controlBytes}.`,
	'canvas-history': ({ chat, count }) =>
		`*Why.* \`chatHistory\` parses the page once, validates its outer shape, then each of the ${count} rows with its own schema so one bad row costs only itself (\`src/canvas/history.ts\`); median ${chat.median.toFixed(1)} ms.`,
	'canvas-comms': ({ traffic, count }) =>
		`*Why.* \`agentComms\` skips rows of other types before any schema, validates the rest one by one and reads texts with the core's extraction (\`src/canvas/comms.ts\`); median ${traffic.median.toFixed(1)} ms for ${count} rows.`,
	peek: (data) => {
		const clock = median(data.perRound['performance.now() alone (reference)']);
		const mapGet = median(data.perRound['Map.get']);
		return [
			`*Why.* A hit in \`peekPeerMetadata\` is \`TtlCache.peek\` (\`src/cache.ts\`): one \`Map.get\`, one clock read for the TTL check, and a flag write for second-chance eviction (a hit no longer reorders the map). The clock read is the whole gap: in this run one \`performance.now()\` alone costs ${ns(clock)}, ${ratio(clock / mapGet)} a \`Map.get\` (last row above), so any TTL check that reads the clock on a hit is past the 3× limit before it touches the map.`,
			'',
			'*What would close it.* A clock read that costs no more than a map lookup. Reusing one reading per synchronous turn (cleared with `queueMicrotask`) was tried: it takes a hot peek to about 1.6× `Map.get`, but it costs ~150 ns of scheduling whenever each call is its own event, which is how the canvas receives pushes, and it made `getPeerMetadata` 2.4× its baseline. It was not kept. A runtime-provided coarse clock (a timestamp the event loop updates once per turn) would close it without that cost; the core cannot start an ambient timer to keep one.',
		].join('\n');
	},
	get: () =>
		[
			'*Why.* On a hit, `getPeerMetadata` is `peekPeerMetadata` plus `Promise.resolve(hit)`: one map lookup and one clock read beyond the async baseline.',
			'',
			'*What would close it.* A cheaper clock read (see `peekPeerMetadata`).',
		].join('\n'),
	'single-flight': () =>
		'*Why.* More than one registry request means concurrent misses for one id no longer share a load. Check `TtlCache.get` in `src/cache.ts` (the `#loading` map, cleared only when the load settles). Check also that `getPeerMetadata` sends every miss for a canonical id through it, with the same key: the canonical id, not the raw input.',
	'cache-bound': () =>
		'*Why.* More ids than `maxEntries` are peekable, so eviction in `TtlCache.#store` (`src/cache.ts`) no longer bounds the map. Check that it evicts after every insert, and that `peek` re-inserts only entries it has just removed.',
	heap: () =>
		'*Why.* The heap stays above the bound even after collection and finalisers, so something keeps per-lookup state. Check that `#loading` is cleared on both settle paths (`src/cache.ts`), that the timer and abort listener in `src/transport.ts` are released on every path, and that the secret set behind `redact` (`src/config.ts`) does not grow. To find it, take heap snapshots of the memory child after two passes (`node --expose-gc --inspect bench/lib/memory-child.mjs 100000 2 64 10 2048`) and compare them.',
	'ky-p50': (data) => kyGap(data),
	'ky-rate': (data) => kyGap(data),
	'send-p50': (data) => {
		const kyAlone = median(perRound(data.latency['bare ky'].p50, data.latency['raw fetch + JSON.parse'].p50));
		return [
			`*Why.* The client sends through ky, and ky alone is most of the gap: in this run a bare ky call took ${ratio(kyAlone)} the time of raw fetch at p50 (table above). Per call ky merges its options, normalises headers (three \`Headers\` objects), builds a \`Request\`, and runs its promise chain; \`fetch\` then builds a second \`Request\` from it, proxying the body through a \`TransformStream\`. What the client adds on top of ky is under the targets above.`,
			'',
			`*What would close it.* Nothing that keeps ky: the project keeps ky as its request builder (README, "Why ky"), and a bare ky call alone is ${ratio(kyAlone)} raw fetch here, so the client is held to ≤ 1.1× a bare ky call instead. Sending ky's request with \`fetch(url, init)\` (see the targets above) also removes the second \`Request\`, which brings a ky call closer to raw fetch too.`,
		].join('\n');
	},
	'sdk-throughput': (data) => {
		const rates = Object.fromEntries(Object.entries(data.rate).map(([name, values]) => [name, median(values)]));
		const sdk = rates['@a2a-js/sdk Client.sendMessage'];
		return [
			`*Why.* The SDK's JSON-RPC transport calls \`fetch(endpoint, init)\` with a string body and reads the reply with \`response.json()\`. Unless the caller passes a signal, it sets no timer and no AbortController, and it does not validate the reply (ts-proto's \`fromJSON\` coerces whatever arrives). Ours pays the per-call costs listed under benchmark 3, ky's request setup first. With 32 calls in flight the client's CPU is the bottleneck, not the agent's, so these costs show up in full. In this run the raw-fetch reference did ${perSecond(rates['raw fetch + JSON.parse (reference)'])}, the SDK ${perSecond(sdk)}, and ours ${perSecond(rates.sendMessage)}.`,
			'',
			'*What would close it.* Not all of it while ky stays, and the project keeps ky as its request builder (README, "Why ky"): a bare ky call is slower than raw fetch before the client adds anything (benchmark 3). Sending ky\'s request with `fetch(url, init)` (benchmark 3) removes what is not ky\'s own work. An earlier prototype that called `fetch` without ky reached 0.89–1.09× the SDK at concurrency 32 and 0.95–0.99× at concurrency 1. What remains beyond that is per-call safety the SDK does not have: a timeout per exchange and schema validation of the reply, about 5 % of CPU time in the profile. That cost is worth keeping.',
		].join('\n');
	},
	bundle: (data) => {
		const [ours, theirs] = data.sizes;
		const withoutKy = data.sizes.find((size) => size.label.includes('ky left out'));
		return [
			`*Why.* ky is about half the bundle. ${withoutKy ? `With ky left out (external), the same entry is ${bytes(withoutKy.minified)} minified and ${bytes(withoutKy.gzipped)} gzipped, ${ratio(withoutKy.gzipped / theirs.gzipped)} the SDK, against ${bytes(ours.gzipped)} with it.` : ''} Minified bytes by package (esbuild metafile): ${Object.entries(ours.byPackage).map(([name, size]) => `${name} ${bytes(size)}`).join(', ')}. ky is not tree-shaken: \`ky.create\` pulls in its whole request pipeline (retries, hooks, progress streams, timeouts), and the transport uses none of it.`,
			'',
			'*What would close it.* Only the HTTP layer: `src/transport.ts` calling `fetch` without ky bundled the whole entry to about 10.1 KB gzipped in a prototype, 0.41× the SDK. The project keeps ky (README, "Why ky") and holds the core to its own budget instead: 19,500 bytes gzipped with its dependencies and 9,500 of our own code, per entry in `scripts/size.mjs` (`npm run size`).',
		].join('\n');
	},
	'stream-latency': (data) => streamGap(data),
	'stream-throughput': (data) => streamGap(data),
	'stream-resubscribe': ({ resubscribe, roundTrips, firstStepMs }) => {
		const over = median(resubscribe.map((value, index) => value - firstStepMs - roundTrips[index]));
		return [
			`*Why.* After a cut the stream waits its first backoff step (${firstStepMs} ms here) on the clock, then opens a new connection and reads the new Task (withheld: nothing new) and the status after it. In this run the cut-to-caller time exceeded the step plus a fresh subscription's round trip by a median of ${over.toFixed(2)} ms: the time for the client to see the connection drop (the socket's close reaching undici, then the reader), and the lateness of the timer behind the wait, which the runtime's scheduler decides and which grows with the machine's load.`,
			'',
			'*What would close it.* Nothing in the stream: between the failed read and the new request it only logs the cut and draws the wait. A ratio near 1.0× with a spread of a few hundredths is this noise; a larger one would be a wait longer than drawn (check `backoffDelay` and the `retry` options) or work added before `open`.',
		].join('\n');
	},
};

/** Why streamTaskEvents trails a bare reader, from the rates and delays of the run. */
function streamGap({ rates, delays, cpu }) {
	const ours = median(rates.streamTaskEvents);
	const bare = median(rates['bare eventsource-parser reader']);
	const perEvent = (1e6 / ours - 1e6 / bare).toFixed(2);
	const latency = median(delays.streamTaskEvents.map((round) => round.p50)) - median(delays['bare eventsource-parser reader'].map((round) => round.p50));
	return [
		`*Why.* Both read the same bytes with the same parser and \`JSON.parse\`. Per event, ${'`streamTaskEvents`'} adds one async-iterator step to its caller (the bare reader calls a function), the event-size check and the resubscription bookkeeping (\`src/a2a/stream-ledger.ts\`: a set lookup for a status update or message, a map write for an artifact chunk); per body read, one step through each of its three layers (the SSE reader, the connection, the resubscription), which hand events over a read at a time (\`src/events/flatten.ts\`). In this run that was ${perEvent} µs more per event in throughput (${perSecond(ours)} against ${perSecond(bare)}) and ${(latency * 1000).toFixed(0)} µs more from write to caller at p50. With the socket taken out (the same bytes from memory, CPU time only), ours read ${ratio(median(perRound(cpu['bare eventsource-parser reader'], cpu.streamTaskEvents)))} the events per CPU second of the bare reader: the step per event to the caller is about 0.15 µs of that and the bookkeeping about 0.1 µs (measured apart, by reading the same bytes through \`readServerSentEventBatches\` alone, which matched the bare reader, and through \`readServerSentEvents\`).`,
		'',
		'*What would close it.* A callback interface (`onEvent`) instead of an async iterable would drop the step per event; issue 14 fixes the iterable as the API. On this shared 2-core machine the per-round ratios spread widely (the table above): judge a miss by the median over several runs before changing code.',
	].join('\n');
}

export function analysisOf(id, data) {
	return analyses[id]?.(data) ?? '*No analysis recorded for this target yet.*';
}
