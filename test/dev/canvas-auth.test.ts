// Issue 13: the canvas's credentials on the dev platform — admin token, org API tokens (anchored ones
// refused on another organisation, addendum §2.1) and the dev-only session cookie (contract §2.7) —
// and CORS with credentials for the listed origins (addendum §2.4).
import { describe, expect, test } from 'vitest';
import { agents, type DevWorkspace } from '../../src/dev/index.js';
import { bearer, canvas, id, messageSend, send, setup } from './helpers.js';

const root = id(1);
const child = id(2);
const otherRoot = id(3);
const org = (): DevWorkspace[] => [
	{ id: root, name: 'Root', tokens: ['root-token'] },
	{ id: child, name: 'Child', parentId: root, tokens: ['child-token'], agent: agents.echo() },
	{ id: otherRoot, name: 'Elsewhere', tokens: ['other-token'] },
];
const anchored = { orgTokens: [{ token: 'org-a', org: root }] };
const cookie = (value: string): Record<string, string> => ({ Cookie: `theme=dark; molecule_dev_session=${value}` });

/** Logs in through POST /dev/session and answers the cookie's value. */
async function login(platform: Parameters<typeof send>[0], token: string): Promise<string> {
	const answer = await send(platform, '/dev/session', { method: 'POST', headers: bearer(token) });
	const match = /^molecule_dev_session=([^;]+)/.exec(answer.headers.get('Set-Cookie') ?? '');
	return match?.[1] ?? '';
}

describe('the dev session cookie (contract §2.7)', () => {
	test('POST /dev/session trades the admin token for an HttpOnly, SameSite=Lax session cookie', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/dev/session', { method: 'POST', headers: canvas });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ status: 'ok' });
		expect(answer.headers.get('Set-Cookie')).toMatch(/^molecule_dev_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
	});

	test('POST /dev/session refuses no bearer (401 admin auth required) and a workspace token (401 invalid admin auth token)', async () => {
		const { platform } = setup(org());
		expect((await send(platform, '/dev/session', { method: 'POST' })).json).toEqual({ error: 'admin auth required' });
		expect((await send(platform, '/dev/session', { method: 'POST', headers: bearer('root-token') })).json).toEqual({ error: 'invalid admin auth token' });
	});

	test('the cookie alone passes WorkspaceAuth and AdminAuth', async () => {
		const { platform } = setup(org());
		const session = await login(platform, 'admin-token');
		expect((await send(platform, `/workspaces/${child}/activity`, { headers: cookie(session) })).status).toBe(200);
		expect((await send(platform, '/workspaces', { headers: cookie(session) })).status).toBe(200);
	});

	test('the cookie alone sends to /a2a as a human: the turn is the canvas\'s own chat (no source, USER_MESSAGE)', async () => {
		const { platform } = setup(org());
		const session = await login(platform, 'admin-token');
		const answer = await send(platform, `/workspaces/${child}/a2a`, { headers: cookie(session), body: messageSend('hi from a browser') });
		expect(answer.status).toBe(200);
		expect(platform.activity[0]).toMatchObject({ source_id: null, request_body: { params: { metadata: { source: 'canvas_user' } } } });
		expect(platform.events.some((event) => event.event === 'USER_MESSAGE')).toBe(true);
	});

	test('the cookie alone reads peers (the discovery gate looks at sessions first)', async () => {
		const { platform } = setup(org());
		const session = await login(platform, 'admin-token');
		expect((await send(platform, `/registry/${root}/peers`, { headers: cookie(session) })).status).toBe(200);
	});

	test('a cookie that is no session: WorkspaceAuth 401 missing workspace auth token, the discovery gate 401 invalid session', async () => {
		const { platform } = setup(org());
		expect((await send(platform, `/workspaces/${child}/activity`, { headers: cookie('forged') })).json).toEqual({ error: 'missing workspace auth token' });
		expect(await send(platform, `/registry/${root}/peers`, { headers: cookie('forged') })).toMatchObject({ status: 401, json: { error: 'invalid session' } });
		expect((await send(platform, `/workspaces/${child}/a2a`, { headers: cookie('forged'), body: messageSend('hi') })).json).toEqual({ error: 'missing caller auth token' });
	});

	test("a session from an anchored org token is that organisation's: another one's workspace answers 403", async () => {
		const { platform } = setup(org(), anchored);
		const session = await login(platform, 'org-a');
		expect((await send(platform, `/workspaces/${child}/activity`, { headers: cookie(session) })).status).toBe(200);
		const refused = await send(platform, `/workspaces/${otherRoot}/activity`, { headers: cookie(session) });
		expect(refused).toMatchObject({ status: 403, json: { error: "org token not authorized for this workspace's org" } });
	});

	test('sessionCookies presets sessions: a plain value for every organisation, { cookie, org } for one', async () => {
		const { platform } = setup(org(), { sessionCookies: ['everywhere', { cookie: 'only-root', org: root }] });
		expect((await send(platform, `/workspaces/${otherRoot}/activity`, { headers: cookie('everywhere') })).status).toBe(200);
		expect((await send(platform, `/workspaces/${otherRoot}/activity`, { headers: cookie('only-root') })).status).toBe(403);
	});
});

