import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { ensureBuilt } from './build.js';
import { demo, demoId, startDev, type DevServer } from './dev-server.js';
import { finished, firstLine, runCli, spawnCli, stop } from './process.js';

beforeAll(ensureBuilt, 180_000);

const running: DevServer[] = [];
async function dev(args: readonly string[] = []): Promise<DevServer> {
	const server = await startDev(args);
	running.push(server);
	return server;
}
afterEach(async () => {
	await Promise.all(running.splice(0).map((server) => server.stop()));
});

function seedFile(workspaces: unknown): string {
	const path = join(mkdtempSync(join(tmpdir(), 'a2a-seed-')), 'org.json');
	writeFileSync(path, JSON.stringify(workspaces));
	return path;
}

const echoId = '5eed0000-0000-4000-8000-000000000002';
const callerId = '5eed0000-0000-4000-8000-000000000001';

describe('molecule-a2a dev', () => {
	test('--json prints exactly one JSON line describing the platform and every workspace', async () => {
		const child = spawnCli(['dev', '--json', '--host', '127.0.0.1', '--port', '0']);
		const output = finished(child);
		const line = await firstLine(child);
		await stop(child);
		const { stdout } = await output;
		expect(stdout).toBe(`${line}\n`);
		const ready = JSON.parse(line) as { platformUrl: string; adminToken: string; workspaces: unknown[] };
		expect(ready.platformUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(ready.adminToken).toBe(demo.adminToken);
		expect(ready.workspaces).toHaveLength(demo.workspaces.length);
		expect(ready.workspaces[1]).toEqual({ id: demoId('echo'), name: 'Echo', role: 'echo', token: 'dev-token-echo', agent: 'echoes the text it receives' });
	});

	test('stops cleanly with exit code 0 on SIGTERM', async () => {
		const server = await startDev();
		expect(await server.stop()).toEqual({ code: 0, signal: null });
	});

	test('stops cleanly with exit code 0 on SIGINT', async () => {
		const server = await startDev();
		expect(await stop(server.process, 'SIGINT')).toEqual({ code: 0, signal: null });
	});

	test('serves the platform while it runs, with CORS open to any origin', async () => {
		const { platformUrl } = await dev();
		const response = await fetch(`${platformUrl}/workspaces/${demoId('echo')}`, { headers: { Origin: 'http://localhost:5173' } });
		expect(response.status).toBe(200);
		expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
	});

	test('prints the URL and a table of ids, names, roles, tokens and behaviours for people', async () => {
		const child = spawnCli(['dev', '--host', '127.0.0.1', '--port', '0']);
		const output = finished(child);
		await firstLine(child, /molecule-a2a peers/);
		await stop(child);
		const { stdout } = await output;
		expect(stdout).toMatch(/^Dev platform running at http:\/\/127\.0\.0\.1:\d+ \(Ctrl-C to stop\)/);
		expect(stdout).toMatch(new RegExp(`${demoId('busy')}\\s+Busy\\s+worker\\s+dev-token-busy\\s+always busy: messages are queued \\(202\\)`));
		expect(stdout).toContain(`WORKSPACE_ID=${demo.caller} MOLECULE_WORKSPACE_TOKEN=dev-token-orchestrator`);
		expect(stdout).toContain(`Authorization: Bearer ${demo.adminToken}`);
		expect(stdout).toMatch(/live events: http:\/\/127\.0\.0\.1:\d+\/workspaces\/<id>\/events\/stream \(SSE\), ws:\/\/127\.0\.0\.1:\d+\/ws/);
		expect(stdout).toContain('/dev/session with that header sets the molecule_dev_session cookie');
	});

	test('the printed admin token makes canvas-class calls (addendum §4.2)', async () => {
		const { platformUrl } = await dev();
		const response = await fetch(`${platformUrl}/workspaces/${demoId('echo')}/a2a`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${demo.adminToken}` },
			body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: { role: 'user', messageId: 'm', parts: [{ kind: 'text', text: 'hi' }] } } }),
		});
		expect(await response.json()).toMatchObject({ result: { parts: [{ text: 'echo: hi' }] } });
	});

	test('serves /ws too: the printed admin token, offered as a browser does, opens the event stream (issue 13)', async () => {
		const { platformUrl } = await dev();
		const token = Buffer.from(demo.adminToken, 'utf8').toString('hex');
		const socket = new WebSocket(`${platformUrl.replace('http', 'ws')}/ws`, [`molecule-auth.${token}`, 'molecule-ws']);
		const opened = await new Promise<string>((resolve, reject) => {
			socket.once('open', () => resolve(socket.protocol));
			socket.once('error', reject);
		});
		socket.terminate();
		expect(opened).toBe('molecule-ws');
	});

	test('-- <command> runs the command as the demo caller and exits with its exit code', async () => {
		const script = 'console.log([process.env.PLATFORM_URL, process.env.WORKSPACE_ID, process.env.MOLECULE_WORKSPACE_TOKEN].join(" ")); process.exit(7)';
		const result = await runCli(['dev', '--', 'node', '-e', script]);
		expect(result.code).toBe(7);
		expect(result.stdout).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+ ${demo.caller} dev-token-orchestrator\\n$`));
	});

	test('-- <command> can reach the platform it started', async () => {
		const script = `const r = await fetch(process.env.PLATFORM_URL + '/health'); console.log(r.status)`;
		const result = await runCli(['dev', '--', 'node', '--input-type=module', '-e', script]);
		expect(result).toMatchObject({ code: 0, stdout: '200\n' });
	});

	test('-- <command> that cannot start exits 127', async () => {
		const result = await runCli(['dev', '--', 'no-such-command-a2a']);
		expect(result.code).toBe(127);
		expect(result.stderr).toContain('cannot run no-such-command-a2a');
	});

	test('--seed FILE serves the workspaces of the file with declarative agents; the first is the caller', async () => {
		const path = seedFile([
			{ id: callerId, name: 'Lead', tokens: ['lead-token'], agent: { reply: 'ok' } },
			{ id: echoId, name: 'Parrot', role: 'echo', parentId: callerId, agent: { echo: 'parrot: ' } },
		]);
		const { platformUrl, workspaces } = await dev(['--seed', path]);
		expect(workspaces).toEqual([
			{ id: callerId, name: 'Lead', role: null, token: 'lead-token', agent: 'replies "ok"' },
			{ id: echoId, name: 'Parrot', role: 'echo', token: null, agent: 'echoes the text it receives after "parrot: "' },
		]);
		const sent = await runCli(['send', echoId, 'hello'], { env: { PLATFORM_URL: platformUrl, WORKSPACE_ID: callerId, MOLECULE_WORKSPACE_TOKEN: 'lead-token' } });
		expect(sent).toMatchObject({ code: 0, stdout: 'parrot: hello\n' });
	});

	test('--seed FILE with a bad field exits 2 with one line naming the field', async () => {
		const path = seedFile([{ id: callerId, name: 'Lead', agent: { shout: true } }]);
		const result = await runCli(['dev', '--port', '0', '--seed', path]);
		expect(result.code).toBe(2);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toContain('[0].agent.shout is not an agent behaviour');
	});

	test('--seed with a file that is not JSON exits 2', async () => {
		const path = join(mkdtempSync(join(tmpdir(), 'a2a-seed-')), 'broken.json');
		writeFileSync(path, '[{');
		const result = await runCli(['dev', '--port', '0', '--seed', path]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('is not JSON');
	});

	test('an invalid --port exits 2', async () => {
		const result = await runCli(['dev', '--port', 'eighty']);
		expect(result).toMatchObject({ code: 2, stdout: '' });
		expect(result.stderr).toContain('--port must be a number from 0 to 65535');
	});

	test('a port in use exits 2 with a one-line message', async () => {
		const { platformUrl } = await dev();
		const result = await runCli(['dev', '--port', new URL(platformUrl).port]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('the port is in use');
	});
});

describe('molecule-a2a dev -- (issue 9 trial, item 15)', () => {
	test('-- with no command after it exits 2 saying it needs a command, instead of starting a server', async () => {
		const child = spawnCli(['dev', '--']);
		const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
		const result = await finished(child);
		clearTimeout(timer);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('molecule-a2a dev: -- needs a command to run against the platform');
	}, 10_000);
});
