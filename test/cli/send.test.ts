import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import { platformHints } from '../../src/hints.js';
import { maxRequestBytes } from '../../src/outgoing.js';
import { demoId, type DevServer, useDevServer } from './dev-server.js';
import { runCli } from './process.js';

let server: DevServer;
useDevServer((started) => {
	server = started;
});

const send = (args: readonly string[], input?: string | Uint8Array) =>
	runCli(['send', ...args], { env: server.callerEnv, ...(input !== undefined && { input }) });

/** A 127.0.0.1 port nothing listens on. */
async function closedPort(): Promise<number> {
	const listener = createServer();
	await new Promise<void>((done) => listener.listen(0, '127.0.0.1', done));
	const address = listener.address();
	await new Promise((done) => listener.close(done));
	if (address === null || typeof address === 'string') throw new Error('no port');
	return address.port;
}

describe('molecule-a2a send', () => {
	test("prints the agent's reply", async () => {
		const result = await send([demoId('echo'), 'hello there']);
		expect(result).toMatchObject({ code: 0, stdout: 'echo: hello there\n', stderr: '' });
	});

	test('joins the words of an unquoted message', async () => {
		const result = await send([demoId('echo'), 'hello', 'there']);
		expect(result.stdout).toBe('echo: hello there\n');
	});

	test('reads the message from stdin with -, without the trailing newline', async () => {
		const result = await send([demoId('echo'), '-'], 'line one\nline two\n');
		expect(result).toMatchObject({ code: 0, stdout: 'echo: line one\nline two\n' });
	});

	test('prints the text of a Task reply', async () => {
		const result = await send([demoId('researcher'), 'findings?']);
		expect(result).toMatchObject({ code: 0, stdout: 'Findings: the platform routes every message through its A2A proxy.\n' });
	});

	test('--json prints the outcome with the task state', async () => {
		const result = await send(['--json', demoId('researcher'), 'findings?']);
		expect(JSON.parse(result.stdout)).toMatchObject({ status: 'replied', taskState: 'completed', attempts: 1, files: [] });
	});

	test('prints the [A2A_QUEUED] line when the platform queues the message for a busy agent', async () => {
		const result = await send([demoId('busy'), 'when you can']);
		expect(result).toMatchObject({ code: 0, stdout: `[A2A_QUEUED] target=${demoId('busy')} method=message/send\n` });
	});

	test('--json of a queued message carries the queue details', async () => {
		const result = await send(['--json', demoId('busy'), 'when you can']);
		expect(JSON.parse(result.stdout)).toMatchObject({ status: 'queued', line: `[A2A_QUEUED] target=${demoId('busy')} method=message/send` });
	});

	test('a message the hierarchy rule refuses prints the error string and the access-rule hint on stderr, and exits 1', async () => {
		const result = await send([demoId('auditor'), 'may I?']);
		expect(result).toMatchObject({ code: 1, stdout: '' });
		expect(result.stderr).toBe(
			`[A2A_ERROR] HTTP 403: access denied: workspaces cannot communicate per hierarchy rules [target=${server.platformUrl}/workspaces/${demoId('auditor')}/a2a]\n` +
				`hint: ${platformHints.access}\n`,
		);
	});

	test('a refused token (HTTP 401) gets the token hint', async () => {
		const result = await runCli(['send', demoId('echo'), 'hi'], { env: { ...server.callerEnv, MOLECULE_WORKSPACE_TOKEN: 'not-the-token' } });
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^\[A2A_ERROR\] HTTP 401: /);
		expect(result.stderr).toContain(`hint: ${platformHints.token}\n`);
	});

	test('a platform that refuses the connection gets the platform URL hint', async () => {
		const platformUrl = `http://127.0.0.1:${await closedPort()}`;
		const result = await runCli(['send', '--max-attempts', '1', demoId('echo'), 'anyone?'], { env: { ...server.callerEnv, PLATFORM_URL: platformUrl } });
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(`hint: ${platformHints.platformUrl}\n`);
	});

	test("an agent's runtime error gets the exception hint", async () => {
		const result = await send([demoId('crasher'), 'go']);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			'[A2A_ERROR] Agent error: RuntimeError: tool call failed\n' +
				"hint: The remote agent's runtime threw an exception. Check the workspace's container logs for the traceback. Restart usually clears transient runtime crashes.\n",
		);
	});

	test('--json of a failure prints { status, error, hint } on stdout', async () => {
		const result = await send(['--json', demoId('flaky'), 'go']);
		expect(result.code).toBe(1);
		expect(JSON.parse(result.stdout)).toMatchObject({
			status: 'failed',
			error: expect.stringContaining('[A2A_ERROR] Internal error: model quota exhausted (code=-32603)') as unknown,
			hint: 'The remote agent reported a delivery failure. Check the workspace logs or try restarting.',
			attempts: 1,
		});
	});

	test('shows each retry on stderr as it waits, naming the next attempt', async () => {
		const platformUrl = `http://127.0.0.1:${await closedPort()}`;
		const result = await runCli(['send', '--max-attempts', '2', demoId('echo'), 'anyone?'], { env: { ...server.callerEnv, PLATFORM_URL: platformUrl } });
		expect(result.code).toBe(1);
		const [progress, error] = result.stderr.split('\n');
		expect(progress).toMatch(/^attempt 2\/2 after ConnectError, retrying in \d\.\ds$/);
		expect(error).toMatch(/^\[A2A_ERROR\] ConnectError: .*ECONNREFUSED/);
	});

	test('exits 2 without sending when the message is missing or empty', async () => {
		expect((await send([demoId('echo')])).code).toBe(2);
		expect((await send([demoId('echo'), '-'], '\n')).stderr).toContain('invalid message: is empty (or only whitespace)');
	});

	test('exits 2 for a peer id that is not a UUID', async () => {
		const result = await send(['echo', 'hello']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain("invalid peer id 'echo'");
	});

	test('exits 2 for an invalid --max-attempts, naming the flag and its range', async () => {
		for (const value of ['0', '101', '2.5', 'many']) {
			const result = await send(['--max-attempts', value, demoId('echo'), 'hi']);
			expect(result.code).toBe(2);
			expect(result.stderr).toContain(`--max-attempts must be an integer from 1 to 100, got '${value}'`);
		}
	});

	test('exits 2 for a --timeout out of range, naming the flag and counting in seconds', async () => {
		for (const value of ['0', '3000000', 'soon']) {
			const result = await send(['--timeout', value, demoId('echo'), 'hi']);
			expect(result.code).toBe(2);
			expect(result.stderr).toContain(`--timeout must be a number of seconds from 0.001 to 2147483, got '${value}'`);
			expect(result.stderr).not.toMatch(/timeoutMs|\bms\b/);
		}
	});

	test('refuses stdin over the platform request limit with exit 2, without reading the rest (< /dev/zero)', async () => {
		const started = performance.now();
		const result = await runCli(['send', demoId('echo'), '-'], { env: server.callerEnv, stdinFile: '/dev/zero' });
		expect(result).toMatchObject({ code: 2, stdout: '' });
		expect(result.stderr).toContain(`the message on stdin is over ${maxRequestBytes} bytes, the most the platform accepts in one request`);
		expect(performance.now() - started).toBeLessThan(10_000);
	});

	test('refuses stdin that is not UTF-8 with exit 2, naming the byte offset', async () => {
		const result = await send([demoId('echo'), '-'], Uint8Array.from([0x68, 0x69, 0x20, 0xff, 0x0a]));
		expect(result).toMatchObject({ code: 2, stdout: '' });
		expect(result.stderr).toContain('the message on stdin is not UTF-8: byte 0xff at offset 3');
	});

	test('reads UTF-8 from stdin as sent, multi-byte characters included', async () => {
		const result = await send([demoId('echo'), '-'], new TextEncoder().encode('grüße, 𝄞\n'));
		expect(result).toMatchObject({ code: 0, stdout: 'echo: grüße, 𝄞\n' });
	});

	test('--json failures before sending print only a JSON document on stdout', async () => {
		for (const args of [['--json', 'not-a-uuid', 'hi'], ['--json', '--timeout', 'soon', demoId('echo'), 'hi'], ['--json', demoId('echo')]]) {
			const result = await send(args);
			expect(result.code).toBe(2);
			expect(JSON.parse(result.stdout)).toEqual({ error: expect.any(String) as unknown });
			expect(result.stdout.trim().split('\n')).toHaveLength(1);
		}
	});
});
