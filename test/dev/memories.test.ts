// Contract §17 (addendum §9.9): the legacy memory endpoints the Python tools use.
import { describe, expect, test } from 'vitest';
import type { DevWorkspace } from '../../src/dev/index.js';
import { bearer, canvas, id, send, setup } from './helpers.js';

const root = id(1);
const alpha = id(2);
const beta = id(3);
const grandchild = id(4);
const outsider = id(5);

const org = (): DevWorkspace[] => [
	{ id: root, name: 'Root', tokens: ['root-token'] },
	{ id: alpha, name: 'Alpha', parentId: root, tokens: ['alpha-token'] },
	{ id: beta, name: 'Beta', parentId: root, tokens: ['beta-token'] },
	{ id: grandchild, name: 'Grandchild', parentId: alpha, tokens: ['grandchild-token'] },
	{ id: outsider, name: 'Outsider', tokens: ['outsider-token'] },
];

const memories = (workspaceId: string): string => `/workspaces/${workspaceId}/memories`;
type Platform = ReturnType<typeof setup>['platform'];

async function commit(platform: Platform, workspaceId: string, token: string, body: unknown) {
	return send(platform, memories(workspaceId), { headers: bearer(token), body });
}

async function recall(platform: Platform, workspaceId: string, token: string, query = ''): Promise<string[]> {
	const answer = await send(platform, memories(workspaceId) + query, { headers: bearer(token) });
	expect(answer.status).toBe(200);
	return (answer.json as { content: string }[]).map((memory) => memory.content);
}

describe('POST /workspaces/:id/memories (contract §17.1)', () => {
	test('stores a memory and answers 201 with its id, scope and the default namespace', async () => {
		const { platform } = setup(org());
		const answer = await commit(platform, alpha, 'alpha-token', { content: 'the build needs node 24', scope: 'LOCAL' });
		expect(answer.status).toBe(201);
		expect(answer.json).toEqual({ id: expect.any(String), scope: 'LOCAL', namespace: 'general' });
	});

	test('keeps a namespace that is given', async () => {
		const { platform } = setup(org());
		expect((await commit(platform, alpha, 'alpha-token', { content: 'x', scope: 'TEAM', namespace: 'procedures' })).json).toMatchObject({ namespace: 'procedures' });
	});

	test('a scope other than LOCAL, TEAM or GLOBAL answers 400', async () => {
		const { platform } = setup(org());
		const answer = await commit(platform, alpha, 'alpha-token', { content: 'x', scope: 'local' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'scope must be LOCAL, TEAM, or GLOBAL' });
	});

	test('no content or no scope answers 400 invalid request body', async () => {
		const { platform } = setup(org());
		for (const body of [{ scope: 'LOCAL' }, { content: 'x' }, { content: '', scope: 'LOCAL' }]) {
			expect((await commit(platform, alpha, 'alpha-token', body)).json).toEqual({ error: 'invalid request body' });
		}
	});

	test('a namespace over 50 characters answers 400', async () => {
		const { platform } = setup(org());
		const answer = await commit(platform, alpha, 'alpha-token', { content: 'x', scope: 'LOCAL', namespace: 'n'.repeat(51) });
		expect(answer.json).toEqual({ error: 'namespace must be <= 50 characters' });
		expect((await commit(platform, alpha, 'alpha-token', { content: 'x', scope: 'LOCAL', namespace: 'n'.repeat(50) })).status).toBe(201);
	});

	test('only a root workspace may write GLOBAL memories: others answer 403', async () => {
		const { platform } = setup(org());
		const answer = await commit(platform, alpha, 'alpha-token', { content: 'x', scope: 'GLOBAL' });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: 'only root workspaces can write GLOBAL memories' });
		expect((await commit(platform, root, 'root-token', { content: 'x', scope: 'GLOBAL' })).status).toBe(201);
	});

	test('without a memory plugin it answers 503', async () => {
		const { platform } = setup(org(), { memoryPlugin: false });
		const answer = await commit(platform, alpha, 'alpha-token', { content: 'x', scope: 'LOCAL' });
		expect(answer.status).toBe(503);
		expect(answer.json).toEqual({ error: 'memory plugin is not configured (set MEMORY_PLUGIN_URL)' });
	});

	test('needs WorkspaceAuth for that workspace', async () => {
		const { platform } = setup(org());
		expect((await commit(platform, alpha, 'beta-token', { content: 'x', scope: 'LOCAL' })).status).toBe(401);
	});
});

