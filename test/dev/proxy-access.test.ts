import { describe, expect, test } from 'vitest';
import { agents, type AgentHandler, type DevWorkspace } from '../../src/dev/index.js';
import { as, bearer, canvas, id, messageSend, send, setup } from './helpers.js';

const lead = id(1);
const caller = id(2);
const target = id(3);
const cousin = id(4);
const legacy = id(5);
const removed = id(6);
const otherRoot = id(78);

const org = (): DevWorkspace[] => [
	{ id: lead, name: 'Lead', tokens: ['lead-token'], agent: agents.reply('lead here') },
	{ id: caller, name: 'Caller', parentId: lead, tokens: ['caller-token'], agent: agents.reply('caller here') },
	{ id: target, name: 'Target', parentId: lead, tokens: ['target-token'], agent: agents.echo() },
	{ id: cousin, name: 'Cousin', parentId: id(77), agent: agents.echo() },
	{ id: id(77), name: 'Other lead', parentId: otherRoot },
	{ id: otherRoot, name: 'Other root', agent: agents.echo() },
	{ id: legacy, name: 'Legacy', parentId: lead, agent: agents.echo() },
	{ id: removed, name: 'Removed', parentId: lead, status: 'removed', tokens: ['removed-token'] },
];

const a2a = (workspaceId: string): string => `/workspaces/${workspaceId}/a2a`;

/** An agent that remembers the caller the platform told it about. */
function callerRecorder(): { agent: AgentHandler; callers: (string | null)[] } {
	const callers: (string | null)[] = [];
	return { callers, agent: (_request, context) => (callers.push(context.callerId), 'ok') };
}

