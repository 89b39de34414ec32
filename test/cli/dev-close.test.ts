// Issue 9 trial, item 6, on real timers: once the dev platform is closed, an agent's delay no longer
// keeps the process alive after a client gave up on its call.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { root } from './build.js';

const caller = 'a2a00000-0000-4000-8000-0000000000c1';
const target = 'a2a00000-0000-4000-8000-0000000000c2';

const script = `
	const { createDevPlatform, agents } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'dev.js')).href)});
	const platform = createDevPlatform({ adminToken: 'admin', workspaces: [
		{ id: '${caller}', name: 'Caller', tokens: ['tok-caller'] },
		{ id: '${target}', name: 'Slow', parentId: '${caller}', agent: agents.slow(8000, 'late') },
	] });
	const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: { role: 'user', messageId: 'm1', parts: [{ kind: 'text', text: 'hi' }] } } });
	const headers = { 'Content-Type': 'application/json', Authorization: 'Bearer tok-caller' };
	const request = new Request('http://dev.platform/workspaces/${target}/a2a', { method: 'POST', body, headers, signal: AbortSignal.timeout(200) });
	await platform.fetch(request).catch(() => {});
	await platform.close();
`;

describe('the dev platform on the system clock', () => {
	test('a process whose call was aborted exits as soon as the platform is closed, not when the agent would answer', async () => {
		const started = performance.now();
		const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(performance.now() - started).toBeLessThan(5000);
	}, 15_000);
});
