import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDevPlatform, demoOrg } from '../../src/dev/index.js';
import { serve, type RunningServer } from '../../src/node/index.js';
import { ensureBuilt, root } from '../cli/build.js';
import { demoId } from '../cli/dev-server.js';
import { firstLine, runCli, spawnCli, stop } from '../cli/process.js';

const org = demoOrg();
let platform: RunningServer | undefined;
let worker: ChildProcess | undefined;
let workerUrl = '';

const runner = [process.execPath, join(root, 'examples', 'cloudflare-worker', 'run.mjs')];

beforeAll(async () => {
	await ensureBuilt();
	platform = await serve(createDevPlatform({ workspaces: org.workspaces }).fetch, { host: '127.0.0.1', port: 0 });
	worker = spawnCli(['--port', '0'], {
		command: runner,
		env: { PLATFORM_URL: platform.url, WORKSPACE_ID: org.caller, MOLECULE_WORKSPACE_TOKEN: 'dev-token-orchestrator' },
	});
	const ready = await firstLine(worker, /^Worker listening on /);
	workerUrl = ready.split(' ')[3] ?? '';
}, 180_000);

afterAll(async () => {
	if (worker) expect(await stop(worker)).toEqual({ code: 0, signal: null });
	await platform?.close();
});

const sendThroughWorker = (peerId: string, text: string): Promise<Response> =>
	fetch(`${workerUrl}/send`, { method: 'POST', body: JSON.stringify({ peerId, text }) });

describe('examples/cloudflare-worker under workerd', () => {
	test('GET /peers lists the peers', async () => {
		const response = await fetch(`${workerUrl}/peers`);
		expect(response.status).toBe(200);
		const listing = (await response.json()) as { peers: { name: string }[]; diagnostic: null };
		expect(listing.diagnostic).toBeNull();
		// The demo organisation's second root is no longer a peer of the first (platform contract §4).
		expect(listing.peers.map((peer) => peer.name)).toEqual(['Echo', 'Researcher', 'Flaky', 'Crasher', 'Busy', 'Sleeper', 'Inbox']);
	});

	test('POST /send answers { reply }', async () => {
		const response = await sendThroughWorker(demoId('echo'), 'hello from workerd');
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ reply: 'echo: hello from workerd' });
	});

	test('POST /send to a refused peer answers { error, hint }', async () => {
		const response = await sendThroughWorker(demoId('auditor'), 'may I?');
		expect(response.status).toBe(502);
		expect(await response.json()).toEqual({
			error: `[A2A_ERROR] HTTP 403: access denied: workspaces cannot communicate per hierarchy rules [target=${platform?.url ?? ''}/workspaces/${demoId('auditor')}/a2a]`,
			hint: 'The remote agent reported a delivery failure. Check the workspace logs or try restarting.',
		});
	});

	test('POST /send without a peer id or text answers 400', async () => {
		const response = await fetch(`${workerUrl}/send`, { method: 'POST', body: '{}' });
		expect(response.status).toBe(400);
	});

	test('the documented one-shot command calls both routes and exits 0', async () => {
		const result = await runCli(['dev', '--', 'node', 'examples/cloudflare-worker/run.mjs', '--try']);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(
			'GET /peers -> Echo, Researcher, Flaky, Crasher, Busy, Sleeper, Inbox\nPOST /send to Echo -> 200 {"reply":"echo: hello from a Worker"}\n',
		);
	});
});
