// The rows of the addendum's §4.3 table up to the dispatch (rows 1–16), each as a client sees it.
import { describe, expect, test } from 'vitest';
import { agents, type AgentHandler, type DevWorkspace, type JsonRpcRequest } from '../../src/dev/index.js';
import { as, canvas, id, messageSend, origin, send, setup } from './helpers.js';

const lead = id(1);
const target = id(2);
const a2a = `/workspaces/${target}/a2a`;
const fromLead = as(lead, 'lead-token');

function org(extra: Partial<DevWorkspace> = {}, leadExtra: Partial<DevWorkspace> = {}): DevWorkspace[] {
	return [
		{ id: lead, name: 'Lead', tokens: ['lead-token'], ...leadExtra },
		{ id: target, name: 'Target', parentId: lead, tokens: ['target-token'], agent: agents.echo(), ...extra },
	];
}

function recorder(): { agent: AgentHandler; seen: JsonRpcRequest[] } {
	const seen: JsonRpcRequest[] = [];
	return { seen, agent: (request) => (seen.push(request), 'ok') };
}

describe('POST /workspaces/:id/a2a: outcomes before the dispatch (addendum §4.3 rows 1–16)', () => {
	test('row 1: a body over 16 MiB answers 413 with truncated and max_bytes, before any auth', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a, { body: 'x'.repeat(16 * 1024 * 1024 + 1) });
		expect(answer.status).toBe(413);
		expect(answer.json).toEqual({ error: 'request body exceeds 16777216 byte limit: A2A body exceeds size limit', truncated: true, max_bytes: 16777216 });
	});

	test('row 1: a body of exactly 16 MiB is read', async () => {
		const { platform } = setup(org());
		const envelope = JSON.stringify(messageSend('hi'));
		const body = envelope + ' '.repeat(16 * 1024 * 1024 - envelope.length);
		expect((await send(platform, a2a, { headers: fromLead, body })).status).toBe(200);
	});

	test('row 1: a body that cannot be read answers 400 with the read error', async () => {
		const { platform } = setup(org());
		const broken = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new TextEncoder().encode('{"jsonrpc"'));
				controller.error(new TypeError('terminated'));
			},
		});
		const request = new Request(`${origin}${a2a}`, { method: 'POST', headers: fromLead, body: broken, duplex: 'half' } as RequestInit);
		const response = await platform.fetch(request);
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ error: 'unexpected EOF' });
	});

	test('row 4: a human whose body is not a JSON object answers 400 invalid A2A body', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a, { headers: canvas, body: '[1,2]' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'invalid A2A body' });
	});

	test('row 8: the 402 lists every exceeded period, hourly to monthly', async () => {
		const budgets = { monthly: { limit: 10, spent: 10 }, hourly: { limit: 1, spent: 2 }, daily: { limit: 5, spent: 4 }, weekly: { limit: 7, spent: 7 } };
		const { platform } = setup(org({ budgets }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(402);
		expect(answer.json).toEqual({ error: 'workspace budget limit exceeded', exceeded_periods: ['hourly', 'weekly', 'monthly'] });
	});

	test('row 8: the budget stops canvas-class callers too', async () => {
		const { platform } = setup(org({ budgets: { daily: { limit: 1, spent: 1 } } }));
		expect((await send(platform, a2a, { headers: canvas, body: messageSend('hi') })).json).toMatchObject({ exceeded_periods: ['daily'] });
	});

	test('row 9: a message with neither parts nor content answers 400 naming both, with a hint', async () => {
		const { platform } = setup(org());
		const body = { jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: { role: 'user', messageId: 'm' } } };
		const answer = await send(platform, a2a, { headers: fromLead, body });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: "params.message must contain either 'parts' (v0.3) or 'content' (v0.2 compat)", hint: expect.any(String) as unknown });
	});

	test('row 9: a content that is neither a string nor an array answers 400 invalid params.message.content type', async () => {
		const { platform } = setup(org());
		const body = { jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: { content: 7 } } };
		expect((await send(platform, a2a, { headers: fromLead, body })).json).toEqual({ error: 'invalid params.message.content type', hint: expect.any(String) as unknown });
	});

	test('row 9: a v0.2 message is brought to v0.3: content becomes parts, type becomes kind, role defaults to user', async () => {
		const { agent, seen } = recorder();
		const { platform } = setup(org({ agent }));
		const body = (message: Record<string, unknown>) => ({ jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: { messageId: 'm', ...message } } });
		await send(platform, a2a, { headers: fromLead, body: body({ content: 'plain' }) });
		await send(platform, a2a, { headers: fromLead, body: body({ content: [{ type: 'text', text: 'typed' }], role: 'agent' }) });
		expect(seen.map((request) => (request.params as { message: unknown }).message)).toEqual([
			{ messageId: 'm', role: 'user', parts: [{ kind: 'text', text: 'plain' }] },
			{ messageId: 'm', role: 'agent', parts: [{ kind: 'text', text: 'typed' }] },
		]);
	});

	test('row 9: a canvas-class message/send without a contextId gets canvas-<target id>; a human gets identity metadata', async () => {
		const { agent, seen } = recorder();
		const { platform } = setup(org({ agent }));
		await send(platform, a2a, { headers: canvas, body: messageSend('hi') });
		expect(seen[0]?.params).toMatchObject({
			message: { contextId: `canvas-${target}` },
			metadata: { source: 'canvas_user', user_identity_status: 'UNAUTHENTICATED' },
		});
	});

	test('row 9: a workspace caller gets neither', async () => {
		const { agent, seen } = recorder();
		const { platform } = setup(org({ agent }));
		await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(seen[0]).toEqual(messageSend('hi'));
	});

	test('row 10: a workspace that may not delegate answers 403 tool call failed for message/send', async () => {
		const { platform } = setup(org({}, { canDelegate: false }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: 'tool call failed' });
	});

	test('row 10: other methods, and calls to itself, are not delegation', async () => {
		const { platform } = setup(org({ canDelegate: false }, { canDelegate: false }));
		expect((await send(platform, a2a, { headers: fromLead, body: { ...messageSend('hi'), method: 'tasks/get' } })).status).toBe(200);
		expect((await send(platform, a2a, { headers: as(target, 'target-token'), body: messageSend('hi') })).status).toBe(200);
	});

	test('row 11: a provisioning platform agent answers 503 warming with Retry-After 5', async () => {
		const { platform } = setup(org({ kind: 'platform', status: 'provisioning' }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(503);
		expect(answer.headers.get('Retry-After')).toBe('5');
		expect(answer.json).toEqual({ error: 'concierge is warming up (verifying management tools) — retry shortly', warming: true, retry_after: 5 });
	});

	test('row 11: the warming agent may call itself', async () => {
		const { platform } = setup(org({ kind: 'platform', status: 'provisioning' }));
		expect((await send(platform, a2a, { headers: as(target, 'target-token'), body: messageSend('hi') })).status).toBe(200);
	});

	test('row 12: a message/send is recorded on the target before it is dispatched', async () => {
		const { platform } = setup(org({ status: 'offline' }));
		platform.setAgent(target, null);
		expect((await send(platform, a2a, { headers: fromLead, body: messageSend('hi', 'm-1') })).status).toBe(503);
		expect(platform.activity).toEqual([expect.objectContaining({ workspace_id: target, source_id: lead, request_body: messageSend('hi', 'm-1') })]);
	});

	test('row 12: a retried message id reuses its row', async () => {
		const { platform } = setup(org());
		await send(platform, a2a, { headers: fromLead, body: messageSend('hi', 'm-1') });
		await send(platform, a2a, { headers: fromLead, body: messageSend('hi', 'm-1') });
		expect(platform.activity).toHaveLength(1);
	});

	test('row 14: a poll-mode target answers 200 queued with the method sent', async () => {
		const { platform } = setup(org({ deliveryMode: 'poll' }));
		const answer = await send(platform, a2a, { headers: fromLead, body: { ...messageSend('hi'), method: 'tasks/get' } });
		expect(answer.json).toEqual({ status: 'queued', delivery_mode: 'poll', method: 'tasks/get' });
	});

	test('row 15: during a platform boot turn a message/send is queued: 200 with queue_id and queue_depth', async () => {
		const { platform } = setup(org({ bootTurn: true }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ status: 'queued', method: 'message/send', queued: true, queue_id: platform.queue[0]?.queueId, queue_depth: 1 });
	});

	test('row 16: a mock runtime answers a synthetic reply instead of its agent', async () => {
		const { platform } = setup(org({ runtime: 'mock' }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('ping', 'm', 9) });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ jsonrpc: '2.0', id: 9, result: { parts: [{ kind: 'text', text: 'mock reply: ping' }] } });
	});
});
