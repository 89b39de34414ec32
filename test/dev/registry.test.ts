import { describe, expect, test } from 'vitest';
import { createDevPlatform, type DevWorkspace } from '../../src/dev/index.js';
import { bearer, id, send, setup } from './helpers.js';

const known = id(1);
const fresh = id(2);

const org = (): DevWorkspace[] => [{ id: known, name: 'Known', tokens: ['known-token'] }];
const card = { name: 'agent', skills: [] };
const register = (body: Record<string, unknown>, headers: Record<string, string> = {}) => ({ headers, body });

describe('POST /registry/register (addendum §7.1)', () => {
	// Updated for addendum §7.1: the answer now always names the delivery mode and hands out the inbound secret.
	test('a first registration creates the workspace, online, and answers its mode, token and inbound secret', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/registry/register', register({ id: fresh, url: 'https://agent.example.com', agent_card: card }));
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ status: 'registered', delivery_mode: 'push', auth_token: 'minted-token', platform_inbound_secret: 'minted-secret' });
		expect(platform.workspace(fresh)).toMatchObject({ name: fresh, status: 'online', url: 'https://agent.example.com', agentCard: card, tokens: ['minted-token'] });
	});

	test('registering again with the token re-registers without minting another, and hands out the same secret', async () => {
		const { platform } = setup(org());
		await send(platform, '/registry/register', register({ id: fresh, url: 'https://agent.example.com', agent_card: card }));
		const again = await send(platform, '/registry/register', register({ id: fresh, url: 'https://moved.example.com', agent_card: card }, bearer('minted-token')));
		expect(again.json).toEqual({ status: 'registered', delivery_mode: 'push', platform_inbound_secret: 'minted-secret' });
		expect(platform.workspace(fresh)).toMatchObject({ url: 'https://moved.example.com', tokens: ['minted-token'] });
	});

	test('a workspace with a live token needs it: none sent answers 401', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/registry/register', register({ id: known, url: 'https://agent.example.com', agent_card: card }));
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'missing workspace auth token' });
	});

	test("another workspace's token answers 401 invalid", async () => {
		const { platform } = setup([...org(), { id: fresh, name: 'Other', tokens: ['other-token'] }]);
		const answer = await send(platform, '/registry/register', register({ id: known, url: 'https://agent.example.com', agent_card: card }, bearer('other-token')));
		expect(answer.json).toEqual({ error: 'invalid workspace auth token' });
	});

	test('a workspace without a token yet registers without one and gets its first token', async () => {
		const { platform } = setup([{ id: known, name: 'Legacy', status: 'offline', inboundSecret: 'its-secret' }]);
		const answer = await send(platform, '/registry/register', register({ id: known, url: 'https://agent.example.com', agent_card: card }));
		expect(answer.json).toEqual({ status: 'registered', delivery_mode: 'push', auth_token: 'minted-token', platform_inbound_secret: 'its-secret' });
		expect(platform.workspace(known)).toMatchObject({ name: 'Legacy', status: 'online' });
	});

	test('the default token and secret are 43 base64url characters, new each time', async () => {
		const platform = createDevPlatform({ workspaces: [] });
		const values = new Set<string>();
		for (const workspaceId of [id(10), id(11)]) {
			const answer = await send(platform, '/registry/register', register({ id: workspaceId, url: 'https://a.example.com', agent_card: {} }));
			const { auth_token, platform_inbound_secret } = answer.json as { auth_token: string; platform_inbound_secret: string };
			values.add(auth_token).add(platform_inbound_secret);
		}
		expect([...values]).toHaveLength(4);
		for (const value of values) expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
	});

	// Updated for addendum §7.1: URL problems are named (they were all "invalid request body"),
	// and loopback is allowed as on a development server.
	test.each([
		['cloud metadata', 'http://169.254.169.254/latest', 'url targets a blocked address: link-local'],
		['a private address', 'http://10.0.0.5:8000', 'url targets a blocked address: private'],
		['a Docker bridge address', 'http://172.17.0.2:8000', 'url targets a blocked address: private'],
		['a LAN address', 'http://192.168.1.10', 'url targets a blocked address: private'],
		['IPv6 unique local', 'http://[fd12::1]', 'url targets a blocked address: unique local'],
		['IPv6 link-local', 'http://[fe80::1]', 'url targets a blocked address: link-local'],
		['documentation range', 'http://203.0.113.7', 'url targets a blocked address: documentation'],
		['carrier-grade NAT', 'http://100.64.0.1', 'url targets a blocked address: carrier-grade NAT'],
		['another scheme', 'ftp://agent.example.com', 'url scheme must be http or https, got "ftp"'],
		['not a URL', 'agent', 'url is not valid: "agent" is not an absolute URL'],
	])('a URL with %s answers 400 naming the problem', async (_label, url, error) => {
		const { platform } = setup([]);
		const answer = await send(platform, '/registry/register', register({ id: fresh, url, agent_card: card }));
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error });
	});

	test.each(['http://localhost:8000', 'http://127.0.0.1:8000', 'http://[::1]:8000', 'https://agent.example.com/a2a', 'http://8.8.8.8'])(
		'%s is accepted',
		async (url) => {
			const { platform } = setup([]);
			expect((await send(platform, '/registry/register', register({ id: fresh, url, agent_card: card }))).status).toBe(200);
		},
	);

	test('private addresses are accepted when the platform serves one org (SaaS)', async () => {
		const { platform } = setup([], { orgId: 'org-1' });
		expect((await send(platform, '/registry/register', register({ id: fresh, url: 'http://10.0.0.5:8000', agent_card: card }))).status).toBe(200);
	});

	test('a push-mode agent without a URL answers 400 url is required', async () => {
		const { platform } = setup([]);
		const answer = await send(platform, '/registry/register', register({ id: fresh, url: '', agent_card: card }));
		expect(answer.json).toEqual({ error: 'url is required for push-mode workspaces' });
	});

	test("a push-mode agent without a URL registers its agent card's URL", async () => {
		const { platform } = setup([]);
		await send(platform, '/registry/register', register({ id: fresh, agent_card: { url: 'https://card.example.com' } }));
		expect(platform.workspace(fresh)?.url).toBe('https://card.example.com');
	});

	test("an agent card URL that is not allowed answers 400, even with a good url", async () => {
		const { platform } = setup([]);
		const answer = await send(platform, '/registry/register', register({ id: fresh, url: 'https://a.example.com', agent_card: { url: 'http://169.254.169.254' } }));
		expect(answer.json).toEqual({ error: 'workspace agent_card URL not allowed' });
	});

	// Updated for addendum §7.1: the URL used to be checked before the token gate.
	test('the token gate comes before the URL check', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/registry/register', register({ id: known, url: 'ftp://a.example.com', agent_card: card }));
		expect(answer.status).toBe(401);
	});

	test.each([
		['no id', { url: 'https://a.example.com', agent_card: card }],
		['no agent_card', { id: fresh, url: 'https://a.example.com' }],
		['an id that is not a string', { id: 7, url: 'https://a.example.com', agent_card: card }],
	])('a body with %s answers 400 invalid request body', async (_label, body) => {
		const { platform } = setup([]);
		expect((await send(platform, '/registry/register', { body })).json).toEqual({ error: 'invalid request body' });
	});

	test("a delivery_mode other than push or poll answers 400 delivery_mode must be 'push' or 'poll'", async () => {
		const { platform } = setup([]);
		const answer = await send(platform, '/registry/register', register({ id: fresh, url: 'https://a.example.com', agent_card: card, delivery_mode: 'pull' }));
		expect(answer.json).toEqual({ error: "delivery_mode must be 'push' or 'poll'" });
	});

	test("a kind other than workspace or platform answers 400 kind must be 'workspace' or 'platform'", async () => {
		const { platform } = setup([]);
		const answer = await send(platform, '/registry/register', register({ id: fresh, url: 'https://a.example.com', agent_card: card, kind: 'robot' }));
		expect(answer.json).toEqual({ error: "kind must be 'workspace' or 'platform'" });
	});

	test('claiming kind platform answers 403: only the install path assigns it', async () => {
		const { platform } = setup([]);
		const answer = await send(platform, '/registry/register', register({ id: fresh, url: 'https://a.example.com', agent_card: card, kind: 'platform' }));
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: "kind='platform' may only be assigned by the platform-agent install path" });
	});

	test('a poll-mode agent may register without a URL, and the mode is answered', async () => {
		const { platform } = setup([]);
		const answer = await send(platform, '/registry/register', register({ id: fresh, url: '', agent_card: card, delivery_mode: 'poll' }));
		expect(answer.json).toEqual({ status: 'registered', delivery_mode: 'poll', auth_token: 'minted-token', platform_inbound_secret: 'minted-secret' });
		expect(platform.workspace(fresh)).toMatchObject({ deliveryMode: 'poll', url: null });
	});

	test('a poll-mode agent skips every URL check', async () => {
		const { platform } = setup([]);
		const answer = await send(platform, '/registry/register', register({ id: fresh, url: 'ftp://nowhere', agent_card: card, delivery_mode: 'poll' }));
		expect(answer.status).toBe(200);
	});

	test('registering changes the delivery mode; registering without one keeps the stored mode', async () => {
		const { platform } = setup(org());
		await send(platform, '/registry/register', register({ id: known, agent_card: card, delivery_mode: 'poll' }, bearer('known-token')));
		expect(platform.workspace(known)?.deliveryMode).toBe('poll');
		const again = await send(platform, '/registry/register', register({ id: known, agent_card: card }, bearer('known-token')));
		expect(again.json).toMatchObject({ delivery_mode: 'poll' });
		await send(platform, '/registry/register', register({ id: known, url: 'https://a.example.com', agent_card: card, delivery_mode: 'push' }, bearer('known-token')));
		expect(platform.workspace(known)?.deliveryMode).toBe('push');
	});

	// Updated for addendum §7.1: registering used to wake a hibernated workspace.
	test.each(['hibernated', 'paused', 'removed'])('registering a %s workspace answers 200 and changes nothing', async (status) => {
		const { platform } = setup([{ id: known, name: 'Still', status, url: 'https://old.example.com' }]);
		const answer = await send(platform, '/registry/register', register({ id: known, url: 'https://new.example.com', agent_card: card }));
		expect(answer.status).toBe(200);
		expect(platform.workspace(known)).toMatchObject({ status, url: 'https://old.example.com' });
	});
});
