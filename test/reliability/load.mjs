// Run by load.test.ts with `node --expose-gc`: `count` sends at `concurrency` through the built client against a
// dev platform the parent serves. Prints one JSON line of figures; the client's heap is measured here, alone.
import { createA2AClient } from '@molecule-ai/a2a-client';

const { url, callerId, targetId, token, count, concurrency } = JSON.parse(process.argv[2] ?? '{}');
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');

const client = createA2AClient({ workspaceId: callerId, platformUrl: url, token });
const counts = { replied: 0, queued: 0, failed: 0, wrongReply: 0, retried: 0 };
const messageIds = new Set();
const failures = new Map();
let settled = 0;

async function one(index) {
	const outcome = await client.sendMessage(targetId, `load ${index}`);
	settled++;
	counts[outcome.status]++;
	if (outcome.attempts > 1) counts.retried++;
	if (outcome.messageId) messageIds.add(outcome.messageId);
	if (outcome.status === 'replied' && outcome.text !== `echo: load ${index}`) counts.wrongReply++;
	if (outcome.status === 'failed') failures.set(outcome.error.message, (failures.get(outcome.error.message) ?? 0) + 1);
}

/** Sends `[from, to)` with `concurrency` workers; answers the milliseconds it took. */
async function batch(from, to) {
	let next = from;
	const started = performance.now();
	const worker = async () => {
		while (next < to) await one(next++);
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, to - from) }, worker));
	return performance.now() - started;
}

const heap = () => process.memoryUsage().heapUsed;
const collected = () => {
	globalThis.gc();
	globalThis.gc();
	return heap();
};

// Baseline after a tenth of the sends (JIT warm, connection pool full), then the middle and the end.
const tenth = Math.max(1, Math.floor(count / 10));
const half = Math.max(tenth, Math.floor(count / 2));
let durationMs = await batch(0, tenth);
const baseline = collected();
durationMs += await batch(tenth, half);
const middle = collected();
durationMs += await batch(half, count);
const end = heap();
const endAfterGc = collected();

console.log(
	JSON.stringify({
		sends: count,
		concurrency,
		settled,
		...counts,
		distinctMessageIds: messageIds.size,
		failures: Object.fromEntries(failures),
		durationMs: Math.round(durationMs),
		throughputPerSecond: Math.round((count / durationMs) * 1000),
		heapBytes: { baseline, middle, end, endAfterGc },
	}),
);
