import { describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/index.js';
import { AGENT, scriptedAgent } from './helpers.js';
import { json, routes } from './routes.js';

// Scripted answers (contract §17, addendum §9.9) to pin the exact bodies; the dev platform runs the same
// calls in platform-flows.test.ts.

describe('memories', () => {
	it('commit posts the content with its scope (LOCAL by default)', async () => {
		const { fetch, calls } = routes({ 'POST /workspaces/:id/memories': ({ json: body }) => json({ id: 'mem-1', scope: (body as { scope: string }).scope, namespace: 'general' }, 201) });
		const { agent } = scriptedAgent(fetch);
		expect(await agent.memories.commit('Deploys freeze on Fridays')).toEqual({ id: 'mem-1', scope: 'LOCAL', namespace: 'general' });
		await agent.memories.commit('Shared runbook lives in /docs', { scope: 'TEAM' });
		expect(calls.map((call) => call.json)).toEqual([
			{ content: 'Deploys freeze on Fridays', scope: 'LOCAL' },
			{ content: 'Shared runbook lives in /docs', scope: 'TEAM' },
		]);
	});

	it('recall filters what the platform lists by the query and the scope, as the platform ignores both', async () => {
		const rows = [
			{ id: '1', content: 'Deploy key rotates on Mondays', scope: 'LOCAL', created_at: 't1' },
			{ id: '2', content: 'Lunch is at noon', scope: 'TEAM', created_at: 't2' },
			{ id: '3', content: 'The DEPLOY window is 9–11', scope: 'TEAM', created_at: 't3' },
		];
		const { fetch, calls } = routes({ 'GET /workspaces/:id/memories': () => json(rows) });
		const { agent } = scriptedAgent(fetch);
		expect((await agent.memories.recall('deploy')).map((memory) => memory.id)).toEqual(['1', '3']);
		expect((await agent.memories.recall('deploy', { scope: 'TEAM' })).map((memory) => memory.id)).toEqual(['3']);
		expect((await agent.memories.recall('')).map((memory) => memory.id)).toEqual(['1', '2', '3']);
		expect(calls[0]?.query.get('q')).toBe('deploy');
	});

	it('refuses an unknown scope and blank content before sending', async () => {
		const { fetch, calls } = routes({});
		const { agent } = scriptedAgent(fetch);
		const scope = await agent.memories.commit('x', { scope: 'ORG' as never }).catch((error: unknown) => error);
		expect(isConfigError(scope) && scope.field).toBe('options.scope');
		const blank = await agent.memories.commit('').catch((error: unknown) => error);
		expect(isConfigError(blank) && blank.field).toBe('content');
		expect(calls).toHaveLength(0);
	});
});

describe('logActivity', () => {
	it('writes the entry as this workspace (so its own inbox skips it), under the platform names', async () => {
		const { fetch, calls } = routes({ 'POST /workspaces/:id/activity': () => json({ status: 'logged' }) });
		const { agent } = scriptedAgent(fetch);
		await agent.logActivity({ type: 'agent_log', summary: 'Indexed 42 documents', durationMs: 1200, metadata: { docs: 42 } });
		expect(calls[0]?.json).toEqual({ activity_type: 'agent_log', source_id: AGENT, summary: 'Indexed 42 documents', duration_ms: 1200, metadata: { docs: 42 } });
	});

	it('refuses a type the platform does not take', async () => {
		const error = await scriptedAgent(routes({}).fetch).agent.logActivity({ type: 'note' } as never).catch((caught: unknown) => caught);
		expect(isConfigError(error) && error.field).toBe('entry.type');
	});
});
