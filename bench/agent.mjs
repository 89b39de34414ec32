// 7. Agent: a poll-mode agent must drain a large inbox with flat memory and poll at most once per
// wait (never while a batch is in hand); a push-mode agent must refuse wrong-secret pushes without
// reading a byte of their bodies. Everything runs in-process on the dev platform's fetch handler.
import { createAgent } from '@molecule-ai/a2a-client/agent';
import { createA2AClient } from '@molecule-ai/a2a-client';
import { createDevPlatform } from '@molecule-ai/a2a-client/dev';
import { bytes, mb, ms, num, perSecond, table } from './lib/format.mjs';
import { log, runIfMain } from './lib/main.mjs';

if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc (bench/run.mjs does)');

const PLATFORM = 'http://platform.bench';
const ROOT = '30000000-0000-4000-8000-000000000001';
const AGENT = '30000000-0000-4000-8000-000000000002';
const PEER = '30000000-0000-4000-8000-000000000003';
const PEER_TOKEN = 'bench-peer-token-0123456789abcdefghij';
const SECRET = 'bench-inbound-secret-0123456789abcdefghij';
const intervalMs = 25;

/** Heap in use after collections, once two readings agree within 1 % (see bench/lib/memory-child.mjs). */
async function settledHeap() {
	let previous = Infinity;
	for (let cycle = 0; cycle < 20; cycle++) {
		globalThis.gc();
		await new Promise((resolve) => setTimeout(resolve, 20));
		const heap = process.memoryUsage().heapUsed;
		if (Math.abs(heap - previous) < previous * 0.01) return heap;
		previous = heap;
	}
	return previous;
}

/** A real-time clock that counts the agent's idle waits (its polls' pauses), told apart from request deadlines by length. */
function countingClock() {
	const clock = {
		idleWaits: 0,
		now: () => performance.now(),
		wallNow: () => Date.now(),
		sleep(waitMs, signal) {
			if (waitMs <= intervalMs * 2) clock.idleWaits++;
			return new Promise((resolve, reject) => {
				if (signal?.aborted) return reject(signal.reason);
				const timer = setTimeout(() => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				}, waitMs);
				const onAbort = () => {
					clearTimeout(timer);
					reject(signal.reason);
				};
				signal?.addEventListener('abort', onAbort, { once: true });
			});
		},
	};
	return clock;
}

function setup(deliveryMode) {
	const platform = createDevPlatform({
		workspaces: [
			{ id: ROOT, name: 'root', tokens: ['bench-root-token-0123456789abcdefghij'] },
			{ id: AGENT, name: 'agent', parentId: ROOT, runtime: 'external' },
			{ id: PEER, name: 'peer', parentId: ROOT, tokens: [PEER_TOKEN], deliveryMode: 'poll' },
		],
		mintSecret: () => SECRET,
	});
	const clock = countingClock();
	const agent = createAgent({
		workspaceId: AGENT,
		platformUrl: PLATFORM,
		fetch: platform.fetch,
		clock,
		card: { name: 'bench agent' },
		deliveryMode,
		...(deliveryMode === 'push' ? { url: 'https://agent.bench/a2a/inbound' } : {}),
		inbox: { intervalMs, jitter: 0.2 },
		onMessage: () => undefined,
		logger: { debug() {}, warn: log, error: log },
	});
	const peer = createA2AClient({ workspaceId: PEER, platformUrl: PLATFORM, token: PEER_TOKEN, fetch: platform.fetch });
	const activityGets = () => platform.requests.filter((request) => request.method === 'GET' && request.path.includes('/activity?')).length;
	return { platform, clock, agent, peer, activityGets };
}

const sleep = (waitMs) => new Promise((resolve) => setTimeout(resolve, waitMs));

