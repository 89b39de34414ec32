import { describe, expect, test } from 'vitest';
import { isConfigError } from '../../src/index.js';
import { PLATFORM_URL } from '../helpers/ids.js';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';
import { LEAD, rejection, testCanvas, WORKER } from './helpers.js';

const QUEUE_ID = '40000000-0000-4000-8000-000000000009';

describe('peers, queueStatus, updateCard', () => {
	test('peers reads GET /registry/:id/peers without X-Workspace-ID', async () => {
		const fake = scriptedFetch(json([{ id: WORKER, name: 'Worker', status: 'online' }]));
		const { canvas } = testCanvas(fake.fetch);
		expect(await canvas.peers(LEAD)).toEqual([{ id: WORKER, name: 'Worker', status: 'online' }]);
		expect(fake.calls[0]?.url).toBe(`${PLATFORM_URL}/registry/${LEAD}/peers`);
		expect(fake.calls[0]?.headers['x-workspace-id']).toBeUndefined();
	});

	test("queueStatus is null while the platform's 404 says retryable", async () => {
		const { canvas } = testCanvas(scriptedFetch(json({ error: 'queue item not found', retryable: true }, 404)).fetch);
		expect(await canvas.queueStatus(LEAD, QUEUE_ID)).toBeNull();
	});

	test('queueStatus reads the queue item', async () => {
		const fake = scriptedFetch(json({ queue_id: QUEUE_ID, workspace_id: LEAD, status: 'completed', priority: 50, attempts: 1, enqueued_at: '2026-11-30 06:00:00+00', response_body: { result: 'done' } }));
		const { canvas } = testCanvas(fake.fetch);
		expect(await canvas.queueStatus(LEAD, QUEUE_ID)).toMatchObject({ queueId: QUEUE_ID, status: 'completed', responseBody: { result: 'done' } });
		expect(fake.calls[0]?.url).toBe(`${PLATFORM_URL}/workspaces/${LEAD}/a2a/queue/${QUEUE_ID}`);
		expect(fake.calls[0]?.headers['x-workspace-id']).toBeUndefined();
	});

	test('queueStatus refuses a queue id that is not a UUID, naming queueId', async () => {
		const { canvas } = testCanvas(scriptedFetch(json({})).fetch);
		const error = await rejection(canvas.queueStatus(LEAD, '../../x'));
		expect(isConfigError(error) && error.field).toBe('queueId');
	});

	test('updateCard posts { workspace_id, agent_card } to /registry/update-card', async () => {
		const fake = scriptedFetch(json({ status: 'updated' }));
		const { canvas } = testCanvas(fake.fetch);
		await canvas.updateCard(LEAD.toUpperCase(), { name: 'lead', skills: [] });
		expect(fake.calls[0]).toMatchObject({ method: 'POST', url: `${PLATFORM_URL}/registry/update-card`, json: { workspace_id: LEAD, agent_card: { name: 'lead', skills: [] } } });
	});
});
