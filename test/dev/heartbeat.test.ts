import { describe, expect, test } from 'vitest';
import type { DevWorkspace } from '../../src/dev/index.js';
import { bearer, id, send, setup } from './helpers.js';

const known = id(1);
const fresh = id(2);

const org = (): DevWorkspace[] => [{ id: known, name: 'Known', tokens: ['known-token'], inboundSecret: 'known-secret' }];
const beat = (body: Record<string, unknown>) => ({ headers: bearer('known-token'), body: { workspace_id: known, ...body } });

describe('POST /registry/heartbeat (addendum §7.2)', () => {
	// Updated for addendum §7.2: the answer now carries the desired generation and the inbound secret.
	test('answers ok, the generation and the inbound secret, and records the report', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/registry/heartbeat', beat({ active_tasks: 1, uptime_seconds: 30, error_rate: 0.2, sample_error: 'boom' }));
		expect(answer.json).toEqual({ status: 'ok', generation: 1, platform_inbound_secret: 'known-secret' });
		expect(platform.workspace(known)).toMatchObject({ activeTasks: 1 });
		expect((await send(platform, `/workspaces/${known}`)).json).toMatchObject({
			uptime_seconds: 30,
			last_error_rate: 0.2,
			last_sample_error: 'boom',
			last_heartbeat_at: '2026-05-01T12:00:00.000Z',
		});
	});

	test('a workspace whose secret was never minted gets one now', async () => {
		const { platform } = setup([{ id: known, name: 'Known', tokens: ['known-token'], inboundSecret: null }]);
		expect((await send(platform, '/registry/heartbeat', beat({}))).json).toMatchObject({ platform_inbound_secret: 'minted-secret' });
		expect(platform.workspace(known)?.inboundSecret).toBe('minted-secret');
	});

	test('needs the token of a workspace that has one', async () => {
		const { platform } = setup(org());
		expect((await send(platform, '/registry/heartbeat', { body: { workspace_id: known } })).status).toBe(401);
	});

	test('an unknown workspace still answers 200, with generation 0 and no secret', async () => {
		const { platform } = setup(org());
		expect((await send(platform, '/registry/heartbeat', { body: { workspace_id: fresh } })).json).toEqual({ status: 'ok', generation: 0 });
	});

	test('a body without workspace_id, or with a wrongly typed field, answers 400', async () => {
		const { platform } = setup(org());
		expect((await send(platform, '/registry/heartbeat', { body: {} })).json).toEqual({ error: 'invalid request body' });
		expect((await send(platform, '/registry/heartbeat', beat({ active_tasks: 1.5 }))).status).toBe(400);
		expect((await send(platform, '/registry/heartbeat', beat({ is_busy: 'yes' }))).status).toBe(400);
		expect((await send(platform, '/registry/heartbeat', beat({ loaded_mcp_tools: [1] }))).status).toBe(400);
	});

	test('the fields added since April are accepted', async () => {
		const { platform } = setup(org());
		const report = { is_busy: true, observed_generation: 1, schema_version: '2', mcp_server_present: true, loaded_mcp_tools: ['a'], mcp_tools_ready: true, first_ready_at: '2026-05-01T11:00:00Z' };
		expect((await send(platform, '/registry/heartbeat', beat(report))).status).toBe(200);
	});

	test.each([
		['online', { error_rate: 0.5 }, 'degraded'],
		['online', { runtime_state: 'wedged' }, 'degraded'],
		['degraded', { error_rate: 0.05 }, 'online'],
		['degraded', { error_rate: 0.2 }, 'degraded'],
		['degraded', { error_rate: 0, runtime_state: 'wedged' }, 'degraded'],
		['offline', {}, 'online'],
		['provisioning', {}, 'online'],
		['awaiting_agent', {}, 'online'],
		['hibernated', {}, 'hibernated'],
	])('%s with %o becomes %s', async (status, report, expected) => {
		const { platform } = setup([{ id: known, name: 'Known', status, tokens: ['known-token'] }]);
		await send(platform, '/registry/heartbeat', beat(report));
		expect(platform.workspace(known)?.status).toBe(expected);
	});

	test('a wedged runtime shows as wedged in the workspace info', async () => {
		const { platform } = setup(org());
		await send(platform, '/registry/heartbeat', beat({ runtime_state: 'wedged' }));
		expect((await send(platform, `/workspaces/${known}`)).json).toMatchObject({ wedged: true, status: 'degraded' });
	});

	test('a provisioning platform agent comes online only once its tools are ready', async () => {
		const { platform } = setup([{ id: known, name: 'Concierge', kind: 'platform', status: 'provisioning', tokens: ['known-token'] }]);
		await send(platform, '/registry/heartbeat', beat({}));
		expect(platform.workspace(known)?.status).toBe('provisioning');
		await send(platform, '/registry/heartbeat', beat({ mcp_tools_ready: true }));
		expect(platform.workspace(known)?.status).toBe('online');
	});

	test('declared capabilities and a positive monthly_spend are recorded', async () => {
		const { platform } = setup(org());
		await send(platform, '/registry/heartbeat', beat({ monthly_spend: 250, runtime_metadata: { capabilities: { session: true } } }));
		expect(platform.workspace(known)).toMatchObject({ monthlySpend: 250, capabilities: { session: true } });
		await send(platform, '/registry/heartbeat', beat({ monthly_spend: 0 }));
		expect(platform.workspace(known)?.monthlySpend).toBe(250);
	});

	test('a monthly_spend also moves a monthly period budget', async () => {
		const { platform } = setup([{ ...org()[0]!, budgets: { monthly: { limit: 1000, spent: 0 } } }]);
		await send(platform, '/registry/heartbeat', beat({ monthly_spend: 400 }));
		expect(platform.workspace(known)?.budgets).toEqual({ monthly: { limit: 1000, spent: 400 } });
	});

	test('a heartbeat fills in a missing agent card but does not replace one', async () => {
		const { platform } = setup(org());
		await send(platform, '/registry/heartbeat', beat({ agent_card: { name: 'first' } }));
		await send(platform, '/registry/heartbeat', beat({ agent_card: { name: 'second' } }));
		expect(platform.workspace(known)?.agentCard).toEqual({ name: 'first' });
	});
});

describe('POST /registry/update-card (addendum §7.3)', () => {
	test('replaces the agent card', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/registry/update-card', { headers: bearer('known-token'), body: { workspace_id: known, agent_card: { name: 'v2' } } });
		expect(answer.json).toEqual({ status: 'updated' });
		expect(platform.workspace(known)?.agentCard).toEqual({ name: 'v2' });
	});

	test('needs the token, and both fields', async () => {
		const { platform } = setup(org());
		expect((await send(platform, '/registry/update-card', { body: { workspace_id: known, agent_card: {} } })).status).toBe(401);
		expect((await send(platform, '/registry/update-card', { body: { workspace_id: known } })).json).toEqual({ error: 'invalid request body' });
	});

	test('a card whose url is not allowed answers 400 workspace URL not allowed', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/registry/update-card', {
			headers: bearer('known-token'),
			body: { workspace_id: known, agent_card: { url: 'http://169.254.169.254/' } },
		});
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'workspace URL not allowed' });
		expect(platform.workspace(known)?.agentCard).toBeUndefined();
	});
});
