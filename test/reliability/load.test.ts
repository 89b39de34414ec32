// Load: A2A_LOAD_COUNT sends (default 2000) at concurrency 64 through the dev platform over loopback, real clock.
// The platform runs here; the built client runs in a child process so its heap is measured on its own.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { agents, createDevPlatform, type DevPlatform } from '../../src/dev/index.js';
import { serve, type RunningServer } from '../../src/node/index.js';
import { ensureBuilt, root } from './built.js';
import { watchUnhandledRejections } from './harness.js';

watchUnhandledRejections();

const count = Number(process.env['A2A_LOAD_COUNT'] ?? 2000);
const concurrency = 64;
const ids = { caller: '50000000-0000-4000-8000-000000000001', target: '50000000-0000-4000-8000-000000000002' };
const token = 'tok-load-caller-0123456789';
const mib = 1024 * 1024;

interface Figures {
	sends: number;
	concurrency: number;
	settled: number;
	replied: number;
	queued: number;
	failed: number;
	wrongReply: number;
	retried: number;
	distinctMessageIds: number;
	failures: Record<string, number>;
	durationMs: number;
	throughputPerSecond: number;
	heapBytes: { baseline: number; middle: number; end: number; endAfterGc: number };
}

const agent = agents.dedupingEcho();
let platform: DevPlatform;
let server: RunningServer;

beforeAll(async () => {
	await ensureBuilt();
	platform = createDevPlatform({
		workspaces: [
			{ id: ids.caller, name: 'Load caller', tokens: [token] },
			// A child of the caller: two roots may not talk to each other (platform contract §4).
			{ id: ids.target, name: 'Deduping echo', parentId: ids.caller, agent },
		],
	});
	server = await serve(platform.fetch, { host: '127.0.0.1', port: 0 });
}, 120_000);

afterAll(async () => {
	await server?.close();
});

function runLoad(): Promise<Figures> {
	const argument = JSON.stringify({ url: server.url, callerId: ids.caller, targetId: ids.target, token, count, concurrency });
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', join(root, 'test/reliability/load.mjs'), argument], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout) as Figures) : reject(new Error(`load.mjs exited ${code}: ${stderr}`))));
	});
}

test(`${count} sends at concurrency ${concurrency}: none lost, none duplicated, all accounted for, heap flat`, async () => {
	const figures = await runLoad();
	const messageIds = new Set(
		platform.requests
			.filter((request) => request.path === `/workspaces/${ids.target}/a2a`)
			.map((request) => (request.body as { params: { message: { messageId: string } } }).params.message.messageId),
	);
	const heapMiB = Object.fromEntries(Object.entries(figures.heapBytes).map(([name, bytes]) => [name, +(bytes / mib).toFixed(2)]));
	console.log(`[reliability] load ${JSON.stringify({ ...figures, heapMiB, executions: agent.executions, platformMessageIds: messageIds.size })}`);

	expect(figures.settled).toBe(count);
	expect(figures.replied + figures.queued + figures.failed).toBe(count);
	expect(figures).toMatchObject({ replied: count, queued: 0, failed: 0, wrongReply: 0, distinctMessageIds: count });
	expect(agent.executions).toBe(count);
	expect(messageIds.size).toBe(count);
	expect(figures.heapBytes.endAfterGc - figures.heapBytes.baseline).toBeLessThan(4 * mib);
	expect(figures.heapBytes.endAfterGc - figures.heapBytes.middle).toBeLessThan(2 * mib);
}, 300_000);
