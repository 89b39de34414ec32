import { describe, expect, test } from 'vitest';
import type { DevWorkspace } from '../../src/dev/index.js';
import { bearer, canvas, id, send, setup } from './helpers.js';

const root = id(1);
const worker = id(2);
const gone = id(3);
const outsider = id(4);

const org = (): DevWorkspace[] => [
	{ id: root, name: 'Root', tokens: ['root-token'] },
	{ id: worker, name: 'Worker', role: 'builder', parentId: root, budgetLimit: 100, monthlySpend: 5, tokens: ['worker-token'] },
	{ id: gone, name: 'Gone', parentId: root, status: 'removed', tokens: ['gone-token'] },
	{ id: outsider, name: 'Outsider' },
];

describe('GET /workspaces behind AdminAuth (addendum §2.2, §9.12)', () => {
	test('the admin token lists every workspace not removed, in creation order, with budget and spend', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/workspaces', { headers: canvas });
		expect(answer.status).toBe(200);
		const rows = answer.json as Record<string, unknown>[];
		expect(rows.map((row) => row['id'])).toEqual([root, worker, outsider]);
		expect(rows[1]).toMatchObject({ name: 'Worker', role: 'builder', parent_id: root, budget_limit: 100, monthly_spend: 5, current_task: '', workspace_dir: null, runtime: 'claude-code' });
	});

	test('an org API token is accepted', async () => {
		const { platform } = setup(org(), { orgTokens: ['org-token'] });
		expect((await send(platform, '/workspaces', { headers: bearer('org-token') })).status).toBe(200);
	});

	test('no bearer answers 401 admin auth required: there is no fail-open any more', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/workspaces');
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'admin auth required' });
	});

	test('with an admin token set, a workspace token answers 401 invalid admin auth token', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/workspaces', { headers: bearer('worker-token') });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'invalid admin auth token' });
	});

	test('without an admin token, any valid workspace token is accepted, but not a removed one', async () => {
		const { platform } = setup(org(), { adminToken: '' });
		expect((await send(platform, '/workspaces', { headers: bearer('worker-token') })).status).toBe(200);
		expect((await send(platform, '/workspaces', { headers: bearer('gone-token') })).json).toEqual({ error: 'invalid admin auth token' });
		expect((await send(platform, '/workspaces', { headers: bearer('nobody') })).status).toBe(401);
	});
});

describe('WorkspaceAuth with real tokens only (addendum §2.2)', () => {
	const activity = `/workspaces/${worker}/activity`;

	test('a workspace without any token is not let in without one', async () => {
		const { platform } = setup(org());
		expect((await send(platform, `/workspaces/${outsider}/activity`)).json).toEqual({ error: 'missing workspace auth token' });
	});

	test("a removed workspace's own token is refused", async () => {
		const { platform } = setup(org());
		expect((await send(platform, `/workspaces/${gone}/activity`, { headers: bearer('gone-token') })).json).toEqual({ error: 'invalid workspace auth token' });
	});

	test('an organisation-wide org token is accepted on any workspace; an anchored one only in its organisation', async () => {
		const { platform } = setup(org(), { orgTokens: ['everywhere', { token: 'rooted', org: root }] });
		expect((await send(platform, activity, { headers: bearer('everywhere') })).status).toBe(200);
		expect((await send(platform, activity, { headers: bearer('rooted') })).status).toBe(200);
		expect((await send(platform, `/workspaces/${outsider}/activity`, { headers: bearer('rooted') })).status).toBe(403);
	});

	test('a token that is no credential at all answers 401 invalid', async () => {
		const { platform } = setup(org());
		expect((await send(platform, activity, { headers: bearer('made-up') })).json).toEqual({ error: 'invalid workspace auth token' });
	});
});
