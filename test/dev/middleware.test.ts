import { describe, expect, test } from 'vitest';
import { agents, type DevWorkspace } from '../../src/dev/index.js';
import { id, messageSend, origin, send, setup } from './helpers.js';

const workspace = id(1);
const org = (): DevWorkspace[] => [{ id: workspace, name: 'Solo', agent: agents.echo() }];

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

describe('TenantGuard (§1.2)', () => {
	test('without the org header a guarded route answers 404 with an empty body', async () => {
		const { platform } = setup(org(), { orgId: 'org-1' });
		const answer = await send(platform, `/workspaces/${workspace}`);
		expect(answer.status).toBe(404);
		expect(answer.text).toBe('');
	});

	test('a different org id answers 404 too', async () => {
		const { platform } = setup(org(), { orgId: 'org-1' });
		expect((await send(platform, `/workspaces/${workspace}`, { headers: { 'X-Molecule-Org-Id': 'org-2' } })).status).toBe(404);
	});

	test('the matching org id passes', async () => {
		const { platform } = setup(org(), { orgId: 'org-1' });
		expect((await send(platform, `/workspaces/${workspace}`, { headers: { 'X-Molecule-Org-Id': 'org-1' } })).status).toBe(200);
	});

	test('register, heartbeat and health are allowlisted', async () => {
		const { platform } = setup(org(), { orgId: 'org-1' });
		expect((await send(platform, '/health')).status).toBe(200);
		expect((await send(platform, '/registry/heartbeat', { body: { workspace_id: workspace } })).status).toBe(200);
		const register = await send(platform, '/registry/register', { body: { id: id(2), url: 'https://a.example.com', agent_card: {} } });
		expect(register.status).toBe(200);
	});

	test('without orgId the guard is off', async () => {
		const { platform } = setup(org());
		expect((await send(platform, `/workspaces/${workspace}`)).status).toBe(200);
	});
});

describe('CORS (§1.2)', () => {
	const preflight = {
		method: 'OPTIONS',
		headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
	};

	test('a preflight from an allowed origin answers 204 with the allowed methods and the four allowed headers', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/workspaces/${workspace}/a2a`, preflight);
		expect(answer.status).toBe(204);
		expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:3000');
		expect(answer.headers.get('Access-Control-Allow-Credentials')).toBe('true');
		expect(answer.headers.get('Access-Control-Allow-Methods')).toBe('GET,POST,PUT,PATCH,DELETE,OPTIONS');
		expect(answer.headers.get('Access-Control-Allow-Headers')).toBe('Origin,Content-Type,X-Workspace-Id,Authorization');
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

describe('rate limiting (§1.4)', () => {
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
		await send(platform, `/workspaces/${workspace}/a2a?trace=1`, { headers: { 'X-Workspace-ID': workspace }, body: messageSend('hi') });
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
