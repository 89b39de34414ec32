// Contract §14.1–14.2 (addendum §9.1): POST /workspaces/:id/delegate and its background lifecycle.
import { describe, expect, test } from 'vitest';
import { agents, type AgentHandler, type DevWorkspace, type JsonRpcRequest } from '../../src/dev/index.js';
import { bearer, canvas, id, send, setup, withoutActivity } from './helpers.js';

const lead = id(1);
const worker = id(2);
const stranger = id(3);

const org = (workerAgent: AgentHandler = agents.reply('done'), extra: Partial<DevWorkspace> = {}): DevWorkspace[] => [
	{ id: lead, name: 'Lead', tokens: ['lead-token'], ...extra },
	{ id: worker, name: 'Worker', parentId: lead, tokens: ['worker-token'], agent: workerAgent },
	{ id: stranger, name: 'Stranger', tokens: ['stranger-token'], agent: agents.reply('hello') },
];

const delegatePath = `/workspaces/${lead}/delegate`;
const asLead = bearer('lead-token');
type Row = Record<string, unknown>;

async function delegations(platform: ReturnType<typeof setup>['platform']): Promise<Row[]> {
	return (await send(platform, `/workspaces/${lead}/delegations`, { headers: asLead })).json as Row[];
}

describe('POST /workspaces/:id/delegate answers at once (contract §14.1)', () => {
	test('202 delegated with a new delegation id and the target as sent', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, delegatePath, { headers: asLead, body: { target_id: worker.toUpperCase(), task: 'summarise' } });
		expect(answer.status).toBe(202);
		expect(answer.json).toEqual({ delegation_id: expect.any(String), status: 'delegated', target_id: worker.toUpperCase() });
		await platform.settled();
	});

	test('a body that does not bind answers 400 invalid delegation request', async () => {
		const { platform } = setup(org());
		for (const body of [{ target_id: worker }, { task: 'x' }, { target_id: worker, task: '' }, { target_id: 7, task: 'x' }, 'not json', '[]']) {
			const answer = await send(platform, delegatePath, { headers: asLead, body });
			expect(answer.status).toBe(400);
			expect(answer.json).toEqual({ error: 'invalid delegation request' });
		}
	});

	test('a target that is not a UUID answers 400 target_id must be a valid UUID', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, delegatePath, { headers: asLead, body: { target_id: 'worker', task: 'x' } });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'target_id must be a valid UUID' });
	});

	test('delegating to itself answers 400 self-delegation not permitted, with a reason and a hint', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, delegatePath, { headers: asLead, body: { target_id: lead.toUpperCase(), task: 'x' } });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'self-delegation not permitted', reason: expect.any(String), hint: expect.any(String) });
		expect(platform.activity).toEqual([]);
	});

	test('a workspace that may not delegate answers 403 tool call failed and nothing runs', async () => {
		const { platform } = setup(org(agents.reply('done'), { canDelegate: false }));
		const answer = await send(platform, delegatePath, { headers: asLead, body: { target_id: worker, task: 'x' } });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: 'tool call failed' });
		await platform.settled();
		expect(platform.activity).toEqual([]);
	});

	test('WorkspaceAuth: another workspace\'s token answers 401, none answers 401 missing', async () => {
		const { platform } = setup(org());
		expect((await send(platform, delegatePath, { headers: bearer('worker-token'), body: { target_id: worker, task: 'x' } })).json).toEqual({
			error: 'invalid workspace auth token',
		});
		expect((await send(platform, delegatePath, { body: { target_id: worker, task: 'x' } })).json).toEqual({ error: 'missing workspace auth token' });
	});
});

