import { describe, expect, test } from 'vitest';
import { agents, type DevWorkspace } from '../../src/dev/index.js';
import { as, id, messageSend, send, setup } from './helpers.js';

const lead = id(1);
const worker = id(2);
const archived = id(3);

const org = (): DevWorkspace[] => [
	{ id: lead, name: 'Lead', tokens: ['lead-token'], agent: agents.reply('ok') },
	{
		id: worker,
		name: 'Worker',
		role: 'builder',
		parentId: lead,
		tier: 3,
		url: 'https://worker.example.com',
		budgetLimit: 100,
		monthlySpend: 5,
		maxConcurrentTasks: 2,
		activeTasks: 1,
		agentCard: { name: 'worker' },
		agent: agents.echo(),
		tokens: ['worker-token'],
	},
	{ id: archived, name: 'Archived', parentId: lead, status: 'removed', removedAt: '2026-04-30T12:00:00Z' },
];

describe('GET /workspaces/:id', () => {
	test('answers the §3.4 body, without budget, spend or current task', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/workspaces/${worker}`);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			id: worker,
			name: 'Worker',
			role: 'builder',
			tier: 3,
			status: 'online',
			url: 'https://worker.example.com',
			parent_id: lead,
			active_tasks: 1,
			max_concurrent_tasks: 2,
			last_error_rate: 0,
			uptime_seconds: 0,
			runtime: 'langgraph',
			x: 0,
			y: 0,
			collapsed: false,
			agent_card: { name: 'worker' },
			last_outbound_at: null,
		});
	});

	test('is open: no token is needed', async () => {
		const { platform } = setup(org());
		expect((await send(platform, `/workspaces/${lead}`)).status).toBe(200);
	});

	test('accepts an upper-case id', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/workspaces/${worker.toUpperCase()}`);
		expect(answer.json).toMatchObject({ id: worker });
	});

	test('a non-UUID id answers 400', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/workspaces/ws-abc');
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'invalid workspace ID' });
	});

	test('an unknown id answers 404', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/workspaces/${id(404)}`);
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual({ error: 'workspace not found' });
	});

	test('a removed workspace answers 410 with its removal time and the hint', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/workspaces/${archived}`);
		expect(answer.status).toBe(410);
		expect(answer.json).toEqual({
			error: 'workspace removed',
			id: archived,
			hint: 'Regenerate workspace + token from the canvas → Tokens tab',
			removed_at: '2026-04-30T12:00:00Z',
		});
	});

	test('include_removed=true answers the legacy 200 for a removed workspace', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/workspaces/${archived}?include_removed=true`);
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ id: archived, status: 'removed' });
	});

	test('last_outbound_at is set once the workspace sent a message that succeeded', async () => {
		const { platform } = setup(org());
		await send(platform, `/workspaces/${worker}/a2a`, { headers: as(lead, 'lead-token'), body: messageSend('hi') });
		const answer = await send(platform, `/workspaces/${lead}`);
		expect(answer.json).toMatchObject({ last_outbound_at: '2026-05-01T12:00:00.000Z' });
	});
});

describe('GET /workspaces/:id/activity', () => {
	test('needs a token of that workspace: WorkspaceAuth does not grandfather', async () => {
		const { platform } = setup(org());
		expect((await send(platform, `/workspaces/${worker}/activity`)).json).toEqual({ error: 'missing workspace auth token' });
		const wrong = await send(platform, `/workspaces/${worker}/activity`, { headers: { Authorization: 'Bearer lead-token' } });
		expect(wrong.status).toBe(401);
		expect(wrong.json).toEqual({ error: 'invalid workspace auth token' });
	});

	test('accepts the admin token', async () => {
		const { platform } = setup(org(), { adminToken: 'admin-secret' });
		const answer = await send(platform, `/workspaces/${worker}/activity`, { headers: { Authorization: 'Bearer admin-secret' } });
		expect(answer.status).toBe(200);
	});

	test('lists a2a_receive rows newest first, filtered by source', async () => {
		const { platform } = setup(org());
		await send(platform, `/workspaces/${worker}/a2a`, { body: messageSend('from the canvas', 'm-1') });
		await send(platform, `/workspaces/${worker}/a2a`, { headers: as(lead, 'lead-token'), body: messageSend('from the lead', 'm-2') });
		const all = await send(platform, `/workspaces/${worker}/activity`, { headers: { Authorization: 'Bearer worker-token' } });
		const rows = all.json as Record<string, unknown>[];
		expect(rows.map((row) => row['source_id'])).toEqual([lead, null]);
		expect(rows[0]).toMatchObject({ activity_type: 'a2a_receive', method: 'message/send', summary: 'message/send → Worker', status: 'ok' });
		const canvas = await send(platform, `/workspaces/${worker}/activity?source=canvas`, { headers: { Authorization: 'Bearer worker-token' } });
		expect((canvas.json as unknown[]).length).toBe(1);
	});

	test('an unknown source answers 400', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/workspaces/${worker}/activity?source=robot`, { headers: { Authorization: 'Bearer worker-token' } });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: "source must be 'canvas' or 'agent'" });
	});

	test('since_id answers the rows after it, oldest first, and 410 for an unknown cursor', async () => {
		const { platform } = setup(org());
		for (const text of ['one', 'two', 'three']) await send(platform, `/workspaces/${worker}/a2a`, { body: messageSend(text, text) });
		const headers = { Authorization: 'Bearer worker-token' };
		const first = platform.activity[0]?.id ?? '';
		const after = await send(platform, `/workspaces/${worker}/activity?since_id=${first}`, { headers });
		expect((after.json as { request_body: unknown }[]).map((row) => row.request_body)).toMatchObject([
			{ params: { message: { messageId: 'two' } } },
			{ params: { message: { messageId: 'three' } } },
		]);
		const unknown = await send(platform, `/workspaces/${worker}/activity?since_id=00000000-0000-0000-0000-000000000000`, { headers });
		expect(unknown.status).toBe(410);
	});
});
