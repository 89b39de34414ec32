import { describe, expect, test } from 'vitest';
import { createDevPlatform, type DevWorkspace } from '../../src/dev/index.js';
import { id, send, setup } from './helpers.js';

const known = id(1);
const fresh = id(2);

const org = (): DevWorkspace[] => [{ id: known, name: 'Known', tokens: ['known-token'] }];
const card = { name: 'agent', skills: [] };

describe('POST /registry/register', () => {
	test('a first registration creates the workspace, online, and mints its token', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/registry/register', { body: { id: fresh, url: 'https://agent.example.com', agent_card: card } });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ status: 'registered', auth_token: 'minted-token' });
		expect(platform.workspace(fresh)).toMatchObject({ name: fresh, status: 'online', url: 'https://agent.example.com', agentCard: card, tokens: ['minted-token'] });
	});

	test('registering again with the token re-registers without minting another', async () => {
		const { platform } = setup(org());
		await send(platform, '/registry/register', { body: { id: fresh, url: 'https://agent.example.com', agent_card: card } });
		const again = await send(platform, '/registry/register', {
			headers: { Authorization: 'Bearer minted-token' },
			body: { id: fresh, url: 'https://moved.example.com', agent_card: card },
		});
		expect(again.json).toEqual({ status: 'registered' });
		expect(platform.workspace(fresh)).toMatchObject({ url: 'https://moved.example.com', tokens: ['minted-token'] });
	});

	test('a workspace with a live token needs it: none sent answers 401', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/registry/register', { body: { id: known, url: 'https://agent.example.com', agent_card: card } });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'missing workspace auth token' });
	});

	test("another workspace's token answers 401 invalid", async () => {
		const { platform } = setup([...org(), { id: fresh, name: 'Other', tokens: ['other-token'] }]);
		const answer = await send(platform, '/registry/register', {
			headers: { Authorization: 'Bearer other-token' },
			body: { id: known, url: 'https://agent.example.com', agent_card: card },
		});
		expect(answer.json).toEqual({ error: 'invalid workspace auth token' });
	});

	test('a grandfathered workspace (no token yet) registers without one and gets its first token', async () => {
		const { platform } = setup([{ id: known, name: 'Legacy', status: 'offline' }]);
		const answer = await send(platform, '/registry/register', { body: { id: known, url: 'https://agent.example.com', agent_card: card } });
		expect(answer.json).toEqual({ status: 'registered', auth_token: 'minted-token' });
		expect(platform.workspace(known)).toMatchObject({ name: 'Legacy', status: 'online' });
	});

	test('the default token is 43 base64url characters, new each time', async () => {
		const platform = createDevPlatform({ workspaces: [] });
		const tokens = new Set<string>();
		for (const workspaceId of [id(10), id(11)]) {
			const answer = await send(platform, '/registry/register', { body: { id: workspaceId, url: 'https://a.example.com', agent_card: {} } });
			tokens.add((answer.json as { auth_token: string }).auth_token);
		}
		expect([...tokens]).toHaveLength(2);
		for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
	});

	test.each([
		['127.0.0.1', 'http://127.0.0.1:8000'],
		['another loopback', 'http://127.1.2.3'],
		['cloud metadata', 'http://169.254.169.254/latest'],
		['a private address', 'http://10.0.0.5:8000'],
		['a Docker bridge address', 'http://172.17.0.2:8000'],
		['a LAN address', 'http://192.168.1.10'],
		['IPv6 loopback', 'http://[::1]:8000'],
		['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]'],
		['IPv6 unique local', 'http://[fd12::1]'],
		['documentation range', 'http://203.0.113.7'],
		['another scheme', 'ftp://agent.example.com'],
		['no URL', ''],
		['not a URL', 'agent'],
	])('a URL with %s answers 400 invalid request body', async (_label, url) => {
		const { platform } = setup([]);
		const answer = await send(platform, '/registry/register', { body: { id: fresh, url, agent_card: card } });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'invalid request body' });
	});

	test.each(['http://localhost:8000', 'https://agent.example.com/a2a', 'http://8.8.8.8'])('%s is accepted', async (url) => {
		const { platform } = setup([]);
		expect((await send(platform, '/registry/register', { body: { id: fresh, url, agent_card: card } })).status).toBe(200);
	});

	test('URL validation comes before the token gate', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/registry/register', { body: { id: known, url: 'http://127.0.0.1', agent_card: card } });
		expect(answer.status).toBe(400);
	});

	test.each([
		['no id', { url: 'https://a.example.com', agent_card: card }],
		['no agent_card', { id: fresh, url: 'https://a.example.com' }],
		['an id that is not a string', { id: 7, url: 'https://a.example.com', agent_card: card }],
	])('a body with %s answers 400 invalid request body', async (_label, body) => {
		const { platform } = setup([]);
		expect((await send(platform, '/registry/register', { body })).json).toEqual({ error: 'invalid request body' });
	});

	test('delivery_mode is echoed, and a poll-mode agent may register without a URL', async () => {
		const { platform } = setup([]);
		const answer = await send(platform, '/registry/register', { body: { id: fresh, url: '', agent_card: card, delivery_mode: 'poll' } });
		expect(answer.json).toEqual({ status: 'registered', auth_token: 'minted-token', delivery_mode: 'poll' });
		expect(platform.workspace(fresh)).toMatchObject({ deliveryMode: 'poll', url: null });
	});

	test('registering wakes a hibernated workspace', async () => {
		const { platform } = setup([{ id: known, name: 'Sleepy', status: 'hibernated' }]);
		await send(platform, '/registry/register', { body: { id: known, url: 'https://a.example.com', agent_card: card } });
		expect(platform.workspace(known)?.status).toBe('online');
	});
});

