import { describe, expect, test } from 'vitest';
import { agents, type DevWorkspace } from '../../src/dev/index.js';
import { as, bearer, id, messageSend, origin, send, setup } from './helpers.js';

const workspace = id(1);
const org = (): DevWorkspace[] => [{ id: workspace, name: 'Solo', tokens: ['solo-token'], agent: agents.echo() }];

describe('routing', () => {
	test("an unknown route answers Gin's plain-text 404", async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/nowhere');
		expect(answer.status).toBe(404);
		expect(answer.text).toBe('404 page not found');
		expect(answer.headers.get('Content-Type')).toBe('text/plain');
	});

	test('a known path with another method is an unknown route too', async () => {
		const { platform } = setup(org());
		expect((await send(platform, '/registry/register')).text).toBe('404 page not found');
	});

	test('GET /health answers ok', async () => {
		const { platform } = setup(org());
		expect((await send(platform, '/health')).json).toEqual({ status: 'ok' });
	});
});

describe('TenantGuard (addendum §2.3)', () => {
	// Updated for addendum §2.3: a missing header used to be the same 404 as a wrong one.
	test('without the org header a guarded route answers 400 TENANT_ORG_HEADER_REQUIRED naming the header', async () => {
		const { platform } = setup(org(), { orgId: 'org-1' });
		const answer = await send(platform, `/workspaces/${workspace}`);
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({
			error: 'missing tenant routing header',
			code: 'TENANT_ORG_HEADER_REQUIRED',
			required_header: 'X-Molecule-Org-Id',
			detail: expect.stringContaining('X-Molecule-Org-Id') as unknown,
		});
	});

	test('a different org id answers 404 with an empty body', async () => {
		const { platform } = setup(org(), { orgId: 'org-1' });
		const answer = await send(platform, `/workspaces/${workspace}`, { headers: { 'X-Molecule-Org-Id': 'org-2' } });
		expect(answer.status).toBe(404);
		expect(answer.text).toBe('');
	});

	test('the matching org id passes', async () => {
		const { platform } = setup(org(), { orgId: 'org-1' });
		expect((await send(platform, `/workspaces/${workspace}`, { headers: { 'X-Molecule-Org-Id': 'org-1' } })).status).toBe(200);
	});

	test('a Fly-Replay-Src naming the org passes too', async () => {
		const { platform } = setup(org(), { orgId: 'org-1' });
		const answer = await send(platform, `/workspaces/${workspace}`, { headers: { 'Fly-Replay-Src': 'instance=abc;state=org-1' } });
		expect(answer.status).toBe(200);
	});

	test('the /a2a proxy is guarded like any other route', async () => {
		const { platform } = setup(org(), { orgId: 'org-1' });
		const answer = await send(platform, `/workspaces/${workspace}/a2a`, { headers: as(workspace, 'solo-token'), body: messageSend('hi') });
		expect(answer.json).toMatchObject({ code: 'TENANT_ORG_HEADER_REQUIRED' });
	});

	test('register, heartbeat, health and buildinfo paths are allowlisted; update-card is not', async () => {
		const { platform } = setup(org(), { orgId: 'org-1' });
		expect((await send(platform, '/health')).status).toBe(200);
		// Allowlisted, so not the guard's 400: the dev platform has no such route.
		expect((await send(platform, '/buildinfo')).text).toBe('404 page not found');
		expect((await send(platform, '/registry/heartbeat', { headers: bearer('solo-token'), body: { workspace_id: workspace } })).status).toBe(200);
		const register = await send(platform, '/registry/register', { body: { id: id(2), url: 'https://a.example.com', agent_card: {} } });
		expect(register.status).toBe(200);
		const card = await send(platform, '/registry/update-card', { headers: bearer('solo-token'), body: { workspace_id: workspace, agent_card: {} } });
		expect(card.json).toMatchObject({ code: 'TENANT_ORG_HEADER_REQUIRED' });
	});

	test('without orgId the guard is off', async () => {
		const { platform } = setup(org());
		expect((await send(platform, `/workspaces/${workspace}`)).status).toBe(200);
	});
});

