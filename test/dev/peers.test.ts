import { describe, expect, test } from 'vitest';
import type { DevWorkspace } from '../../src/dev/index.js';
import { as, bearer, id, send, setup } from './helpers.js';

const grandparent = id(1);
const parent = id(2);
const self = id(3);
const sibling = id(4);
const removedSibling = id(5);
const child = id(6);
const grandchild = id(7);
const otherRoot = id(8);

const org: DevWorkspace[] = [
	{ id: grandparent, name: 'Grandparent' },
	{ id: parent, name: 'Lead', role: 'lead', parentId: grandparent, url: 'https://lead.example.com' },
	{ id: self, name: 'Self', parentId: parent, tokens: ['self-token'] },
	{ id: sibling, name: 'Writer', role: 'Copy Editor', parentId: parent, tier: 2, activeTasks: 1, agentCard: { name: 'writer' } },
	{ id: removedSibling, name: 'Gone', parentId: parent, status: 'removed' },
	{ id: child, name: 'Helper', role: '', parentId: self, status: 'offline' },
	{ id: grandchild, name: 'Deep', parentId: child },
	{ id: otherRoot, name: 'Other root' },
];

const ids = (body: unknown): string[] => (body as { id: string }[]).map((peer) => peer.id);

describe('GET /registry/:id/peers', () => {
	test('lists siblings, then children, then the parent; never removed ones nor grand-relatives', async () => {
		const { platform } = setup(org);
		const answer = await send(platform, `/registry/${self}/peers`, { headers: as(self, 'self-token') });
		expect(answer.status).toBe(200);
		expect(ids(answer.json)).toEqual([sibling, child, parent]);
	});

	test('each peer has exactly the fields of §3.2, with null for an empty role', async () => {
		const { platform } = setup(org);
		const answer = await send(platform, `/registry/${self}/peers`, { headers: as(self, 'self-token') });
		const [writer, helper, lead] = answer.json as Record<string, unknown>[];
		expect(writer).toEqual({
			id: sibling,
			name: 'Writer',
			role: 'Copy Editor',
			tier: 2,
			status: 'online',
			url: '',
			parent_id: parent,
			active_tasks: 1,
			agent_card: { name: 'writer' },
		});
		expect(helper).toMatchObject({ role: null, status: 'offline', agent_card: null });
		expect(lead).toMatchObject({ url: 'https://lead.example.com', parent_id: grandparent });
	});

	// Updated for addendum §1 #5: a root used to list the other roots as siblings.
	test('a root lists only its children: other roots are other organisations', async () => {
		const { platform } = setup(org);
		const answer = await send(platform, `/registry/${grandparent}/peers`);
		expect(ids(answer.json)).toEqual([parent]);
	});

	test('q keeps peers whose name or role contains it, ignoring case and surrounding space', async () => {
		const { platform } = setup(org);
		const byRole = await send(platform, `/registry/${self}/peers?q=%20editor%20`, { headers: as(self, 'self-token') });
		expect(ids(byRole.json)).toEqual([sibling]);
		const byName = await send(platform, `/registry/${self}/peers?q=LEAD`, { headers: as(self, 'self-token') });
		expect(ids(byName.json)).toEqual([parent]);
	});

	test('no peers is an empty array', async () => {
		const { platform } = setup([{ id: self, name: 'Alone' }]);
		const answer = await send(platform, `/registry/${self}/peers`);
		expect(answer.json).toEqual([]);
	});

	test('auth is bound to the path id, not X-Workspace-ID', async () => {
		const { platform } = setup(org);
		const answer = await send(platform, `/registry/${self}/peers`, { headers: as(sibling) });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'missing workspace auth token' });
	});

	test('the admin token and an org API token may list any workspace\'s peers (addendum §2.2)', async () => {
		const { platform } = setup(org, { orgTokens: ['org-token'] });
		expect((await send(platform, `/registry/${self}/peers`, { headers: bearer('admin-token') })).status).toBe(200);
		expect((await send(platform, `/registry/${self}/peers`, { headers: bearer('org-token') })).status).toBe(200);
	});

	test('a wrong token answers 401 invalid', async () => {
		const { platform } = setup(org);
		const answer = await send(platform, `/registry/${self}/peers`, { headers: { Authorization: 'Bearer nope' } });
		expect(answer.json).toEqual({ error: 'invalid workspace auth token' });
	});

	test('an unknown id answers 404', async () => {
		const { platform } = setup(org);
		const answer = await send(platform, `/registry/${id(404)}/peers`);
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual({ error: 'workspace not found' });
	});
});

describe('POST /registry/check-access', () => {
	test('reports whether the hierarchy allows the pair, with no auth', async () => {
		const { platform } = setup(org);
		const allowed = await send(platform, '/registry/check-access', { body: { caller_id: grandchild, target_id: grandparent } });
		expect(allowed.json).toEqual({ allowed: true });
		const denied = await send(platform, '/registry/check-access', { body: { caller_id: grandchild, target_id: otherRoot } });
		expect(denied.json).toEqual({ allowed: false });
	});

	test('a missing or empty field answers 400', async () => {
		const { platform } = setup(org);
		for (const body of [{ caller_id: self }, { caller_id: '', target_id: self }, 'not json', { caller_id: 1, target_id: self }]) {
			const answer = await send(platform, '/registry/check-access', { body });
			expect(answer.status).toBe(400);
			expect(answer.json).toEqual({ error: 'invalid request body' });
		}
	});
});
