// The memory benchmark's measuring process, started with --expose-gc by ../memory.mjs so that
// heap readings after a forced collection mean something. Prints one JSON line on stdout.
// Usage: node --expose-gc memory-child.mjs <ids per pass> <passes> <batch> <samples per pass> <warm-up ids>
import { createA2AClient } from '@molecule-ai/a2a-client';
import { callerId, fakeRegistryFetch, nthPeerId, token } from './fixtures.mjs';

if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
const [ids, passes, batch, samples, warmIds] = process.argv.slice(2).map(Number);
const nextTask = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Heap in use once garbage is really gone: undici ties each Request to its AbortSignal through a
 * FinalizationRegistry, whose cleanup runs as a task after a collection, so a bare `gc()` still
 * counts thousands of dead requests. Collect and yield until two readings agree within 1 %.
 */
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

const client = createA2AClient({ workspaceId: callerId, platformUrl: 'http://127.0.0.1:9', token, fetch: fakeRegistryFetch() });
const peekable = (from, to) => {
	let count = 0;
	for (let index = from; index < to; index++) if (client.peekPeerMetadata(nthPeerId(index)) !== undefined) count++;
	return count;
};

// Warm the code paths (JIT, ky, the fake registry) on ids outside the measured range; they age out in pass 1.
for (let start = 0; start < warmIds; start += batch) {
	await Promise.all(Array.from({ length: batch }, (_, offset) => client.getPeerMetadata(nthPeerId(10_000_000 + start + offset))));
}
const baselineHeap = await settledHeap();

const results = [];
for (let pass = 0; pass < passes; pass++) {
	// Each pass uses ids no earlier pass used: every lookup is a miss whose record must be stored.
	const first = pass * ids;
	const end = first + ids;
	const sampleEvery = Math.max(batch, Math.ceil(ids / samples));
	let maxPeekable = 0;
	let peakHeap = 0;
	const started = performance.now();
	for (let start = first; start < end; start += batch) {
		const lookups = [];
		for (let index = start; index < Math.min(start + batch, end); index++) lookups.push(client.getPeerMetadata(nthPeerId(index)));
		if ((await Promise.all(lookups)).some((record) => record === null)) throw new Error('a lookup failed');
		peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
		// How many of the ids looked up so far in this pass are still cached (peek never adds an entry).
		if ((start - first + batch) % sampleEvery < batch) maxPeekable = Math.max(maxPeekable, peekable(first, Math.min(start + batch, end)));
		// Pushes arrive as separate network events: let the event loop turn between batches.
		await nextTask();
	}
	const elapsedMs = performance.now() - started;
	const finalPeekable = peekable(first, end);
	results.push({ maxPeekable: Math.max(maxPeekable, finalPeekable), finalPeekable, heapAfterGc: await settledHeap(), peakHeap, elapsedMs });
	console.error(`memory pass ${pass + 1}/${passes}: ${JSON.stringify(results.at(-1))}`);
}
process.stdout.write(`${JSON.stringify({ baselineHeap, results })}\n`);