describe('POST /registry/heartbeat', () => {
	const beat = (body: Record<string, unknown>) => ({ headers: { Authorization: 'Bearer known-token' }, body: { workspace_id: known, ...body } });

	test('answers {"status":"ok"} and records the report', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/registry/heartbeat', beat({ active_tasks: 1, uptime_seconds: 30, error_rate: 0.2 }));
		expect(answer.json).toEqual({ status: 'ok' });
		expect(platform.workspace(known)).toMatchObject({ activeTasks: 1 });
		expect((await send(platform, `/workspaces/${known}`)).json).toMatchObject({ uptime_seconds: 30, last_error_rate: 0.2 });
	});

	test('needs the token of a workspace that has one', async () => {
		const { platform } = setup(org());
		expect((await send(platform, '/registry/heartbeat', { body: { workspace_id: known } })).status).toBe(401);
	});

	test('an unknown workspace still answers 200', async () => {
		const { platform } = setup(org());
		expect((await send(platform, '/registry/heartbeat', { body: { workspace_id: fresh } })).json).toEqual({ status: 'ok' });
	});

	test('a body without workspace_id, or with a wrongly typed field, answers 400', async () => {
		const { platform } = setup(org());
		expect((await send(platform, '/registry/heartbeat', { body: {} })).json).toEqual({ error: 'invalid request body' });
		expect((await send(platform, '/registry/heartbeat', beat({ active_tasks: 1.5 }))).status).toBe(400);
	});

	test.each([
		['online', { error_rate: 0.5 }, 'degraded'],
		['online', { runtime_state: 'wedged' }, 'degraded'],
		['degraded', { error_rate: 0.05 }, 'online'],
		['degraded', { error_rate: 0.2 }, 'degraded'],
		['degraded', { error_rate: 0, runtime_state: 'wedged' }, 'degraded'],
		['offline', {}, 'online'],
		['provisioning', {}, 'online'],
		['hibernated', {}, 'hibernated'],
	])('%s with %o becomes %s', async (status, report, expected) => {
		const { platform } = setup([{ id: known, name: 'Known', status }]);
		await send(platform, '/registry/heartbeat', { body: { workspace_id: known, ...report } });
		expect(platform.workspace(known)?.status).toBe(expected);
	});

	test('declared capabilities and a positive monthly_spend are recorded', async () => {
		const { platform } = setup(org());
		await send(platform, '/registry/heartbeat', beat({ monthly_spend: 250, runtime_metadata: { capabilities: { session: true } } }));
		expect(platform.workspace(known)).toMatchObject({ monthlySpend: 250, capabilities: { session: true } });
		await send(platform, '/registry/heartbeat', beat({ monthly_spend: 0 }));
		expect(platform.workspace(known)?.monthlySpend).toBe(250);
	});
});

describe('POST /registry/update-card', () => {
	test('replaces the agent card', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/registry/update-card', {
			headers: { Authorization: 'Bearer known-token' },
			body: { workspace_id: known, agent_card: { name: 'v2' } },
		});
		expect(answer.json).toEqual({ status: 'updated' });
		expect(platform.workspace(known)?.agentCard).toEqual({ name: 'v2' });
	});

	test('needs the token, and both fields', async () => {
		const { platform } = setup(org());
		expect((await send(platform, '/registry/update-card', { body: { workspace_id: known, agent_card: {} } })).status).toBe(401);
		expect((await send(platform, '/registry/update-card', { body: { workspace_id: known } })).json).toEqual({ error: 'invalid request body' });
	});
});