describe('GET /workspaces/:id/memories (contract §17.2)', () => {
	test('answers its memories newest first as {id, content, scope, created_at}', async () => {
		const { platform } = setup(org());
		await commit(platform, alpha, 'alpha-token', { content: 'first', scope: 'LOCAL' });
		await commit(platform, alpha, 'alpha-token', { content: 'second', scope: 'LOCAL' });
		const answer = await send(platform, memories(alpha), { headers: bearer('alpha-token') });
		expect(answer.json).toEqual([
			{ id: expect.any(String), content: 'second', scope: 'LOCAL', created_at: '2026-05-01T12:00:00.000Z' },
			{ id: expect.any(String), content: 'first', scope: 'LOCAL', created_at: '2026-05-01T12:00:00.000Z' },
		]);
	});

	test("a workspace reads its team's TEAM memories, not their LOCAL ones", async () => {
		const { platform } = setup(org());
		await commit(platform, beta, 'beta-token', { content: 'beta team note', scope: 'TEAM' });
		await commit(platform, beta, 'beta-token', { content: 'beta private note', scope: 'LOCAL' });
		await commit(platform, root, 'root-token', { content: 'root team note', scope: 'TEAM' });
		await commit(platform, grandchild, 'grandchild-token', { content: 'grandchild team note', scope: 'TEAM' });
		expect(await recall(platform, alpha, 'alpha-token')).toEqual(['root team note', 'beta team note']);
		expect(await recall(platform, root, 'root-token')).toEqual(['root team note', 'beta team note']);
	});

	test("GLOBAL memories reach every workspace of the organisation and no other", async () => {
		const { platform } = setup(org());
		await commit(platform, root, 'root-token', { content: 'company handbook', scope: 'GLOBAL' });
		expect(await recall(platform, grandchild, 'grandchild-token')).toEqual(['company handbook']);
		expect(await recall(platform, outsider, 'outsider-token')).toEqual([]);
	});

	test('ignores q and scope, as the platform shim does', async () => {
		const { platform } = setup(org());
		await commit(platform, alpha, 'alpha-token', { content: 'apples', scope: 'LOCAL' });
		await commit(platform, alpha, 'alpha-token', { content: 'pears', scope: 'TEAM' });
		expect(await recall(platform, alpha, 'alpha-token', '?q=apples&scope=LOCAL')).toEqual(['pears', 'apples']);
	});

	test('answers at most 50', async () => {
		const { platform } = setup(org());
		for (let index = 0; index < 51; index++) await commit(platform, alpha, 'alpha-token', { content: `m${index}`, scope: 'LOCAL' });
		const recalled = await recall(platform, alpha, 'alpha-token');
		expect(recalled).toHaveLength(50);
		expect(recalled[0]).toBe('m50');
	});

	test('a removed team member\'s TEAM memories are no longer read', async () => {
		const { platform } = setup(org());
		await commit(platform, beta, 'beta-token', { content: 'beta team note', scope: 'TEAM' });
		platform.update(beta, { status: 'removed' });
		expect(await recall(platform, alpha, 'alpha-token')).toEqual([]);
	});

	test('without a memory plugin it answers 503; the admin token passes WorkspaceAuth', async () => {
		const { platform } = setup(org(), { memoryPlugin: false });
		expect((await send(platform, memories(alpha), { headers: canvas })).status).toBe(503);
	});
});
