// Contract §14.3–14.4 (addendum §9.2): GET /workspaces/:id/delegations, record and update.
import { describe, expect, test } from 'vitest';
import { agents, type DevWorkspace } from '../../src/dev/index.js';
import { bearer, canvas, id, send, setup, withoutActivity } from './helpers.js';

const lead = id(1);
const worker = id(2);

const org = (): DevWorkspace[] => [
	{ id: lead, name: 'Lead', tokens: ['lead-token'] },
	{ id: worker, name: 'Worker', parentId: lead, tokens: ['worker-token'], agent: agents.reply('done') },
];

const asLead = bearer('lead-token');
const list = `/workspaces/${lead}/delegations`;
const record = `/workspaces/${lead}/delegations/record`;
const update = (delegationId: string): string => `/workspaces/${lead}/delegations/${delegationId}/update`;
type Row = Record<string, unknown>;

async function rows(platform: ReturnType<typeof setup>['platform'], path = list, headers = asLead): Promise<Row[]> {
	const answer = await send(platform, path, { headers });
	expect(answer.status).toBe(200);
	return answer.json as Row[];
}

describe('GET /workspaces/:id/delegations (contract §14.3)', () => {
	test('answers 200 [] when there are none', async () => {
		const { platform } = setup(org());
		expect(await rows(platform)).toEqual([]);
	});

	test('each row has its id, type, ends, summary, status, time and direction sent', async () => {
		const { platform } = setup(org());
		await send(platform, record, { headers: asLead, body: { target_id: worker, task: 'write it', delegation_id: 'd-1' } });
		expect(await rows(platform)).toEqual([
			{
				id: expect.any(String),
				type: 'delegation',
				source_id: lead,
				target_id: worker,
				summary: `Delegating to ${worker}`,
				status: 'dispatched',
				created_at: '2026-05-01T12:00:00.000Z',
				direction: 'sent',
				delegation_id: 'd-1',
			},
		]);
	});

	test('lists at most 50 rows, newest first', async () => {
		const { platform } = setup(org());
		for (let index = 1; index <= 52; index++) {
			await send(platform, record, { headers: asLead, body: { target_id: worker, task: 't', delegation_id: `d-${index}` } });
		}
		const listed = await rows(platform);
		expect(listed).toHaveLength(50);
		expect(listed[0]?.['delegation_id']).toBe('d-52');
		expect(listed[49]?.['delegation_id']).toBe('d-3');
	});

	test('other activity rows are not delegations', async () => {
		const { platform } = setup(org());
		await send(platform, `/workspaces/${worker}/a2a`, { headers: bearer('lead-token'), body: { method: 'message/send', params: { message: { parts: [] } } } });
		await send(platform, `/workspaces/${lead}/activity`, { headers: asLead, body: { activity_type: 'agent_log', summary: 'thinking' } });
		expect(await rows(platform)).toEqual([]);
	});

	test("a workspace sees only its own delegations: the target's list stays empty", async () => {
		const { platform } = setup(org());
		await send(platform, `/workspaces/${lead}/delegate`, { headers: asLead, body: { target_id: worker, task: 'x' } });
		await platform.settled();
		expect(await rows(platform, `/workspaces/${worker}/delegations`, bearer('worker-token'))).toEqual([]);
		expect((await rows(platform)).map((row) => row['direction'])).toEqual(['sent', 'sent']);
	});

	test('a response preview longer than 300 bytes is cut there and marked with ...', async () => {
		const { platform } = setup(org());
		await send(platform, update('d-1'), { headers: asLead, body: { status: 'completed', response_preview: 'é'.repeat(200) } });
		const [row] = await rows(platform);
		expect(row?.['response_preview']).toBe(`${'é'.repeat(150)}...`);
	});

	test('needs WorkspaceAuth for that workspace', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, list, { headers: bearer('worker-token') });
		expect(answer.status).toBe(401);
		expect((await send(platform, list, { headers: canvas })).status).toBe(200);
	});
});

describe('POST /workspaces/:id/delegations/record (contract §14.4)', () => {
	test('answers 202 recorded and writes a dispatched delegate row', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, record, { headers: asLead, body: { target_id: worker, task: 'write it', delegation_id: 'd-1' } });
		expect(answer.status).toBe(202);
		expect(answer.json).toEqual({ delegation_id: 'd-1', status: 'recorded' });
		expect(platform.activity).toEqual([
			expect.objectContaining({ activity_type: 'delegation', method: 'delegate', status: 'dispatched', request_body: { task: 'write it', delegation_id: 'd-1' } }),
		]);
		expect(withoutActivity(platform)).toEqual([expect.objectContaining({ event: 'DELEGATION_SENT', workspace_id: lead, payload: { delegation_id: 'd-1', target_id: worker, task_preview: 'write it' } })]);
	});

	test('a missing field answers 400 invalid request body; a target that is not a UUID 400 too', async () => {
		const { platform } = setup(org());
		const missing = await send(platform, record, { headers: asLead, body: { target_id: worker, task: 'x' } });
		expect(missing.status).toBe(400);
		expect(missing.json).toEqual({ error: 'invalid request body' });
		const notUuid = await send(platform, record, { headers: asLead, body: { target_id: 'worker', task: 'x', delegation_id: 'd' } });
		expect(notUuid.json).toEqual({ error: 'target_id must be a valid UUID' });
	});
});

describe('POST /workspaces/:id/delegations/:delegation_id/update (contract §14.4)', () => {
	test('completed: the delegate row is completed and a delegate_result row carries the preview', async () => {
		const { platform } = setup(org());
		await send(platform, record, { headers: asLead, body: { target_id: worker, task: 'x', delegation_id: 'd-1' } });
		const answer = await send(platform, update('d-1'), { headers: asLead, body: { status: 'completed', response_preview: 'all done' } });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ status: 'completed', delegation_id: 'd-1' });
		const [result, request] = await rows(platform);
		expect(result).toMatchObject({ status: 'completed', delegation_id: 'd-1', response_preview: 'all done', summary: 'Delegation completed (all done)', target_id: '' });
		expect(request).toMatchObject({ status: 'completed', delegation_id: 'd-1' });
	});

	test('failed: the delegate row is failed with the error, and a failed delegate_result row is written', async () => {
		const { platform } = setup(org());
		await send(platform, record, { headers: asLead, body: { target_id: worker, task: 'x', delegation_id: 'd-1' } });
		await send(platform, update('d-1'), { headers: asLead, body: { status: 'failed', error: 'peer went away' } });
		const [result, request] = await rows(platform);
		expect(result).toMatchObject({ status: 'failed', error: 'peer went away', summary: 'Delegation failed' });
		expect(request).toMatchObject({ status: 'failed', error: 'peer went away', delegation_id: 'd-1' });
		expect(platform.events.at(-1)).toMatchObject({ event: 'DELEGATION_FAILED', payload: { delegation_id: 'd-1', error: 'peer went away' } });
	});

	test('another status answers 400 status must be one of: completed, failed', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, update('d-1'), { headers: asLead, body: { status: 'in_progress' } });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'status must be one of: completed, failed' });
	});

	test('no status answers 400 invalid request body', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, update('d-1'), { headers: asLead, body: { error: 'x' } });
		expect(answer.json).toEqual({ error: 'invalid request body' });
	});
});
