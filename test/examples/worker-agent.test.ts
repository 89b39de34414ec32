import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDevPlatform, type DevPlatform, type DevWorkspace } from '../../src/dev/index.js';
import { createA2AClient } from '../../src/index.js';
import { serve, type RunningServer } from '../../src/node/index.js';
import { ensureBuilt, root } from '../cli/build.js';
import { runCli, spawnCli, stop } from '../cli/process.js';

// examples/worker-agent: a Cloudflare Worker under workerd that is a push-mode agent of the dev platform.
const seed = JSON.parse(readFileSync(join(root, 'examples', 'worker-agent', 'seed.json'), 'utf8')) as DevWorkspace[];
const [agentWorkspace, peerWorkspace] = seed as [DevWorkspace, DevWorkspace];
const runner = [process.execPath, join(root, 'examples', 'worker-agent', 'run.mjs')];

let platform: DevPlatform;
let server: RunningServer | undefined;
let worker: ChildProcess | undefined;
let workerUrl = '';
let cronUrl = '';

/** Waits (bounded) until the runner printed both its URLs: the agent has registered by then. */
function readyLines(child: ChildProcess): Promise<{ worker: string; cron: string }> {
	return new Promise((resolve, reject) => {
		let stdout = '';
		let stderr = '';
		const timer = setTimeout(() => reject(new Error(`the runner printed no URLs within 60 s:\n${stdout}\n${stderr}`)), 60_000);
		child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.stdout?.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			const workerMatch = /^Worker agent listening on (\S+),/m.exec(stdout);
			const cronMatch = /^Cron Trigger stand-in on (\S+):/m.exec(stdout);
			if (!workerMatch?.[1] || !cronMatch?.[1]) return;
			clearTimeout(timer);
			resolve({ worker: workerMatch[1], cron: cronMatch[1] });
		});
		child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`the runner exited with ${code}:\n${stdout}\n${stderr}`))));
	});
}

const peerClient = () =>
	createA2AClient({ workspaceId: peerWorkspace.id, platformUrl: server?.url ?? '', token: peerWorkspace.tokens?.[0] ?? '', retry: { maxAttempts: 1 } });

beforeAll(async () => {
	await ensureBuilt();
	platform = createDevPlatform({ workspaces: seed });
	server = await serve(platform.fetch, { host: '127.0.0.1', port: 0 });
	worker = spawnCli(['--port', '0'], {
		command: runner,
		env: { PLATFORM_URL: server.url, WORKSPACE_ID: agentWorkspace.id, MOLECULE_WORKSPACE_TOKEN: agentWorkspace.tokens?.[0] },
	});
	({ worker: workerUrl, cron: cronUrl } = await readyLines(worker));
}, 180_000);

afterAll(async () => {
	if (worker) expect(await stop(worker)).toEqual({ code: 0, signal: null });
	await server?.close();
});

describe('examples/worker-agent under workerd', () => {
	test('the Worker registers in push mode with its own URL when it starts', () => {
		const port = new URL(workerUrl).port;
		expect(platform.workspace(agentWorkspace.id)).toMatchObject({ deliveryMode: 'push', url: `http://localhost:${port}/a2a/inbound` });
		expect(platform.requests.filter((request) => request.path === '/registry/register').map((request) => request.status)).toEqual([200]);
	});

	test("a peer's message through the platform gets the Worker's reply", async () => {
		const outcome = await peerClient().sendMessage(agentWorkspace.id, 'hello Worker');
		expect(outcome).toMatchObject({ status: 'replied', text: 'worker-agent heard: hello Worker' });
	});

	test('a push without the inbound secret is refused with 401 and never reaches onMessage', async () => {
		const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: { role: 'user', parts: [{ kind: 'text', text: 'sneaky' }], messageId: 'm-1' } } });
		const response = await fetch(`${workerUrl}/a2a/inbound`, { method: 'POST', headers: { Authorization: 'Bearer wrong-secret' }, body });
		expect(response.status).toBe(401);
		expect(await response.json()).toMatchObject({ error: { code: -32000 } });
	});

	test('the scheduled handler (the Cron Trigger) sends one heartbeat', async () => {
		const beats = () => platform.requests.filter((request) => request.path === '/registry/heartbeat' && request.status === 200).length;
		const before = beats();
		const response = await fetch(cronUrl, { method: 'POST' });
		expect(await response.json()).toEqual({ outcome: 'ok' });
		expect(beats()).toBe(before + 1);
	});

	test('the documented one-shot command beats, gets a reply and exits 0', async () => {
		const result = await runCli(['dev', '--seed', 'examples/worker-agent/seed.json', '--', 'node', 'examples/worker-agent/run.mjs', '--try']);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('scheduled -> 200 {"outcome":"ok"}\nPeer -> Worker agent: replied "worker-agent heard: hello from a peer"\n');
	}, 120_000);
});