describe('idempotency_key (contract §14.1)', () => {
	const body = { target_id: worker, task: 'summarise', idempotency_key: 'key-1' };

	test('the same key answers 200 with the first delegation, its current status and idempotent_hit', async () => {
		const { platform } = setup(org());
		const first = (await send(platform, delegatePath, { headers: asLead, body })).json as Row;
		await platform.settled();
		const again = await send(platform, delegatePath, { headers: asLead, body });
		expect(again.status).toBe(200);
		expect(again.json).toEqual({ delegation_id: first['delegation_id'], status: 'completed', target_id: worker, idempotent_hit: true });
		await platform.settled();
		expect(platform.requests.filter((request) => request.path === `/workspaces/${worker}/a2a`)).toHaveLength(0);
		expect((await delegations(platform)).filter((row) => row['type'] === 'delegation')).toHaveLength(2);
	});

	test('a key whose delegation failed is freed: the next request is a new delegation (202)', async () => {
		const { platform } = setup(org(agents.httpStatus(500, { error: 'boom' })));
		const first = (await send(platform, delegatePath, { headers: asLead, body })).json as Row;
		await platform.settled();
		const again = await send(platform, delegatePath, { headers: asLead, body });
		expect(again.status).toBe(202);
		expect((again.json as Row)['delegation_id']).not.toBe(first['delegation_id']);
		await platform.settled();
	});

	test('another workspace may use the same key for its own delegation', async () => {
		const { platform } = setup(org());
		await send(platform, delegatePath, { headers: asLead, body });
		const theirs = await send(platform, `/workspaces/${worker}/delegate`, { headers: bearer('worker-token'), body: { ...body, target_id: lead } });
		expect(theirs.status).toBe(202);
		await platform.settled();
	});
});

