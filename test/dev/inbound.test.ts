import { describe, expect, test } from 'vitest';
import { agents, type AgentHandler, type DevWorkspace } from '../../src/dev/index.js';
import { as, bearer, id, messageSend, send, setup } from './helpers.js';

const lead = id(1);
const target = id(2);

const org = (extra: Partial<DevWorkspace> = {}): DevWorkspace[] => [
	{ id: lead, name: 'Lead', tokens: ['lead-token'] },
	{ id: target, name: 'Target', parentId: lead, tokens: ['target-token'], inboundSecret: 'target-secret', agent: agents.echo(), ...extra },
];

/** Dispatches one message to an agent at `url` and answers the `Authorization` it was sent. */
async function authorizationSentTo(url: string): Promise<string | null> {
	const seen: Request[] = [];
	const fetch = async (request: Request): Promise<Response> => (seen.push(request), Response.json({ jsonrpc: '2.0', id: 1, result: {} }));
	const { platform } = setup(org({ agent: url }), { fetch });
	await send(platform, `/workspaces/${target}/a2a`, { headers: as(lead, 'lead-token'), body: messageSend('hi') });
	return seen[0]?.headers.get('Authorization') ?? null;
}

describe('the platform authenticates itself to push agents (addendum §6)', () => {
	test.each(['https://agent.example.com/a2a/inbound', 'http://localhost:9000/a2a', 'http://8.8.8.8/a2a'])(
		'a push to the external URL %s carries Bearer <inbound secret>',
		async (url) => {
			expect(await authorizationSentTo(url)).toBe('Bearer target-secret');
		},
	);

	test.each(['http://127.0.0.1:9000/a2a', 'http://ws-a2a00000-000:8000', 'https://ws-a2a00000-000.moleculesai.app/'])(
		'a push to the internal URL %s carries no Authorization',
		async (url) => {
			expect(await authorizationSentTo(url)).toBeNull();
		},
	);
});

describe('POST /workspaces/:id/a2a/inbound (addendum §6)', () => {
	const inbound = `/workspaces/${target}/a2a/inbound`;

	test('with the target\'s inbound secret the message goes through as from a canvas-class caller, claim dropped', async () => {
		const callers: (string | null)[] = [];
		const agent: AgentHandler = (request, context) => (callers.push(context.callerId), agents.echo()(request, context));
		const { platform } = setup(org({ agent }));
		const answer = await send(platform, inbound, { headers: { ...bearer('target-secret'), 'X-Workspace-ID': lead }, body: messageSend('from outside') });
		expect(answer.json).toMatchObject({ result: { parts: [{ text: 'echo: from outside' }] } });
		expect(callers).toEqual([null]);
		expect(platform.activity).toEqual([expect.objectContaining({ source_id: null })]);
	});

	test('the inbound caller is not a human: no identity metadata, and a non-object body is invalid JSON', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, inbound, { headers: bearer('target-secret'), body: '[1]' });
		expect(answer.json).toEqual({ error: 'invalid JSON' });
	});

	test('without Authorization it answers 401 missing Authorization header', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, inbound, { body: messageSend('hi') });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'missing Authorization header' });
	});

	test('a workspace without a secret, or an unknown one, answers 401 workspace has no inbound secret configured', async () => {
		const { platform } = setup(org({ inboundSecret: null }));
		const expected = { error: 'workspace has no inbound secret configured' };
		expect((await send(platform, inbound, { headers: bearer('anything'), body: messageSend('hi') })).json).toEqual(expected);
		expect((await send(platform, `/workspaces/${id(404)}/a2a/inbound`, { headers: bearer('anything'), body: messageSend('hi') })).json).toEqual(expected);
	});

	test('a wrong secret, or a workspace token, answers 403 invalid inbound secret', async () => {
		const { platform } = setup(org());
		for (const token of ['wrong', 'target-token', 'admin-token']) {
			const answer = await send(platform, inbound, { headers: bearer(token), body: messageSend('hi') });
			expect(answer.status).toBe(403);
			expect(answer.json).toEqual({ error: 'invalid inbound secret' });
		}
	});

	test('the 90 s push-async cut-off applies', async () => {
		const { platform, clock } = setup(org({ agent: agents.slow(100_000, 'late') }));
		const pending = send(platform, inbound, { headers: bearer('target-secret'), body: messageSend('hi') });
		await clock.run(90_000);
		expect((await pending).json).toEqual({ status: 'queued', delivery_mode: 'push-async', method: 'message/send' });
	});
});
