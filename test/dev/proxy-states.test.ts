import { describe, expect, test } from 'vitest';
import { agents, type DevWorkspace } from '../../src/dev/index.js';
import { as, id, messageSend, send, setup } from './helpers.js';

const lead = id(1);
const target = id(2);
const a2a = `/workspaces/${target}/a2a`;
const fromLead = as(lead, 'lead-token');

function org(extra: Partial<DevWorkspace>): DevWorkspace[] {
	return [
		{ id: lead, name: 'Lead', tokens: ['lead-token'] },
		{ id: target, name: 'Target', parentId: lead, ...extra },
	];
}

describe('POST /workspaces/:id/a2a: workspace states', () => {
	test('a hibernated workspace answers 503 waking with Retry-After 15', async () => {
		const { platform } = setup(org({ status: 'hibernated', agent: agents.reply('awake') }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(503);
		expect(answer.headers.get('Retry-After')).toBe('15');
		expect(answer.json).toEqual({ error: 'workspace is waking from hibernation — retry in ~15 seconds', waking: true, retry_after: 15 });
	});

	test('a woken workspace stays hibernated until 15 s have passed on the clock, then answers', async () => {
		const { platform, clock } = setup(org({ status: 'hibernated', agent: agents.reply('awake') }));
		await send(platform, a2a, { headers: fromLead, body: messageSend('first') });
		await clock.run(14_999);
		expect((await send(platform, a2a, { headers: fromLead, body: messageSend('too early') })).status).toBe(503);
		expect(platform.workspace(target)?.status).toBe('hibernated');
		await clock.run(1);
		expect(platform.workspace(target)?.status).toBe('online');
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('again') });
		expect(answer.status).toBe(200);
	});

	test('a hibernated workspace nobody messages stays asleep', async () => {
		const { platform, clock } = setup(org({ status: 'hibernated', agent: agents.reply('awake') }));
		await clock.run(60_000);
		expect((await send(platform, a2a, { headers: fromLead, body: messageSend('hi') })).status).toBe(503);
	});

	test('a workspace with neither agent nor url answers 503 workspace has no URL with its status', async () => {
		const { platform } = setup(org({ status: 'offline' }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(503);
		expect(answer.json).toEqual({ error: 'workspace has no URL', status: 'offline' });
	});

	test("a removed workspace's container is gone: 503 workspace has no URL", async () => {
		const { platform } = setup(org({ status: 'removed', agent: agents.echo() }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.json).toEqual({ error: 'workspace has no URL', status: 'removed' });
	});

	// Updated for addendum §4.3 rows 9 and 20: the body is now normalised before the agent is resolved.
	test('the body is parsed before the agent is resolved: invalid JSON wins over no URL', async () => {
		const { platform } = setup(org({}));
		const answer = await send(platform, a2a, { headers: fromLead, body: 'nope' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'invalid JSON' });
	});

	test('a poll-mode workspace answers 200 queued with the method, without dispatching', async () => {
		let dispatched = 0;
		const { platform } = setup(org({ deliveryMode: 'poll', agent: () => `${++dispatched}` }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('for later') });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ status: 'queued', delivery_mode: 'poll', method: 'message/send' });
		expect(dispatched).toBe(0);
	});

	test("a poll-mode message is stored in the target's inbox (its activity) for the agent to poll", async () => {
		const { platform } = setup(org({ deliveryMode: 'poll' }));
		await send(platform, a2a, { headers: fromLead, body: messageSend('for later') });
		expect(platform.activity).toEqual([
			expect.objectContaining({ workspace_id: target, source_id: lead, method: 'message/send', request_body: messageSend('for later') }),
		]);
	});

	test('a poll-mode workspace still refuses invalid JSON', async () => {
		const { platform } = setup(org({ deliveryMode: 'poll' }));
		expect((await send(platform, a2a, { headers: fromLead, body: '{' })).json).toEqual({ error: 'invalid JSON' });
	});
});
