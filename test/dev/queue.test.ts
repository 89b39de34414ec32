import { describe, expect, test } from 'vitest';
import { agents, type DevWorkspace } from '../../src/dev/index.js';
import { as, id, messageSend, send, setup } from './helpers.js';

const lead = id(1);
const target = id(2);
const a2a = `/workspaces/${target}/a2a`;
const fromLead = as(lead, 'lead-token');

function org(extra: Partial<DevWorkspace> = {}): DevWorkspace[] {
	return [
		{ id: lead, name: 'Lead', tokens: ['lead-token'] },
		{ id: target, name: 'Target', parentId: lead, tokens: ['target-token'], agent: agents.busy(), ...extra },
	];
}

const heartbeat = (body: Record<string, unknown> = {}) => ({
	headers: { Authorization: 'Bearer target-token' },
	body: { workspace_id: target, ...body },
});

describe('the A2A queue (addendum §5)', () => {
	test('a busy agent queues the request: 202 with queue_id and queue_depth', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi', 'm-1') });
		expect(answer.status).toBe(202);
		expect(answer.headers.get('Content-Type')).toBe('application/json');
		const queueId = platform.queue[0]?.queueId;
		expect(answer.json).toEqual({
			queued: true,
			queue_id: queueId,
			queue_depth: 1,
			message: 'workspace agent busy — request queued, will dispatch when capacity available',
		});
		expect(platform.queue).toEqual([
			expect.objectContaining({ workspaceId: target, callerId: lead, idempotencyKey: 'm-1', status: 'queued', attempts: 0 }),
		]);
	});

	test('the same messageId while still queued gets the same queue_id', async () => {
		const { platform } = setup(org());
		const first = await send(platform, a2a, { headers: fromLead, body: messageSend('hi', 'm-1') });
		const retry = await send(platform, a2a, { headers: fromLead, body: messageSend('hi', 'm-1') });
		expect((retry.json as { queue_id: string }).queue_id).toBe((first.json as { queue_id: string }).queue_id);
		expect(retry.json).toMatchObject({ queue_depth: 1 });
		expect(platform.queue).toHaveLength(1);
	});

	test('another messageId is a new item and deepens the queue', async () => {
		const { platform } = setup(org());
		await send(platform, a2a, { headers: fromLead, body: messageSend('one', 'm-1') });
		const second = await send(platform, a2a, { headers: fromLead, body: messageSend('two', 'm-2') });
		expect(second.json).toMatchObject({ queue_depth: 2 });
	});

	test('a busy dispatch is logged as a failed a2a_receive', async () => {
		const { platform } = setup(org());
		await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(platform.activity[0]).toMatchObject({ status: 'error', summary: 'A2A request to Target failed: EOF', error_detail: 'EOF' });
	});
});

