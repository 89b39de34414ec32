// Contract §18 (addendum §9.11): GET /workspaces/:id/state.
import { describe, expect, test } from 'vitest';
import type { DevWorkspace } from '../../src/dev/index.js';
import { bearer, canvas, id, send, setup } from './helpers.js';

const agent = id(1);
const org = (extra: Partial<DevWorkspace> = {}): DevWorkspace[] => [{ id: agent, name: 'Agent', tokens: ['agent-token'], ...extra }];
const state = `/workspaces/${agent}/state`;

describe('GET /workspaces/:id/state (contract §18)', () => {
	test('answers the status, not paused, not deleted', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, state, { headers: bearer('agent-token') });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ workspace_id: agent, status: 'online', paused: false, deleted: false });
	});

	test('a paused workspace says paused', async () => {
		const { platform } = setup(org({ status: 'paused' }));
		expect((await send(platform, state, { headers: bearer('agent-token') })).json).toEqual({ workspace_id: agent, status: 'paused', paused: true, deleted: false });
	});

	test("a removed workspace's own token is refused with 401: use GET /workspaces/:id to see the removal", async () => {
		const { platform } = setup(org({ status: 'removed' }));
		const answer = await send(platform, state, { headers: bearer('agent-token') });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ error: 'invalid workspace auth token' });
	});

	test('to the admin token a removed workspace is 404 removed and deleted, an unknown one 404 deleted', async () => {
		const { platform } = setup(org({ status: 'removed' }));
		const removed = await send(platform, state, { headers: canvas });
		expect(removed.status).toBe(404);
		expect(removed.json).toEqual({ workspace_id: agent, status: 'removed', deleted: true });
		const unknown = await send(platform, `/workspaces/${id(9)}/state`, { headers: canvas });
		expect(unknown.status).toBe(404);
		expect(unknown.json).toEqual({ workspace_id: id(9), deleted: true });
	});

	test('needs WorkspaceAuth', async () => {
		const { platform } = setup(org());
		expect((await send(platform, state)).json).toEqual({ error: 'missing workspace auth token' });
	});
});