describe('POST /workspaces/:id/a2a: who may call (addendum §4.2)', () => {
	test.each(['system:', 'webhook:', 'test:', 'channel:'])('an X-Workspace-ID starting with %s answers 403 invalid caller ID', async (prefix) => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(target), { headers: as(`${prefix}scheduler`, 'caller-token'), body: messageSend('hi') });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: 'invalid caller ID' });
	});

	test('a call with no bearer answers 401 missing caller auth token', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(target), { headers: as(caller), body: messageSend('hi') });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'missing caller auth token' });
	});

	// Updated for addendum §1 #1: there is no anonymous canvas any more.
	test('a call with neither bearer nor X-Workspace-ID answers 401: no anonymous canvas', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(cousin), { body: messageSend('hi') });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'missing caller auth token' });
	});

	test('an unknown token answers 401 invalid caller auth token', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(target), { headers: as(caller, 'forged'), body: messageSend('hi') });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'invalid caller auth token' });
	});

	// Updated for addendum §4.2 #6: the caller comes from the bearer; a different claim is refused by name.
	test("another workspace's token with this caller's X-Workspace-ID answers 401 caller ID does not match", async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(target), { headers: as(caller, 'target-token'), body: messageSend('hi') });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'caller ID does not match workspace auth token' });
	});

	test("the caller's own token is accepted", async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(target), { headers: as(caller, 'caller-token'), body: messageSend('hi') });
		expect(answer.status).toBe(200);
	});

	test('the caller is the token owner even without X-Workspace-ID', async () => {
		const { agent, callers } = callerRecorder();
		const { platform } = setup(org());
		platform.setAgent(target, agent);
		const answer = await send(platform, a2a(target), { headers: bearer('caller-token'), body: messageSend('hi') });
		expect(answer.status).toBe(200);
		expect(callers).toEqual([caller]);
	});

	test('X-Workspace-ID in another case still names the token owner', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(target), { headers: as(caller.toUpperCase(), 'caller-token'), body: messageSend('hi') });
		expect(answer.status).toBe(200);
	});

	// Updated for addendum §4.2 #8: tokenless legacy workspaces are no longer grandfathered.
	test('a workspace without a token cannot call at all', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(target), { headers: as(legacy), body: messageSend('hi') });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'missing caller auth token' });
	});

	test("a removed workspace's token no longer authenticates it", async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(target), { headers: as(removed, 'removed-token'), body: messageSend('hi') });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'invalid caller auth token' });
	});

	test('workspaces under different parents answer 403 per hierarchy rules', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(cousin), { headers: as(caller, 'caller-token'), body: messageSend('hi') });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: 'access denied: workspaces cannot communicate per hierarchy rules' });
	});

	// Updated for addendum §1 #5: two roots used to be siblings.
	test('a root calling another root answers 403 per hierarchy rules', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(otherRoot), { headers: as(lead, 'lead-token'), body: messageSend('hi') });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: 'access denied: workspaces cannot communicate per hierarchy rules' });
	});

	test('an unknown target with a workspace caller answers 403, not 404', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(id(404)), { headers: as(caller, 'caller-token'), body: messageSend('hi') });
		expect(answer.status).toBe(403);
	});

	// Updated for addendum §4.3 row 17: the canvas now needs a credential to get there.
	test('an unknown target from a canvas-class caller answers 404', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(id(404)), { headers: canvas, body: messageSend('hi') });
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual({ error: 'workspace not found' });
	});

	// Updated for addendum §1 #1: self-calls need the token too, and still skip the hierarchy check.
	test('a self-call needs its own token but no access check', async () => {
		const { platform } = setup(org());
		expect((await send(platform, a2a(target), { headers: as(target), body: messageSend('hi') })).status).toBe(401);
		expect((await send(platform, a2a(target), { headers: as(target, 'target-token'), body: messageSend('hi') })).status).toBe(200);
	});

	// Updated for addendum §4.2 #5: the canvas is a human holding the admin token.
	test('the admin token is a canvas-class caller: no hierarchy check, the agent sees no caller', async () => {
		const { agent, callers } = callerRecorder();
		const { platform } = setup(org());
		platform.setAgent(cousin, agent);
		const answer = await send(platform, a2a(cousin), { headers: canvas, body: messageSend('hi') });
		expect(answer.status).toBe(200);
		expect(callers).toEqual([null]);
	});

	test('a human with the admin token may claim a workspace: the claim is the recorded caller, with no hierarchy check', async () => {
		const { agent, callers } = callerRecorder();
		const { platform } = setup(org());
		platform.setAgent(cousin, agent);
		const answer = await send(platform, a2a(cousin), { headers: { ...canvas, 'X-Workspace-ID': caller }, body: messageSend('hi') });
		expect(answer.status).toBe(200);
		expect(callers).toEqual([caller]);
	});

	test('an organisation-wide org API token is a canvas-class caller', async () => {
		const { platform } = setup(org(), { orgTokens: ['org-token'] });
		const answer = await send(platform, a2a(cousin), { headers: bearer('org-token'), body: messageSend('hi') });
		expect(answer.status).toBe(200);
	});

	test('an org API token anchored to the target organisation is accepted, and its X-Workspace-ID claim ignored', async () => {
		const { agent, callers } = callerRecorder();
		const { platform } = setup(org(), { orgTokens: [{ token: 'anchored', org: otherRoot }] });
		platform.setAgent(cousin, agent);
		const answer = await send(platform, a2a(cousin), { headers: { ...bearer('anchored'), 'X-Workspace-ID': caller }, body: messageSend('hi') });
		expect(answer.status).toBe(200);
		expect(callers).toEqual([null]);
	});

	test("an org API token anchored to another organisation answers 403 org token not authorized for this workspace's org", async () => {
		const { platform } = setup(org(), { orgTokens: [{ token: 'anchored', org: lead }] });
		const answer = await send(platform, a2a(cousin), { headers: bearer('anchored'), body: messageSend('hi') });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: "org token not authorized for this workspace's org" });
	});

	test('a platform without an admin token treats any other bearer as unknown', async () => {
		const { platform } = setup(org(), { adminToken: '' });
		const answer = await send(platform, a2a(target), { headers: bearer('admin-token'), body: messageSend('hi') });
		expect(answer.json).toEqual({ error: 'invalid caller auth token' });
	});

	// Updated for addendum §4.3 row 8: the 402 names the periods whose budget ran out.
	test('a target at its monthly budget limit answers 402 with exceeded_periods ["monthly"]', async () => {
		const { platform } = setup(org());
		platform.update(target, { budgetLimit: 500, monthlySpend: 500 });
		const answer = await send(platform, a2a(target), { headers: as(caller, 'caller-token'), body: messageSend('hi') });
		expect(answer.status).toBe(402);
		expect(answer.json).toEqual({ error: 'workspace budget limit exceeded', exceeded_periods: ['monthly'] });
	});

	test('a target under its budget limit is dispatched', async () => {
		const { platform } = setup(org());
		platform.update(target, { budgetLimit: 500, monthlySpend: 499 });
		const answer = await send(platform, a2a(target), { headers: as(caller, 'caller-token'), body: messageSend('hi') });
		expect(answer.status).toBe(200);
	});

	test('the hierarchy is checked before the budget', async () => {
		const { platform } = setup(org());
		platform.update(cousin, { budgetLimit: 0 });
		const answer = await send(platform, a2a(cousin), { headers: as(caller, 'caller-token'), body: messageSend('hi') });
		expect(answer.status).toBe(403);
	});
});
