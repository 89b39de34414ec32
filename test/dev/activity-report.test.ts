// Contract §9.4 (spec §3.12, addendum §8.3): POST /workspaces/:id/activity, an agent logging its own activity.
import { describe, expect, test } from 'vitest';
import type { DevWorkspace } from '../../src/dev/index.js';
import { bearer, id, send, setup } from './helpers.js';

const agent = id(1);
const peer = id(2);
const org = (): DevWorkspace[] => [
	{ id: agent, name: 'Agent', tokens: ['agent-token'] },
	{ id: peer, name: 'Peer', parentId: agent, tokens: ['peer-token'] },
];
const report = `/workspaces/${agent}/activity`;
const asAgent = bearer('agent-token');

describe('POST /workspaces/:id/activity (contract §9.4)', () => {
	test('logs a row on the workspace, from itself, status ok by default, and answers 200 logged', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, report, {
			headers: asAgent,
			body: { activity_type: 'a2a_send', target_id: peer, method: 'message/send', summary: 'Delegating to Peer', request_body: { task: 'x' } },
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ status: 'logged' });
		expect(platform.activity).toEqual([
			expect.objectContaining({
				workspace_id: agent,
				activity_type: 'a2a_send',
				source_id: agent,
				target_id: peer,
				method: 'message/send',
				summary: 'Delegating to Peer',
				request_body: { task: 'x' },
				status: 'ok',
				error_detail: null,
			}),
		]);
	});

	test('metadata stands in for a missing request_body; status, error and duration are kept', async () => {
		const { platform } = setup(org());
		await send(platform, report, { headers: asAgent, body: { activity_type: 'error', metadata: { step: 3 }, status: 'error', error_detail: 'boom', duration_ms: 12 } });
		expect(platform.activity[0]).toMatchObject({ request_body: { step: 3 }, status: 'error', error_detail: 'boom', duration_ms: 12 });
	});

	test('an activity type outside the list answers 400 naming the list', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, report, { headers: asAgent, body: { activity_type: 'delegation' } });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'invalid activity_type, must be one of: a2a_send, a2a_receive, task_update, agent_log, skill_promotion, memory_write, error' });
	});

	test('no activity type answers 400 invalid request body', async () => {
		const { platform } = setup(org());
		expect((await send(platform, report, { headers: asAgent, body: { summary: 'x' } })).json).toEqual({ error: 'invalid request body' });
	});

	test('a source_id naming another workspace answers 403 and logs nothing', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, report, { headers: asAgent, body: { activity_type: 'agent_log', source_id: peer } });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: 'source_id must match authenticated workspace' });
		expect(platform.activity).toEqual([]);
	});

	test('needs WorkspaceAuth for that workspace', async () => {
		const { platform } = setup(org());
		expect((await send(platform, report, { headers: bearer('peer-token'), body: { activity_type: 'agent_log' } })).status).toBe(401);
	});
});