/** (1) and (2): inbox throughput and heap, then the poll counts idle and with a message in hand. */
async function pollMode({ messages, idleMs, holdMs }) {
	const { clock, agent, peer, activityGets } = setup('poll');
	await agent.register();
	const controller = new AbortController();
	const iterator = agent.inbox({ signal: controller.signal })[Symbol.asyncIterator]();
	// A first message sets the cursor, so the rest are read after it rather than from the bounded backfill window.
	await peer.sendMessage(AGENT, 'warm-up');
	if ((await iterator.next()).value?.text !== 'warm-up') throw new Error('the warm-up message did not arrive');
	const queued = performance.now();
	for (let n = 0; n < messages; n++) await peer.sendMessage(AGENT, `message ${n}`);
	const queueMs = performance.now() - queued;
	const heapBefore = await settledHeap();
	const started = performance.now();
	let received = 0;
	while (received < messages) {
		const { value, done } = await iterator.next();
		if (done) throw new Error(`the inbox ended after ${received} of ${messages} messages`);
		if (value.text !== `message ${received}`) throw new Error(`message ${received} arrived as ${JSON.stringify(value.text)}`);
		received++;
	}
	const drainMs = performance.now() - started;
	const requestsDuringDrain = activityGets();
	const heapAfter = await settledHeap();

	// Idle: the inbox is empty; ask for the next message and count polls against the waits between them.
	const pending = iterator.next();
	const idleGetsBefore = activityGets();
	const idleWaitsBefore = clock.idleWaits;
	await sleep(idleMs);
	const idleGets = activityGets() - idleGetsBefore;
	const idleWaits = clock.idleWaits - idleWaitsBefore;

	// Handling: one message is delivered and the consumer holds it; the inbox must not poll meanwhile.
	await peer.sendMessage(AGENT, 'held');
	const held = await pending;
	if (held.value?.text !== 'held') throw new Error('the held message did not arrive');
	const holdGetsBefore = activityGets();
	await sleep(holdMs);
	const holdGets = activityGets() - holdGetsBefore;
	controller.abort();
	await iterator.return?.();
	return { messages, queueMs, drainMs, requestsDuringDrain, heapBefore, heapAfter, idleMs, idleGets, idleWaits, holdMs, holdGets };
}

/** A request body that counts the bytes anyone pulls from it; highWaterMark 0 so nothing is pulled ahead. */
function countedBody(counter) {
	const chunk = new TextEncoder().encode(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: { role: 'user', messageId: 'm', parts: [{ kind: 'text', text: 'hi' }] } } }));
	let sent = false;
	return new ReadableStream(
		{
			pull(controller) {
				if (sent) return controller.close();
				sent = true;
				counter.bytes += chunk.byteLength;
				controller.enqueue(chunk);
			},
		},
		{ highWaterMark: 0 },
	);
}

const push = (secret, counter) =>
	new Request('https://agent.bench/a2a/inbound', {
		method: 'POST',
		headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
		body: countedBody(counter),
		duplex: 'half',
	});

/** (3): wrong-secret pushes refused, timed, with the body bytes read and onMessage calls counted. */
async function pushMode({ requests }) {
	let handled = 0;
	const platform = createDevPlatform({
		workspaces: [
			{ id: ROOT, name: 'root', tokens: ['bench-root-token-0123456789abcdefghij'] },
			{ id: AGENT, name: 'agent', parentId: ROOT, runtime: 'external' },
		],
		mintSecret: () => SECRET,
	});
	const agent = createAgent({
		workspaceId: AGENT,
		platformUrl: PLATFORM,
		fetch: platform.fetch,
		card: { name: 'bench agent' },
		deliveryMode: 'push',
		url: 'https://agent.bench/a2a/inbound',
		onMessage: () => {
			handled++;
			return 'ok';
		},
		logger: { debug() {}, warn() {}, error: log },
	});
	await agent.register();
	// The probe can fail: the right secret reads the body and reaches onMessage.
	const control = { bytes: 0 };
	const accepted = await agent.fetch(push(SECRET, control));
	if (accepted.status !== 200 || control.bytes === 0 || handled !== 1) throw new Error(`the right secret was not served (status ${accepted.status}, ${control.bytes} bytes read)`);
	handled = 0;
	const counter = { bytes: 0 };
	const wrong = `${SECRET.slice(0, -1)}x`;
	const statuses = new Map();
	const started = performance.now();
	for (let n = 0; n < requests; n++) {
		const response = await agent.fetch(push(n % 2 === 0 ? wrong : 'short', counter));
		statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
		await response.arrayBuffer();
	}
	const elapsedMs = performance.now() - started;
	return { requests, elapsedMs, bodyBytes: counter.bytes, handled, statuses: Object.fromEntries(statuses), controlBytes: control.bytes };
}

