import { describe, expect, test } from 'vitest';
import { agents, type DevWorkspace } from '../../src/dev/index.js';
import { as, id, messageSend, send, setup } from './helpers.js';

const lead = id(1);
const caller = id(2);
const target = id(3);
const cousin = id(4);
const legacy = id(5);
const removed = id(6);

const org = (): DevWorkspace[] => [
	{ id: lead, name: 'Lead', agent: agents.reply('lead here') },
	{ id: caller, name: 'Caller', parentId: lead, tokens: ['caller-token'], agent: agents.reply('caller here') },
	{ id: target, name: 'Target', parentId: lead, tokens: ['target-token'], agent: agents.echo() },
	{ id: cousin, name: 'Cousin', parentId: id(77), agent: agents.echo() },
	{ id: id(77), name: 'Other lead', parentId: id(78) },
	{ id: id(78), name: 'Other root' },
	{ id: legacy, name: 'Legacy', parentId: lead, agent: agents.echo() },
	{ id: removed, name: 'Removed', parentId: lead, status: 'removed', tokens: ['removed-token'] },
];

const a2a = (workspaceId: string): string => `/workspaces/${workspaceId}/a2a`;

describe('POST /workspaces/:id/a2a: who may call', () => {
	test.each(['system:', 'webhook:', 'test:', 'channel:'])('an X-Workspace-ID starting with %s answers 403 invalid caller ID', async (prefix) => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(target), { headers: as(`${prefix}scheduler`), body: messageSend('hi') });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: 'invalid caller ID' });
	});

	test('a caller with a live token that sends none answers 401 missing caller auth token', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(target), { headers: as(caller), body: messageSend('hi') });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'missing caller auth token' });
	});

	test('an unknown token answers 401 invalid caller auth token', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(target), { headers: as(caller, 'forged'), body: messageSend('hi') });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'invalid caller auth token' });
	});

	test("the target's own token does not authenticate the caller (wrong-workspace binding)", async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(target), { headers: as(caller, 'target-token'), body: messageSend('hi') });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'invalid caller auth token' });
	});

	test("the caller's own token is accepted", async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(target), { headers: as(caller, 'caller-token'), body: messageSend('hi') });
		expect(answer.status).toBe(200);
	});

	test('a grandfathered caller (no live token) is let through without one', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(target), { headers: as(legacy), body: messageSend('hi') });
		expect(answer.status).toBe(200);
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

	test('an unknown target with a caller header answers 403, not 404', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(id(404)), { headers: as(caller, 'caller-token'), body: messageSend('hi') });
		expect(answer.status).toBe(403);
	});

	test('an unknown target from the canvas answers 404', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(id(404)), { body: messageSend('hi') });
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual({ error: 'workspace not found' });
	});

	test('a self-call needs neither a token nor an access check', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(target), { headers: as(target), body: messageSend('hi') });
		expect(answer.status).toBe(200);
	});

	test('the canvas (no X-Workspace-ID) bypasses auth and access control', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a(cousin), { body: messageSend('hi') });
		expect(answer.status).toBe(200);
	});

	test('a target at its budget limit answers 402', async () => {
		const { platform } = setup(org());
		platform.update(target, { budgetLimit: 500, monthlySpend: 500 });
		const answer = await send(platform, a2a(target), { headers: as(caller, 'caller-token'), body: messageSend('hi') });
		expect(answer.status).toBe(402);
		expect(answer.json).toEqual({ error: 'workspace budget limit exceeded' });
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