describe('org API tokens as the canvas (addendum §2.1)', () => {
	test("GET /workspaces with an anchored org token lists that organisation's workspaces only", async () => {
		const { platform } = setup(org(), anchored);
		const answer = await send(platform, '/workspaces', { headers: bearer('org-a') });
		expect((answer.json as { id: string }[]).map((row) => row.id)).toEqual([root, child]);
		const all = await send(platform, '/workspaces', { headers: canvas });
		expect((all.json as { id: string }[]).map((row) => row.id)).toEqual([root, child, otherRoot]);
	});

	test("an anchored org token sends to its organisation's workspaces, and is refused 403 on another's", async () => {
		const { platform } = setup(org(), anchored);
		expect((await send(platform, `/workspaces/${child}/a2a`, { headers: bearer('org-a'), body: messageSend('hi') })).status).toBe(200);
		const refused = await send(platform, `/workspaces/${otherRoot}/a2a`, { headers: bearer('org-a'), body: messageSend('hi') });
		expect(refused).toMatchObject({ status: 403, json: { error: "org token not authorized for this workspace's org" } });
	});
});

describe('CORS with credentials (addendum §2.4)', () => {
	const preflight = (origin: string) => ({
		method: 'OPTIONS',
		headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-molecule-org-id,authorization' },
	});

	test('a preflight from a listed origin echoes it, allows credentials and X-Molecule-Org-Id', async () => {
		const { platform } = setup(org(), { corsOrigins: ['http://localhost:5173'] });
		const answer = await send(platform, `/workspaces/${child}/events/stream`, preflight('http://localhost:5173'));
		expect(answer.status).toBe(204);
		expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
		expect(answer.headers.get('Access-Control-Allow-Credentials')).toBe('true');
		expect(answer.headers.get('Access-Control-Allow-Headers')?.split(',')).toEqual(expect.arrayContaining(['X-Molecule-Org-Id', 'Authorization']));
		expect(answer.headers.get('Vary')).toBe('Origin');
	});

	test('a preflight from an origin not listed answers 403 and names no origin', async () => {
		const { platform } = setup(org(), { corsOrigins: ['http://localhost:5173'] });
		const answer = await send(platform, `/workspaces/${child}/events/stream`, preflight('http://localhost:5174'));
		expect(answer.status).toBe(403);
		expect(answer.headers.get('Access-Control-Allow-Origin')).toBeNull();
	});

	test('a credentialed request from a listed origin, with only the session cookie, is answered with the origin echoed', async () => {
		const { platform } = setup(org(), { corsOrigins: ['http://localhost:5173'], sessionCookies: ['s-1'] });
		const answer = await send(platform, '/workspaces', { headers: { Origin: 'http://localhost:5173', ...cookie('s-1') } });
		expect(answer.status).toBe(200);
		expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
		expect(answer.headers.get('Access-Control-Allow-Credentials')).toBe('true');
	});
});