export async function run({ smoke }) {
	const messages = smoke ? 300 : 10_000;
	const poll = await pollMode({ messages, idleMs: smoke ? 200 : 1000, holdMs: smoke ? 100 : 500 });
	log(`agent: ${poll.messages} messages in ${poll.drainMs.toFixed(0)} ms; idle ${poll.idleGets} polls / ${poll.idleWaits} waits; ${poll.holdGets} polls while handling`);
	const inbound = await pushMode({ requests: smoke ? 300 : 10_000 });
	log(`agent: ${inbound.requests} wrong-secret pushes refused in ${inbound.elapsedMs.toFixed(0)} ms, ${inbound.bodyBytes} body bytes read`);

	const perPoll = poll.idleGets / Math.max(poll.idleWaits, 1);
	const heapDelta = poll.heapAfter - poll.heapBefore;
	const refused = inbound.statuses[401] ?? 0;
	const rows = [
		[`inbox: ${poll.messages.toLocaleString("en-US")} inbound messages through \`agent.inbox()\``, `${perSecond((poll.messages / poll.drainMs) * 1000)} (${ms(poll.drainMs)} in all; ${poll.requestsDuringDrain} \`/activity\` reads)`],
		['inbox: heap after forced GC, before → after the drain', `${mb(poll.heapBefore)} → ${mb(poll.heapAfter)} (${heapDelta >= 0 ? '+' : ''}${mb(heapDelta)})`],
		[`poll cost, idle for ${poll.idleMs} ms (\`intervalMs\` ${intervalMs}, jitter 0.2)`, `${poll.idleGets} \`/activity\` requests over ${poll.idleWaits} waits: ${num(perPoll)} per poll`],
		[`poll cost, one message held by the consumer for ${poll.holdMs} ms`, `${poll.holdGets} \`/activity\` requests`],
		[`inbound: ${inbound.requests.toLocaleString("en-US")} wrong-secret pushes to \`agent.fetch\``, `${ms(inbound.elapsedMs)} (${perSecond((inbound.requests / inbound.elapsedMs) * 1000)}); ${refused.toLocaleString('en-US')} answered 401`],
		['inbound: body bytes read from the refused pushes; `onMessage` calls', `${bytes(inbound.bodyBytes)}; ${inbound.handled}`],
	];
	const markdown = [
		`In-process, with no HTTP: one dev platform (\`createDevPlatform\`) and agents made by \`createAgent\` with the platform's \`fetch\`, on a real-time clock that counts the agent's idle waits. **Inbox:** a poll-mode agent registers and reads one warm-up message (so its cursor is set), a peer queues ${poll.messages.toLocaleString("en-US")} messages (${ms(poll.queueMs)}), then the agent's \`inbox()\` iterator yields them all in order; heap is \`heapUsed\` after \`gc()\` until two readings agree, before and after the drain (the platform's own rows and request log already exist at both readings, so a fall means the platform released more than the agent kept). **Poll cost:** \`/activity\` reads counted in \`platform.requests\`, first with the inbox empty, then while the consumer holds a delivered message without asking for the next. **Inbound:** a push-mode agent, registered (so it holds its inbound secret), gets ${inbound.requests.toLocaleString("en-US")} pushes whose secret is wrong (one character off, or too short), each body a stream that counts every byte pulled from it; a control push with the right secret first shows the count works (${bytes(inbound.controlBytes)} read, \`onMessage\` called).`,
		'',
		table(['figure', 'result'], rows),
	].join('\n');
	return {
		title: '7. Agent',
		markdown,
		targets: [
			{ id: 'agent-idle-poll', name: 'agent inbox: at most 1 `/activity` request per idle poll', value: perPoll, limit: 1, better: 'lower', shown: `${num(perPoll)} (${poll.idleGets} over ${poll.idleWaits} waits)` },
			{ id: 'agent-busy-poll', name: 'agent inbox: 0 `/activity` requests while a message is being handled', value: poll.holdGets, limit: 0, better: 'exact', shown: `${poll.holdGets} in ${poll.holdMs} ms` },
			{ id: 'agent-inbound-body', name: `agent inbound: 0 body bytes read from ${inbound.requests.toLocaleString("en-US")} wrong-secret pushes`, value: inbound.bodyBytes + inbound.handled, limit: 0, better: 'exact', shown: `${inbound.bodyBytes} bytes, ${inbound.handled} \`onMessage\` calls` },
		],
		extra: [
			{ name: `agent inbox: ${poll.messages.toLocaleString("en-US")} messages, throughput`, shown: perSecond((poll.messages / poll.drainMs) * 1000) },
			{ name: 'agent inbox: heap after GC, after minus before the drain', shown: mb(heapDelta) },
			{ name: `agent inbound: ${inbound.requests.toLocaleString("en-US")} wrong-secret pushes refused`, shown: ms(inbound.elapsedMs) },
		],
		data: { poll, inbound },
	};
}

await runIfMain(import.meta, run);