describe('CORS (addendum §2.4)', () => {
	const preflight = {
		method: 'OPTIONS',
		headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
	};

	// Updated for addendum §2.4: the org headers and X-Confirm-Name joined the four April headers.
	test('a preflight from an allowed origin answers 204 with the allowed methods and the seven allowed headers', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/workspaces/${workspace}/a2a`, preflight);
		expect(answer.status).toBe(204);
		expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:3000');
		expect(answer.headers.get('Access-Control-Allow-Credentials')).toBe('true');
		expect(answer.headers.get('Access-Control-Allow-Methods')).toBe('GET,POST,PUT,PATCH,DELETE,OPTIONS');
		expect(answer.headers.get('Access-Control-Allow-Headers')).toBe(
			'Origin,Content-Type,X-Workspace-Id,X-Molecule-Org-Id,X-Molecule-Org-Slug,X-Confirm-Name,Authorization',
		);
	});

	test('a request from a disallowed origin answers 403 with no body', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/workspaces/${workspace}`, { headers: { Origin: 'https://evil.example.com' } });
		expect(answer.status).toBe(403);
		expect(answer.text).toBe('');
	});

	test('an allowed cross-origin request carries the allow headers', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/workspaces/${workspace}`, { headers: { Origin: 'http://localhost:3001' } });
		expect(answer.status).toBe(200);
		expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:3001');
	});

	test("the platform's own origin is not a CORS request", async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/workspaces/${workspace}`, { headers: { Origin: origin } });
		expect(answer.status).toBe(200);
		expect(answer.headers.get('Access-Control-Allow-Origin')).toBeNull();
	});

	test('corsOrigins configures the allowed origins, and "*" allows any', async () => {
		const listed = setup(org(), { corsOrigins: ['http://localhost:5173'] }).platform;
		expect((await send(listed, `/workspaces/${workspace}`, { headers: { Origin: 'http://localhost:5173' } })).status).toBe(200);
		expect((await send(listed, `/workspaces/${workspace}`, { headers: { Origin: 'http://localhost:3000' } })).status).toBe(403);
		const any = setup(org(), { corsOrigins: '*' }).platform;
		const answer = await send(any, `/workspaces/${workspace}`, { headers: { Origin: 'https://ui.example.com' } });
		expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('https://ui.example.com');
	});
});

describe('rate limiting (addendum §2.5)', () => {
	test('is off by default: no X-RateLimit headers', async () => {
		const { platform } = setup(org());
		expect((await send(platform, '/health')).headers.get('X-RateLimit-Limit')).toBeNull();
	});

	test('past the limit a client gets 429 with Retry-After, until the minute is over', async () => {
		const { platform, clock } = setup(org(), { rateLimit: 2 });
		const first = await send(platform, '/health');
		expect(first.headers.get('X-RateLimit-Limit')).toBe('2');
		expect(first.headers.get('X-RateLimit-Remaining')).toBe('1');
		expect(first.headers.get('X-RateLimit-Reset')).toBe('60');
		await send(platform, '/health');
		await clock.run(20_000);
		const limited = await send(platform, '/health');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('Retry-After')).toBe('40');
		expect(limited.json).toEqual({ error: 'rate limit exceeded', retry_after: 40 });
		await clock.run(40_000);
		expect((await send(platform, '/health')).status).toBe(200);
	});

	test('requests are counted per org header, else per bearer, else per X-Forwarded-For', async () => {
		const { platform } = setup(org(), { rateLimit: 1 });
		await send(platform, '/health', { headers: { 'X-Molecule-Org-Id': 'org-1', Authorization: 'Bearer a' } });
		expect((await send(platform, '/health', { headers: { 'X-Molecule-Org-Id': 'org-1', Authorization: 'Bearer b' } })).status).toBe(429);
		expect((await send(platform, '/health', { headers: { Authorization: 'Bearer a' } })).status).toBe(200);
		expect((await send(platform, '/health', { headers: { Authorization: 'Bearer a', 'X-Forwarded-For': '10.0.0.7' } })).status).toBe(429);
		expect((await send(platform, '/health', { headers: { 'X-Forwarded-For': '10.0.0.7' } })).status).toBe(200);
	});

	test('clients are told apart by X-Forwarded-For', async () => {
		const { platform } = setup(org(), { rateLimit: 1 });
		await send(platform, '/health', { headers: { 'X-Forwarded-For': '10.0.0.1' } });
		expect((await send(platform, '/health', { headers: { 'X-Forwarded-For': '10.0.0.2, 10.0.0.9' } })).status).toBe(200);
		expect((await send(platform, '/health', { headers: { 'X-Forwarded-For': '10.0.0.1' } })).status).toBe(429);
	});
});

describe('recording and dropped connections', () => {
	test('every request is recorded with lower-cased headers, the parsed body and the status', async () => {
		const { platform } = setup(org());
		await send(platform, `/workspaces/${workspace}/a2a?trace=1`, { headers: as(workspace, 'solo-token'), body: messageSend('hi') });
		expect(platform.requests).toEqual([
			{
				method: 'POST',
				path: `/workspaces/${workspace}/a2a?trace=1`,
				headers: expect.objectContaining({ 'x-workspace-id': workspace, 'content-type': 'application/json' }) as unknown,
				body: messageSend('hi'),
				status: 200,
			},
		]);
	});

	test('dropConnections(n) rejects the next n requests with a TypeError, then serves again', async () => {
		const { platform } = setup(org());
		platform.dropConnections(2);
		await expect(send(platform, '/health')).rejects.toThrow(new TypeError('connection dropped by the dev platform'));
		await expect(send(platform, '/health')).rejects.toBeInstanceOf(TypeError);
		expect((await send(platform, '/health')).status).toBe(200);
		expect(platform.requests).toHaveLength(1);
	});

	test('fetch works detached from the platform object', async () => {
		const { platform } = setup(org());
		const { fetch } = platform;
		expect((await fetch(new Request(`${origin}/health`))).status).toBe(200);
	});
});