describe('heartbeat drains (addendum §5, §7.2)', () => {
	test('a heartbeat with spare capacity re-dispatches one item; success completes it with the reply', async () => {
		const { platform } = setup(org());
		await send(platform, a2a, { headers: fromLead, body: messageSend('one', 'm-1') });
		await send(platform, a2a, { headers: fromLead, body: messageSend('two', 'm-2') });
		const seenCallers: (string | null)[] = [];
		platform.setAgent(target, (request, context) => {
			seenCallers.push(context.callerId);
			return agents.echo()(request, context);
		});
		expect((await send(platform, '/registry/heartbeat', heartbeat())).json).toMatchObject({ status: 'ok' });
		await platform.settled();
		const [first, second] = platform.queue;
		expect(first).toMatchObject({ status: 'completed', attempts: 1, reply: { result: { parts: [{ text: 'echo: one' }] } } });
		expect(second).toMatchObject({ status: 'queued', attempts: 0 });
		expect(seenCallers).toEqual([lead]);
	});

	test('a drain does not log activity again', async () => {
		const { platform } = setup(org());
		await send(platform, a2a, { headers: fromLead, body: messageSend('one') });
		platform.setAgent(target, agents.reply('ok'));
		await send(platform, '/registry/heartbeat', heartbeat());
		await platform.settled();
		expect(platform.activity).toHaveLength(1);
	});

	test('no drain while active_tasks is at max_concurrent_tasks', async () => {
		const { platform } = setup(org());
		await send(platform, a2a, { headers: fromLead, body: messageSend('one') });
		platform.setAgent(target, agents.reply('ok'));
		await send(platform, '/registry/heartbeat', heartbeat({ active_tasks: 1 }));
		await platform.settled();
		expect(platform.queue[0]).toMatchObject({ status: 'queued', attempts: 0 });
	});

	test('a failed drain goes back to the queue with lastError, and fails for good after 5 attempts', async () => {
		const { platform } = setup(org());
		await send(platform, a2a, { headers: fromLead, body: messageSend('one') });
		platform.setAgent(target, agents.httpStatus(500, { error: 'model crashed' }));
		for (let attempt = 1; attempt <= 4; attempt++) {
			await send(platform, '/registry/heartbeat', heartbeat());
			await platform.settled();
			expect(platform.queue[0]).toMatchObject({ status: 'queued', attempts: attempt, lastError: 'model crashed' });
		}
		await send(platform, '/registry/heartbeat', heartbeat());
		await platform.settled();
		expect(platform.queue[0]).toMatchObject({ status: 'failed', attempts: 5, lastError: 'model crashed' });
		await send(platform, '/registry/heartbeat', heartbeat());
		await platform.settled();
		expect(platform.queue[0]).toMatchObject({ status: 'failed', attempts: 5 });
	});

	test('an agent still busy puts the item back in the queue', async () => {
		const { platform } = setup(org());
		await send(platform, a2a, { headers: fromLead, body: messageSend('one') });
		await send(platform, '/registry/heartbeat', heartbeat());
		await platform.settled();
		expect(platform.queue).toEqual([expect.objectContaining({ status: 'queued', attempts: 1, lastError: 'workspace agent busy' })]);
	});

	// Updated for addendum §5: a heartbeat used to drain one item whatever the spare capacity.
	test('a heartbeat drains as many items as there is spare capacity', async () => {
		const { platform } = setup(org({ maxConcurrentTasks: 3 }));
		for (const messageId of ['m-1', 'm-2', 'm-3', 'm-4']) await send(platform, a2a, { headers: fromLead, body: messageSend(messageId, messageId) });
		platform.setAgent(target, agents.echo());
		await send(platform, '/registry/heartbeat', heartbeat({ active_tasks: 1 }));
		await platform.settled();
		expect(platform.queue.map((item) => item.status)).toEqual(['completed', 'completed', 'queued', 'queued']);
	});

	test('no drain while a boot turn is in flight (addendum §5)', async () => {
		const { platform } = setup(org({ bootTurn: true }));
		await send(platform, a2a, { headers: fromLead, body: messageSend('one') });
		platform.setAgent(target, agents.echo());
		await send(platform, '/registry/heartbeat', heartbeat());
		await platform.settled();
		expect(platform.queue[0]).toMatchObject({ status: 'queued', attempts: 0 });
		platform.update(target, { bootTurn: false });
		await send(platform, '/registry/heartbeat', heartbeat());
		await platform.settled();
		expect(platform.queue[0]).toMatchObject({ status: 'completed', attempts: 1 });
	});

	test('an item past its expires_in_seconds is dropped, not drained (addendum §4.1, §5)', async () => {
		const { platform, clock } = setup(org());
		const body = messageSend('stale');
		(body['params'] as Record<string, unknown>)['expires_in_seconds'] = 10;
		await send(platform, a2a, { headers: fromLead, body });
		platform.setAgent(target, agents.echo());
		await clock.run(10_000);
		await send(platform, '/registry/heartbeat', heartbeat());
		await platform.settled();
		expect(platform.queue[0]).toMatchObject({ status: 'dropped', attempts: 0, lastError: 'expired before delivery' });
	});
});
