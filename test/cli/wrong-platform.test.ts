// Issue 9 trial, items 2–4: a failure names what is at fault — the address, the token, the timeout —
// from the answer the CLI got, not from the first sentence that matches.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { platformHints } from '../../src/hints.js';
import { demo, demoId } from './dev-server.js';
import { runCli } from './process.js';

interface Canned {
	status: number;
	type: string;
	body: string;
	delayMs?: number;
}

/** A server that answers every request the same: a web app, a proxy, or a failing platform. */
async function cannedServer(canned: Canned): Promise<{ url: string; server: Server }> {
	const server = createServer((request, response) => {
		request.resume();
		setTimeout(() => response.writeHead(canned.status, { 'Content-Type': canned.type }).end(canned.body), canned.delayMs ?? 0);
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('no port');
	return { url: `http://127.0.0.1:${address.port}`, server };
}

const servers: Server[] = [];
const urls: Record<string, string> = {};
const html = '<!doctype html><html><body>Not the platform</body></html>';
const cans: Record<string, Canned> = {
	html404: { status: 404, type: 'text/html', body: html },
	html200: { status: 200, type: 'text/html; charset=utf-8', body: html },
	json401: { status: 401, type: 'application/json', body: '{"error":"invalid token"}' },
	json403: { status: 403, type: 'application/json', body: '{"error":"forbidden"}' },
	json500: { status: 500, type: 'application/json', body: '{"error":"database down"}' },
	slow: { status: 200, type: 'application/json', body: '{}', delayMs: 2000 },
};

beforeAll(async () => {
	for (const [name, canned] of Object.entries(cans)) {
		const started = await cannedServer(canned);
		servers.push(started.server);
		urls[name] = started.url;
	}
});
afterAll(async () => {
	for (const server of servers) {
		server.closeAllConnections();
		await new Promise((done) => server.close(done));
	}
});

const at = (name: string, args: readonly string[]) =>
	runCli(args, { env: { PLATFORM_URL: urls[name] ?? '', WORKSPACE_ID: demo.caller, MOLECULE_WORKSPACE_TOKEN: 'tok-abc' } });
const echo = demoId('echo');
const wrongAddress = /hint: (Either PLATFORM_URL|PLATFORM_URL \(http:\/\/127\.0\.0\.1:\d+\) answered with something that is not the platform's JSON)/;
const deliveryFailure = 'The remote agent reported a delivery failure';

describe('a short --timeout is not blamed on the token (item 2)', () => {
	test('with no token anywhere, --timeout 0.001 reports a timeout, not the token flag', async () => {
		const result = await runCli(['send', echo, 'hi', '--timeout', '0.001', '--max-attempts', '1'], {
			env: { PLATFORM_URL: urls['slow'] ?? '', WORKSPACE_ID: demo.caller },
		});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('timed out after 1 ms');
		expect(result.stderr).not.toContain('--token');
		expect(result.stderr).not.toContain('provider did not answer');
	});
});

describe('info tells a refused token and a failing platform from an unknown workspace (item 3)', () => {
	test.each([
		['json401', 'HTTP 401', platformHints.token],
		['json403', 'HTTP 403', platformHints.token],
		['json500', 'HTTP 500', 'The platform failed to answer (HTTP 500)'],
	])('%s: names the status and gives its hint, not "not found"', async (name, status, hint) => {
		const result = await at(name, ['info']);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(status);
		expect(result.stderr).not.toContain('not found');
		expect(result.stderr).toContain(`hint: ${hint}`);
	});

	test('--json of an info refusal prints { error, hint } naming the status', async () => {
		const result = await at('json401', ['info', '--json']);
		expect(JSON.parse(result.stdout)).toEqual({ error: 'Authentication to platform failed (HTTP 401).', hint: platformHints.token });
	});
});

describe('an address that is not the platform gets a hint about PLATFORM_URL (item 4)', () => {
	test.each(['html404', 'html200'])('send to an %s server blames PLATFORM_URL, not the remote agent', async (name) => {
		const result = await at(name, ['send', echo, 'hi', '--max-attempts', '1']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(wrongAddress);
		expect(result.stderr).not.toContain(deliveryFailure);
	});

	test.each([
		['html404', 'discover'],
		['html200', 'discover'],
		['html200', 'peers'],
		['html200', 'info'],
	])('%s: %s prints a hint about PLATFORM_URL', async (name, command) => {
		const result = await at(name, command === 'discover' ? [command, echo] : [command]);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(wrongAddress);
	});

	test('send to a port fetch refuses names --platform-url', async () => {
		const result = await runCli(['send', echo, 'hi', '--platform-url', 'http://127.0.0.1:1'], { env: { WORKSPACE_ID: demo.caller, MOLECULE_WORKSPACE_TOKEN: 'tok-abc' } });
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--platform-url (or PLATFORM_URL): http://127.0.0.1:1');
	});
});
