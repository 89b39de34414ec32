// Nothing a send leaves behind keeps a process alive: a child process on the real clock exits on its own.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { ensureBuilt, root } from './built.js';
import { watchUnhandledRejections } from './harness.js';

watchUnhandledRejections();

beforeAll(ensureBuilt, 120_000);

interface ChildRun {
	code: number | null;
	stdout: string;
	stderr: string;
	/** From the child's one line of output to its exit. */
	lingerMs: number;
}

/** Runs a script with this Node; kills it (by its own handle) if it is still alive after `limitMs`. */
function runChild(script: string, limitMs: number): Promise<ChildRun> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		let printedAt: number | undefined;
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			if (stdout.includes('\n')) printedAt ??= performance.now();
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		const killer = setTimeout(() => child.kill(), limitMs);
		child.once('exit', (code) => {
			clearTimeout(killer);
			resolve({ code, stdout, stderr, lingerMs: performance.now() - (printedAt ?? Number.NaN) });
		});
	});
}

test('a process that failed, retried, aborted and succeeded on the real clock exits by itself at once', async () => {
	const run = await runChild(join(root, 'test/reliability/exit-child.mjs'), 20_000);
	expect(run.stderr).toBe('');
	expect(run.code).toBe(0);
	const result = JSON.parse(run.stdout) as Record<string, unknown>;
	expect(result).toMatchObject({
		failed: { status: 'failed', attempts: 5, formatted: expect.stringMatching(/^\[A2A_ERROR\] ConnectError: connect ECONNREFUSED 127\.0\.0\.1:\d+ \[target=/) },
		text: expect.stringMatching(/^\[A2A_ERROR\] ConnectError: connect ECONNREFUSED/),
		aborted: 'stopped in backoff',
		replied: 'pong',
	});
	// The default attempt timeout is 300 s: a timer left behind would hold the process that long.
	expect(run.lingerMs).toBeLessThan(1000);
});
