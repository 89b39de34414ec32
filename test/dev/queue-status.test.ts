import { describe, expect, test } from 'vitest';
import { agents, type DevWorkspace } from '../../src/dev/index.js';
import { as, bearer, canvas, id, messageSend, send, setup } from './helpers.js';

const lead = id(1);
const target = id(2);
const other = id(3);

const org = (): DevWorkspace[] => [
	{ id: lead, name: 'Lead', tokens: ['lead-token'] },
	{ id: target, name: 'Target', parentId: lead, tokens: ['target-token'], agent: agents.busy() },
	{ id: other, name: 'Other', parentId: lead, tokens: ['other-token'] },
];

const fromLead = as(lead, 'lead-token');
const status = (queueId: string, workspaceId = target): string => `/workspaces/${workspaceId}/a2a/queue/${queueId}`;

/** Queues one message from the lead and answers its queue id. */
async function queued(platform: ReturnType<typeof setup>['platform'], body = messageSend('hi', 'm-1')): Promise<string> {
	const answer = await send(platform, `/workspaces/${target}/a2a`, { headers: fromLead, body });
	return (answer.json as { queue_id: string }).queue_id;
}

const heartbeat = { headers: bearer('target-token'), body: { workspace_id: target } };

describe('GET /workspaces/:id/a2a/queue/:queue_id (addendum §5)', () => {
	test('the sender reads its queued row: status, priority, attempts and Postgres-text timestamps', async () => {
		const { platform } = setup(org(), { wallClock: () => new Date('2026-05-01T12:00:00.250Z') });
		const queueId = await queued(platform);
		const answer = await send(platform, status(queueId), { headers: fromLead });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ queue_id: queueId, workspace_id: target, status: 'queued', priority: 50, attempts: 0, enqueued_at: '2026-05-01 12:00:00.25+00' });
	});

	test('a completed row carries the reply, and when it was dispatched and completed', async () => {
		const { platform } = setup(org());
		const queueId = await queued(platform);
		platform.setAgent(target, agents.echo());
		await send(platform, '/registry/heartbeat', heartbeat);
		await platform.settled();
		const answer = await send(platform, status(queueId), { headers: fromLead });
		expect(answer.json).toMatchObject({
			status: 'completed',
			attempts: 1,
			dispatched_at: '2026-05-01 12:00:00+00',
			completed_at: '2026-05-01 12:00:00+00',
			response_body: { result: { parts: [{ text: 'echo: hi' }] } },
		});
	});

	test('a row that failed five drains is failed, with its last error and no reply', async () => {
		const { platform } = setup(org());
		const queueId = await queued(platform);
		platform.setAgent(target, agents.httpStatus(500, { error: 'model crashed' }));
		for (let attempt = 0; attempt < 5; attempt++) {
			await send(platform, '/registry/heartbeat', heartbeat);
			await platform.settled();
		}
		const body = (await send(platform, status(queueId), { headers: fromLead })).json as Record<string, unknown>;
		expect(body).toMatchObject({ status: 'failed', attempts: 5, last_error: 'model crashed' });
		expect(body).not.toHaveProperty('response_body');
	});

	test('a row past its expires_in_seconds is dropped, with expires_at shown', async () => {
		const { platform, clock } = setup(org());
		const body = messageSend('hi', 'm-1');
		(body['params'] as Record<string, unknown>)['expires_in_seconds'] = 30;
		const queueId = await queued(platform, body);
		expect((await send(platform, status(queueId), { headers: fromLead })).json).toMatchObject({ status: 'queued', expires_at: '2026-05-01 12:00:30+00' });
		await clock.run(30_000);
		expect((await send(platform, status(queueId), { headers: fromLead })).json).toMatchObject({ status: 'dropped' });
	});

	test('the target workspace may read the row too', async () => {
		const { platform } = setup(org());
		const queueId = await queued(platform);
		expect((await send(platform, status(queueId), { headers: bearer('target-token') })).status).toBe(200);
	});

	test("another workspace's token answers 403 access denied", async () => {
		const { platform } = setup(org());
		const queueId = await queued(platform);
		const answer = await send(platform, status(queueId), { headers: bearer('other-token') });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: 'access denied' });
	});

	test('canvas-class callers may read any row, whatever the path id', async () => {
		const { platform } = setup(org(), { orgTokens: ['org-token'] });
		const queueId = await queued(platform);
		expect((await send(platform, status(queueId, other), { headers: canvas })).status).toBe(200);
		expect((await send(platform, status(queueId), { headers: bearer('org-token') })).status).toBe(200);
	});

	test('an unknown queue id answers 404 retryable: the row may not be written yet', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, status('00000000-0000-4000-8000-000000000000'), { headers: fromLead });
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual({ error: 'queue item not found', retryable: true });
	});

	test('an empty queue id answers 400 queue_id required', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, status(''), { headers: fromLead });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'queue_id required' });
	});

	test('the caller is classified as for /a2a: no bearer is 401, a mismatched claim is 401', async () => {
		const { platform } = setup(org());
		const queueId = await queued(platform);
		expect((await send(platform, status(queueId))).json).toEqual({ error: 'missing caller auth token' });
		expect((await send(platform, status(queueId), { headers: as(other, 'lead-token') })).json).toEqual({
			error: 'caller ID does not match workspace auth token',
		});
	});
});
