// Contract §5.1–5.2 and §7.4 (addendum §6–7): what an agent sees when it registers, beats and is pushed to.
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/index.js';
import type { DevWorkspace } from '../../src/dev/index.js';
import { as, bearer, id, messageSend, send, setup } from './helpers.js';

const lead = id(1);
const agent = id(2);
const card = { name: 'Agent', url: 'https://agent.example.com/a2a/inbound' };

const org = (extra: Partial<DevWorkspace> = {}): DevWorkspace[] => [
	{ id: lead, name: 'Lead', tokens: ['lead-token'] },
	{ id: agent, name: 'Agent', parentId: lead, ...extra },
];

describe('register in the August shape (contract §5.1)', () => {
	test('an external runtime with no stored mode registers in poll mode, without a URL', async () => {
		const { platform } = setup(org({ runtime: 'external' }));
		const answer = await send(platform, '/registry/register', { body: { id: agent, agent_card: card } });
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ status: 'registered', delivery_mode: 'poll', auth_token: 'minted-token', platform_inbound_secret: expect.any(String) });
		expect(platform.workspace(agent)?.deliveryMode).toBe('poll');
	});

	test('an external runtime may still ask for push, with its URL', async () => {
		const { platform } = setup(org({ runtime: 'external' }));
		const answer = await send(platform, '/registry/register', { body: { id: agent, agent_card: card, delivery_mode: 'push', url: card.url } });
		expect(answer.json).toMatchObject({ delivery_mode: 'push' });
	});

	test('switching from poll to push needs a URL then: without one it answers 400 url is required', async () => {
		const { platform } = setup(org({ deliveryMode: 'poll', tokens: ['agent-token'] }));
		const answer = await send(platform, '/registry/register', { headers: bearer('agent-token'), body: { id: agent, agent_card: { name: 'Agent' }, delivery_mode: 'push' } });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'url is required for push-mode workspaces' });
		expect(platform.workspace(agent)?.deliveryMode).toBe('poll');
	});
});

describe('heartbeat in the August shape (contract §5.2)', () => {
	const beat = { headers: bearer('agent-token'), body: { workspace_id: agent } };

	test("answers the workspace's desired generation, which the platform may move", async () => {
		const { platform } = setup(org({ tokens: ['agent-token'], generation: 4 }));
		expect((await send(platform, '/registry/heartbeat', beat)).json).toMatchObject({ status: 'ok', generation: 4 });
		platform.update(agent, { generation: 5 });
		expect((await send(platform, '/registry/heartbeat', beat)).json).toMatchObject({ generation: 5 });
	});

	test('a rotated inbound secret is handed out by the next heartbeat and register', async () => {
		const { platform } = setup(org({ tokens: ['agent-token'], inboundSecret: 'old-secret' }), { mintSecret: () => 'new-secret' });
		expect((await send(platform, '/registry/heartbeat', beat)).json).toMatchObject({ platform_inbound_secret: 'old-secret' });
		expect(platform.rotateInboundSecret(agent)).toBe('new-secret');
		expect((await send(platform, '/registry/heartbeat', beat)).json).toMatchObject({ platform_inbound_secret: 'new-secret' });
		const registered = await send(platform, '/registry/register', { headers: bearer('agent-token'), body: { id: agent, agent_card: card, url: card.url } });
		expect(registered.json).toMatchObject({ platform_inbound_secret: 'new-secret' });
	});

	test('rotating the secret of an unknown workspace is a ConfigError', () => {
		const { platform } = setup(org());
		expect(() => platform.rotateInboundSecret(id(9))).toThrow(ConfigError);
	});
});

describe('push delivery to a registered URL (contract §7.4)', () => {
	/** A platform whose outbound fetch is the agent at `card.url`, answering with the text it was sent. */
	function withAgent() {
		const seen: Request[] = [];
		const fetch = async (request: Request): Promise<Response> => {
			seen.push(request.clone());
			const envelope = (await request.json()) as { id: unknown; params: { message: { parts: { text: string }[] } } };
			const text = envelope.params.message.parts[0]?.text ?? '';
			return Response.json({ jsonrpc: '2.0', id: envelope.id, result: { kind: 'message', role: 'agent', messageId: 'r-1', parts: [{ kind: 'text', text: `got ${text}` }] } });
		};
		return { seen, ...setup(org(), { fetch, mintSecret: counterSecret() }) };
	}

	function counterSecret(): () => string {
		let next = 0;
		return () => `secret-${++next}`;
	}

	test('after register, a message is POSTed to the URL with the secret register handed out, and the reply comes back', async () => {
		const { platform, seen } = withAgent();
		const registered = (await send(platform, '/registry/register', { body: { id: agent, agent_card: card, url: card.url } })).json as Record<string, string>;
		const answer = await send(platform, `/workspaces/${agent}/a2a`, { headers: as(lead, 'lead-token'), body: messageSend('hello') });
		expect(answer.json).toMatchObject({ result: { parts: [{ kind: 'text', text: 'got hello' }] } });
		expect(seen[0]?.url).toBe(card.url);
		expect(seen[0]?.headers.get('Content-Type')).toBe('application/json');
		expect(seen[0]?.headers.get('Authorization')).toBe(`Bearer ${registered['platform_inbound_secret']}`);
	});

	test('after a rotation, pushes carry the new secret and /a2a/inbound refuses the old one', async () => {
		const { platform, seen } = withAgent();
		const registered = (await send(platform, '/registry/register', { body: { id: agent, agent_card: card, url: card.url } })).json as Record<string, string>;
		const rotated = platform.rotateInboundSecret(agent);
		expect(rotated).not.toBe(registered['platform_inbound_secret']);
		await send(platform, `/workspaces/${agent}/a2a`, { headers: as(lead, 'lead-token'), body: messageSend('again') });
		expect(seen[0]?.headers.get('Authorization')).toBe(`Bearer ${rotated}`);
		const old = await send(platform, `/workspaces/${agent}/a2a/inbound`, { headers: bearer(registered['platform_inbound_secret'] ?? ''), body: messageSend('x') });
		expect(old.status).toBe(403);
		const fresh = await send(platform, `/workspaces/${agent}/a2a/inbound`, { headers: bearer(rotated), body: messageSend('y', 'm-2') });
		expect(fresh.status).toBe(200);
	});
});
