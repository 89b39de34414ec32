// Issue 11 trial: a platform serving one organisation needs `X-Molecule-Org-Id` (addendum §2.3); the
// CLI takes it as --org-id (or MOLECULE_ORG_ID) and names that flag when it is missing.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demo, demoId } from './dev-server.js';
import { runCli } from './process.js';

let server: Server;
let url = '';
const seen: IncomingHttpHeaders[] = [];

/** TenantGuard as the platform runs it: 400 without the header, the answer with it. */
beforeAll(async () => {
	server = createServer((request, response) => {
		request.resume();
		seen.push(request.headers);
		if (request.headers['x-molecule-org-id'] === undefined) {
			const body = { error: 'organisation header required', code: 'TENANT_ORG_HEADER_REQUIRED', required_header: 'X-Molecule-Org-Id' };
			response.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
			return;
		}
		response.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('no port');
	url = `http://127.0.0.1:${address.port}`;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

const env = (): Record<string, string> => ({ PLATFORM_URL: url, WORKSPACE_ID: demo.caller, MOLECULE_WORKSPACE_TOKEN: 'tok-abc' });

describe('--org-id', () => {
	test('is sent as X-Molecule-Org-Id', async () => {
		const result = await runCli(['peers', '--org-id', 'org-1'], { env: env() });
		expect(result.code).toBe(0);
		expect(seen.at(-1)?.['x-molecule-org-id']).toBe('org-1');
	});

	test('falls back to MOLECULE_ORG_ID', async () => {
		const result = await runCli(['peers'], { env: { ...env(), MOLECULE_ORG_ID: 'org-2' } });
		expect(result.code).toBe(0);
		expect(seen.at(-1)?.['x-molecule-org-id']).toBe('org-2');
	});

	test('missing, send names --org-id (or MOLECULE_ORG_ID)', async () => {
		const result = await runCli(['send', demoId('echo'), 'hi', '--max-attempts', '1'], { env: env() });
		expect(result.code).not.toBe(0);
		expect(result.stdout + result.stderr).toContain('--org-id (or MOLECULE_ORG_ID) must be set');
	});

	test('missing, peers says orgId must be set instead of a bare HTTP 400', async () => {
		const result = await runCli(['peers'], { env: env() });
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('must be set: the platform serves one organisation');
	});

	test('is listed in the help', async () => {
		const result = await runCli(['send', '--help']);
		expect(result.stdout).toContain('--org-id ID');
	});
});
