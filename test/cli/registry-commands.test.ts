import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import { platformHints } from '../../src/hints.js';
import { demo, demoId, type DevServer, useDevServer } from './dev-server.js';
import { runCli } from './process.js';

let server: DevServer;
useDevServer((started) => {
	server = started;
});

const asCaller = (args: readonly string[], env: Record<string, string> = {}) => runCli(args, { env: { ...server.callerEnv, ...env } });

/** A platform URL where nothing listens. */
async function closedPlatformUrl(): Promise<string> {
	const listener = createServer();
	await new Promise<void>((done) => listener.listen(0, '127.0.0.1', done));
	const address = listener.address();
	await new Promise((done) => listener.close(done));
	if (address === null || typeof address === 'string') throw new Error('no port');
	return `http://127.0.0.1:${address.port}`;
}

const unknownWorkspace = '00000000-0000-4000-8000-00000000ffff';

describe('molecule-a2a peers', () => {
	test('prints a table of the reachable peers', async () => {
		const result = await asCaller(['peers']);
		expect(result.code).toBe(0);
		const lines = result.stdout.trim().split('\n');
		expect(lines[0]).toMatch(/^ID\s+NAME\s+ROLE\s+STATUS$/);
		expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${demoId('echo')}\\s+Echo\\s+echo\\s+online$`)));
		expect(result.stdout).not.toContain('Auditor');
	});

	test('--json prints { peers, diagnostic } as one document', async () => {
		const result = await asCaller(['peers', '--json']);
		expect(result.code).toBe(0);
		const listing = JSON.parse(result.stdout) as { peers: { id: string }[]; diagnostic: null };
		expect(listing.diagnostic).toBeNull();
		expect(listing.peers.map((peer) => peer.id)).toContain(demoId('researcher'));
	});

	test('--q filters by name or role', async () => {
		const result = await asCaller(['peers', '--json', '--q', 'RESEARCH']);
		expect((JSON.parse(result.stdout) as { peers: { name: string }[] }).peers.map((peer) => peer.name)).toEqual(['Researcher']);
	});

	test('exits 1 and prints the diagnostic on stderr when the platform refuses the list', async () => {
		const result = await asCaller(['peers'], { MOLECULE_WORKSPACE_TOKEN: 'not-the-token' });
		expect(result).toMatchObject({ code: 1, stdout: '' });
		expect(result.stderr).toContain('Authentication to platform failed (HTTP 401)');
	});

	test('a refused token (HTTP 401) gets the token hint', async () => {
		const result = await asCaller(['peers'], { MOLECULE_WORKSPACE_TOKEN: 'not-the-token' });
		expect(result.stderr).toContain(`\nhint: ${platformHints.token}\n`);
	});

	test('a platform that refuses the connection gets the platform URL hint', async () => {
		const result = await asCaller(['peers'], { PLATFORM_URL: await closedPlatformUrl() });
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^Cannot reach platform at http:\/\/127\.0\.0\.1:\d+: /);
		expect(result.stderr).toContain(`\nhint: ${platformHints.platformUrl}\n`);
	});

	test('HTTP 404 from a platform URL with a path: the hint says the URL is wrong, not only "re-register"', async () => {
		const result = await asCaller(['peers'], { PLATFORM_URL: `${server.platformUrl}/api/v1` });
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('(HTTP 404)');
		expect(result.stderr).toContain(
			`hint: PLATFORM_URL has the path /api/v1, but the platform serves its API at the root of its address: try ${server.platformUrl}.`,
		);
	});

	test('HTTP 404 for a workspace the platform does not know: the hint names a wrong URL or an unregistered workspace', async () => {
		const result = await asCaller(['peers'], { WORKSPACE_ID: unknownWorkspace });
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(`hint: Either PLATFORM_URL (${server.platformUrl}) is not the platform`);
		expect(result.stderr).toContain(`or workspace ${unknownWorkspace} is not registered with it`);
	});

	test('--json of a failure prints { peers, diagnostic, hint } only, on stdout', async () => {
		const result = await asCaller(['peers', '--json'], { MOLECULE_WORKSPACE_TOKEN: 'not-the-token' });
		expect(result.code).toBe(1);
		expect(JSON.parse(result.stdout)).toEqual({ peers: [], diagnostic: expect.stringContaining('HTTP 401') as unknown, hint: platformHints.token });
	});
});

describe('molecule-a2a discover', () => {
	test('prints the registry record of a reachable peer', async () => {
		const result = await asCaller(['discover', demoId('echo')]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(new RegExp(`^id:\\s+${demoId('echo')}\\nname:\\s+Echo\\nurl:\\s+http`));
	});

	test('--json prints the record', async () => {
		const result = await asCaller(['discover', '--json', demoId('echo').toUpperCase()]);
		expect(JSON.parse(result.stdout)).toMatchObject({ id: demoId('echo'), name: 'Echo' });
	});

	test('a peer outside the hierarchy (HTTP 403): exits 1 with the access-rule hint', async () => {
		const result = await asCaller(['discover', demoId('auditor')]);
		expect(result).toMatchObject({ code: 1, stdout: '' });
		expect(result.stderr).toBe(`peer ${demoId('auditor')} is outside this workspace's reach, or does not exist (HTTP 403)\nhint: ${platformHints.access}\n`);
	});

	test('a refused token (HTTP 401): exits 1 with the token hint, as peers does', async () => {
		const result = await asCaller(['discover', demoId('echo')], { MOLECULE_WORKSPACE_TOKEN: 'not-the-token' });
		expect(result).toMatchObject({ code: 1, stdout: '' });
		expect(result.stderr).toBe(`Authentication to platform failed (HTTP 401).\nhint: ${platformHints.token}\n`);
	});

	test('an unreachable platform: exits 1 with the platform URL hint, as peers does', async () => {
		const platformUrl = await closedPlatformUrl();
		const result = await asCaller(['discover', demoId('echo')], { PLATFORM_URL: platformUrl });
		expect(result).toMatchObject({ code: 1, stdout: '' });
		expect(result.stderr).toMatch(new RegExp(`^Cannot reach platform at ${platformUrl}: .*ECONNREFUSED.*\\nhint: `));
		expect(result.stderr).toContain(`hint: ${platformHints.platformUrl}\n`);
	});

	test('--json of a failure prints only { error, hint } on stdout, and exits 1', async () => {
		const result = await asCaller(['discover', '--json', demoId('auditor')]);
		expect(result.code).toBe(1);
		expect(JSON.parse(result.stdout)).toEqual({ error: expect.stringContaining('(HTTP 403)') as unknown, hint: platformHints.access });
	});

	test('exits 2 for a peer id that is not a UUID', async () => {
		const result = await asCaller(['discover', '../admin']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain("invalid peer id '../admin' (expected a UUID)");
	});
});

describe('molecule-a2a info', () => {
	test('prints this workspace as the platform describes it', async () => {
		const result = await asCaller(['info']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(new RegExp(`^id:\\s+${demo.caller}\\nname:\\s+Orchestrator\\nrole:\\s+coordinator\\n`));
	});

	test('--json prints the platform answer', async () => {
		const result = await asCaller(['info', '--json']);
		expect(JSON.parse(result.stdout)).toMatchObject({ id: demo.caller, name: 'Orchestrator', status: 'online' });
	});

	test('of a removed workspace prints the 410 shape and exits 1', async () => {
		const result = await asCaller(['info', '--json'], { WORKSPACE_ID: demoId('archived'), MOLECULE_WORKSPACE_TOKEN: 'dev-token-archived' });
		expect(result.code).toBe(1);
		expect(JSON.parse(result.stdout)).toEqual({
			error: 'removed',
			id: demoId('archived'),
			removed_at: '2026-01-01T00:00:00Z',
			// The platform's hint, which changed in July 2026 (addendum §9.12).
			hint: 'Create a replacement workspace in Canvas, then open Settings → Workspace Tokens → + New Token',
		});
	});

	test('of a removed workspace tells people when it was removed and what to do', async () => {
		const result = await asCaller(['info'], { WORKSPACE_ID: demoId('archived') });
		expect(result).toMatchObject({ code: 1, stdout: '' });
		expect(result.stderr).toBe(
			`workspace ${demoId('archived')} was removed at 2026-01-01T00:00:00Z (HTTP 410)\nhint: Create a replacement workspace in Canvas, then open Settings → Workspace Tokens → + New Token\n`,
		);
	});

	test('of an unknown workspace exits 1, with a hint naming the workspace id and the platform URL', async () => {
		const result = await asCaller(['info'], { WORKSPACE_ID: unknownWorkspace });
		expect(result).toMatchObject({ code: 1, stdout: '' });
		expect(result.stderr).toBe(
			`cannot get workspace info: workspace ${unknownWorkspace} was not found (HTTP 404)\nhint: The platform at ${server.platformUrl} has no workspace ${unknownWorkspace}: check WORKSPACE_ID, and that PLATFORM_URL is the platform's address.\n`,
		);
	});

	test('against an unreachable platform exits 1 with the platform URL hint', async () => {
		const result = await asCaller(['info'], { PLATFORM_URL: await closedPlatformUrl() });
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(`hint: ${platformHints.platformUrl}\n`);
	});
});

describe('molecule-a2a card-url', () => {
	test("prints the URL of the peer's agent card", async () => {
		const result = await asCaller(['card-url', demoId('echo')]);
		expect(result).toMatchObject({ code: 0, stdout: `${server.platformUrl}/registry/discover/${demoId('echo')}\n` });
	});

	test('--json prints { url }', async () => {
		const result = await asCaller(['card-url', '--json', demoId('echo')]);
		expect(JSON.parse(result.stdout)).toEqual({ url: `${server.platformUrl}/registry/discover/${demoId('echo')}` });
	});

	test('exits 2 for an id that is not a UUID', async () => {
		const result = await asCaller(['card-url', 'not-a-uuid']);
		expect(result).toMatchObject({ code: 2, stdout: '' });
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toContain("invalid peer id 'not-a-uuid'");
	});
});