describe('the delegation runs in the background (contract §14.2)', () => {
	test('the target gets message/send from the delegating workspace, with the delegation id as message id and metadata', async () => {
		const seen: { request: JsonRpcRequest; callerId: string | null }[] = [];
		const { platform } = setup(org((request, context) => (seen.push({ request, callerId: context.callerId }), 'done')));
		const { delegation_id } = (await send(platform, delegatePath, { headers: asLead, body: { target_id: worker, task: 'summarise' } })).json as { delegation_id: string };
		await platform.settled();
		expect(seen).toHaveLength(1);
		expect(seen[0]?.callerId).toBe(lead);
		expect(seen[0]?.request).toMatchObject({
			method: 'message/send',
			params: { message: { role: 'user', messageId: delegation_id, parts: [{ kind: 'text', text: 'summarise' }], metadata: { delegation_id } } },
		});
		expect(platform.activity.find((row) => row.workspace_id === worker)).toMatchObject({ activity_type: 'a2a_receive', source_id: lead });
	});

	test('a reply completes it: the delegate row is completed and a delegate_result row carries the text', async () => {
		const { platform } = setup(org(agents.reply('the summary')));
		const { delegation_id } = (await send(platform, delegatePath, { headers: asLead, body: { target_id: worker, task: 'summarise' } })).json as { delegation_id: string };
		await platform.settled();
		const [result, request] = await delegations(platform);
		expect(result).toMatchObject({ type: 'delegation', status: 'completed', delegation_id, response_preview: 'the summary', summary: 'Delegation completed (the summary)' });
		expect(request).toMatchObject({ status: 'completed', delegation_id, summary: `Delegating to ${worker}`, target_id: worker, source_id: lead });
		expect(withoutActivity(platform).map((event) => event.event)).toEqual(['DELEGATION_SENT', 'DELEGATION_STATUS', 'DELEGATION_COMPLETE']);
	});

	test('the reply text is the first text part of a Task artifact when the result has no parts', async () => {
		const { platform } = setup(org(agents.task('from the artifact')));
		await send(platform, delegatePath, { headers: asLead, body: { target_id: worker, task: 'x' } });
		await platform.settled();
		expect((await delegations(platform))[0]).toMatchObject({ response_preview: 'from the artifact' });
	});

	test('while it runs the delegate row is dispatched', async () => {
		const { platform, clock } = setup(org(agents.slow(1000, 'late')));
		await send(platform, delegatePath, { headers: asLead, body: { target_id: worker, task: 'x' } });
		await clock.run(0);
		expect(await delegations(platform)).toEqual([expect.objectContaining({ status: 'dispatched' })]);
		await clock.run(1000);
		await platform.settled();
		expect((await delegations(platform))[0]).toMatchObject({ status: 'completed', response_preview: 'late' });
	});

	test('a target the hierarchy forbids fails it with the proxy\'s error and a failed delegate_result row', async () => {
		const { platform } = setup(org());
		const { delegation_id } = (await send(platform, delegatePath, { headers: asLead, body: { target_id: stranger, task: 'x' } })).json as { delegation_id: string };
		await platform.settled();
		const [result, request] = await delegations(platform);
		const error = 'access denied: workspaces cannot communicate per hierarchy rules';
		expect(result).toEqual(expect.objectContaining({ status: 'failed', summary: 'Delegation failed', error }));
		expect(result).not.toHaveProperty('delegation_id');
		expect(request).toMatchObject({ status: 'failed', delegation_id, error });
		expect(platform.events.at(-1)).toMatchObject({ event: 'DELEGATION_FAILED', payload: { delegation_id, error } });
	});

	test('a 502 is retried once after 8 s on the platform clock, and the retry can complete it', async () => {
		const { platform, clock } = setup(org(agents.sequence({ unreachable: true }, 'second time lucky')));
		await send(platform, delegatePath, { headers: asLead, body: { target_id: worker, task: 'x' } });
		await clock.run(7_999);
		expect(await delegations(platform)).toEqual([expect.objectContaining({ status: 'dispatched' })]);
		await clock.run(1);
		await platform.settled();
		expect((await delegations(platform))[0]).toMatchObject({ status: 'completed', response_preview: 'second time lucky' });
		expect(clock.pendingTimers).toBe(0);
	});

	test('a 503 restarting is retried; a second failure fails the delegation', async () => {
		let calls = 0;
		const { platform, clock } = setup(org(() => (calls++, { status: 503 })));
		platform.update(worker, { container: 'dead' });
		await send(platform, delegatePath, { headers: asLead, body: { target_id: worker, task: 'x' } });
		await clock.run(8_000);
		await platform.settled();
		expect(calls).toBe(2);
		expect(platform.activity.filter((row) => row.workspace_id === worker)).toHaveLength(1);
		expect((await delegations(platform))[0]).toMatchObject({ status: 'failed', error: 'workspace agent unreachable — container restart triggered' });
	});

	test('a busy 503 (restarting the agent, message maybe delivered) is not retried', async () => {
		const { platform, clock } = setup(org(agents.restarting()));
		await send(platform, delegatePath, { headers: asLead, body: { target_id: worker, task: 'x' } });
		await clock.run(0);
		await platform.settled();
		expect(clock.sleeps).not.toContain(8_000);
		expect((await delegations(platform))[0]).toMatchObject({ status: 'failed', error: 'workspace agent restarting — retry after a short backoff' });
	});

	test('a busy target queues it; a heartbeat drain completes it with the reply, via the queue', async () => {
		const { platform } = setup(org(agents.sequence({ busy: true }, 'drained reply')));
		const { delegation_id } = (await send(platform, delegatePath, { headers: asLead, body: { target_id: worker, task: 'x' } })).json as { delegation_id: string };
		await platform.settled();
		const [queued, request] = await delegations(platform);
		expect(queued).toMatchObject({ status: 'queued', delegation_id, response_preview: `{"queued": true, "delegation_id": "${delegation_id}"}` });
		expect(request).toMatchObject({ status: 'queued' });
		await send(platform, '/registry/heartbeat', { headers: bearer('worker-token'), body: { workspace_id: worker } });
		await platform.settled();
		const rows = await delegations(platform);
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatchObject({ status: 'completed', delegation_id, response_preview: 'drained reply' });
		expect(rows[1]).toMatchObject({ status: 'completed' });
		expect(platform.events.at(-1)).toMatchObject({ event: 'DELEGATION_COMPLETE', payload: { via: 'queue_drain', delegation_id } });
	});

	test('a poll-mode target completes it at once, with the queued answer as its text', async () => {
		const { platform } = setup(org());
		platform.update(worker, { deliveryMode: 'poll' });
		await send(platform, delegatePath, { headers: asLead, body: { target_id: worker, task: 'x' } });
		await platform.settled();
		const [result] = await delegations(platform);
		expect(result?.['status']).toBe('completed');
		expect(JSON.parse(String(result?.['response_preview']))).toEqual({ status: 'queued', delivery_mode: 'poll', method: 'message/send' });
		expect(platform.activity.find((row) => row.workspace_id === worker)).toMatchObject({ method: 'message/send', source_id: lead });
	});

	test('the admin token may delegate for a workspace; the turn still comes from that workspace', async () => {
		const callers: (string | null)[] = [];
		const { platform } = setup(org((_request, context) => (callers.push(context.callerId), 'ok')));
		expect((await send(platform, delegatePath, { headers: canvas, body: { target_id: worker, task: 'x' } })).status).toBe(202);
		await platform.settled();
		expect(callers).toEqual([lead]);
	});

	test('settled() leaves no timer running', async () => {
		const { platform, clock } = setup(org());
		await send(platform, delegatePath, { headers: asLead, body: { target_id: worker, task: 'x' } });
		await platform.settled();
		expect(clock.pendingTimers).toBe(0);
	});
});
