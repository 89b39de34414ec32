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

describe('GET /workspaces/:id (addendum §9.12)', () => {
	// Updated for addendum §9.12: kind, liveness, abilities and MCP fields joined the body; the default runtime is claude-code.
	test("answers today's body, without budget, spend or current task", async () => {
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
			kind: 'workspace',
			last_error_rate: 0,
			last_sample_error: '',
			uptime_seconds: 0,
			runtime: 'claude-code',
			x: 0,
			y: 0,
			collapsed: false,
			broadcast_enabled: true,
			talk_to_user_enabled: true,
			compute: {},
			agent_card: { name: 'worker' },
			loaded_mcp_tools: [],
			mcp_surface: null,
			last_outbound_at: null,
			last_heartbeat_at: null,
			wedged: false,
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

	// Updated for addendum §9.12: the hint text changed on 2026-07-14.
	test('a removed workspace answers 410 with its removal time and the new hint', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `/workspaces/${archived}`);
		expect(answer.status).toBe(410);
		expect(answer.json).toEqual({
			error: 'workspace removed',
			id: archived,
			hint: 'Create a replacement workspace in Canvas, then open Settings → Workspace Tokens → + New Token',
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

