import { describe, expect, test } from 'vitest';
import { agents, type AgentHandler, type DevWorkspace } from '../../src/dev/index.js';
import { as, id, messageSend, send, setup } from './helpers.js';

const target = id(1);
const a2a = `/workspaces/${target}/a2a`;

function withAgent(agent: string | AgentHandler, extra: Partial<DevWorkspace> = {}): DevWorkspace[] {
	return [{ id: target, name: 'Target', tokens: ['target-token'], agent, ...extra }];
}

/** A self-call: the target's own token, so no hierarchy or canvas rules get in the way. */
const self = as(target, 'target-token');

describe('POST /workspaces/:id/a2a: in-process agent replies', () => {
	// uuid-1 is the activity row the turn is recorded in as it arrives (addendum §4.3 row 12).
	test('a string reply is a Message with one text part, echoing the request id', async () => {
		const { platform } = setup(withAgent(agents.echo()));
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hello', 'm-1', 42) });
		expect(answer.status).toBe(200);
		expect(answer.headers.get('Content-Type')).toBe('application/json');
		expect(answer.json).toEqual({
			jsonrpc: '2.0',
			id: 42,
			result: { kind: 'message', messageId: 'uuid-2', role: 'agent', parts: [{ kind: 'text', text: 'echo: hello' }] },
		});
	});

	test('a Task reply gets kind, id and contextId filled in', async () => {
		const { platform } = setup(withAgent(agents.task('findings', 'working')));
		const answer = await send(platform, a2a, { headers: self, body: messageSend('research') });
		expect(answer.json).toEqual({
			jsonrpc: '2.0',
			id: 'request-1',
			result: {
				kind: 'task',
				id: 'uuid-3',
				contextId: 'uuid-4',
				status: { state: 'working' },
				artifacts: [{ artifactId: 'uuid-2', parts: [{ kind: 'text', text: 'findings' }] }],
			},
		});
	});

	test('parts and raw results are sent as given', async () => {
		const parts = [{ kind: 'data', data: { a: 1 } }];
		const { platform } = setup(withAgent(agents.sequence({ parts }, { result: 'plain string' })));
		expect((await send(platform, a2a, { headers: self, body: messageSend('1') })).json).toMatchObject({ result: { kind: 'message', parts } });
		expect((await send(platform, a2a, { headers: self, body: messageSend('2') })).json).toEqual({ jsonrpc: '2.0', id: 'request-1', result: 'plain string' });
	});

	test('an "Agent error: …" reply is an ordinary 200 Message', async () => {
		const { platform } = setup(withAgent(agents.agentError('boom')));
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ result: { parts: [{ kind: 'text', text: 'Agent error: boom' }] } });
	});

	test('a JSON-RPC error survives the proxy with HTTP 200', async () => {
		const { platform } = setup(withAgent(agents.jsonRpcError(-32603, 'Internal error: model quota exhausted')));
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ jsonrpc: '2.0', id: 'request-1', error: { code: -32603, message: 'Internal error: model quota exhausted' } });
	});

	test('an agent 500 with a JSON-RPC error object becomes 500 {"error":"Internal Server Error"}', async () => {
		const body = { jsonrpc: '2.0', id: 'request-1', error: { code: -32603, message: 'lost' } };
		const { platform } = setup(withAgent(agents.httpStatus(500, body)));
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.status).toBe(500);
		expect(answer.json).toEqual({ error: 'Internal Server Error' });
		expect(answer.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
	});

	test("an agent's top-level string error passes through with its status", async () => {
		const { platform } = setup(withAgent(agents.httpStatus(429, { error: 'slow down' })));
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.status).toBe(429);
		expect(answer.json).toEqual({ error: 'slow down' });
	});

	test('an agent 3xx is a failure too, named by its status text', async () => {
		const { platform } = setup(withAgent(agents.httpStatus(302)));
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.status).toBe(302);
		expect(answer.json).toEqual({ error: 'Found' });
	});

	test('an agent 2xx body passes through byte for byte with its status', async () => {
		const { platform } = setup(withAgent(agents.httpStatus(201, { anything: ['goes'] })));
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.status).toBe(201);
		expect(answer.text).toBe('{"anything":["goes"]}');
		expect(answer.headers.get('Content-Type')).toBe('application/json');
	});

	// Updated for addendum §4.3 row 29: the body now also says whether it was cut and the 64 MiB cap.
	test('a lost response body answers 502 with delivery_confirmed true, truncated false and max_bytes', async () => {
		const { platform } = setup(withAgent(() => ({ readFailure: true })));
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.status).toBe(502);
		expect(answer.json).toEqual({ error: 'failed to read agent response', delivery_confirmed: true, truncated: false, max_bytes: 67108864 });
	});

	test('an unreachable agent answers 502 failed to reach workspace agent', async () => {
		const { platform } = setup(withAgent(() => ({ unreachable: true })));
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.status).toBe(502);
		expect(answer.json).toEqual({ error: 'failed to reach workspace agent' });
	});

	test('a behaviour that throws is a crashing agent: 500', async () => {
		const { platform } = setup(
			withAgent(() => {
				throw new Error('bug');
			}),
		);
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.status).toBe(500);
		expect(answer.json).toEqual({ error: 'Internal Server Error' });
	});

	// Updated for addendum §4.3 row 27: the native_session 503 is gone; a busy agent is always queued.
	test('a busy agent that declared the session capability is queued like any other (no native_session 503)', async () => {
		const { platform } = setup(withAgent(agents.busy(), { capabilities: { session: true } }));
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.status).toBe(202);
		expect(answer.headers.get('Retry-After')).toBeNull();
		expect(platform.queue).toHaveLength(1);
	});

	test('a slow agent answers once the platform clock has moved on', async () => {
		const { platform, clock } = setup(withAgent(agents.slow(5_000, 'done')));
		const pending = send(platform, a2a, { headers: self, body: messageSend('hi') });
		await clock.run(5_000);
		expect((await pending).json).toMatchObject({ result: { parts: [{ text: 'done' }] } });
	});

	test('an agent silent for the idle timeout counts as busy: the request is queued', async () => {
		const { platform, clock } = setup(withAgent(() => new Promise<never>(() => {})), { idleTimeoutMs: 1_000 });
		const pending = send(platform, a2a, { headers: self, body: messageSend('hi') });
		await clock.run(1_000);
		const answer = await pending;
		expect(answer.status).toBe(202);
		expect(platform.queue).toHaveLength(1);
	});

	// Updated for addendum §4.1: X-Timeout never bounds the dispatch; it only lifts the 30-minute ceiling.
	test('X-Timeout does not shorten the dispatch: the agent answers after it has passed', async () => {
		const { platform, clock } = setup(withAgent(agents.slow(10_000, 'late')));
		const pending = send(platform, a2a, { headers: { ...self, 'X-Timeout': '2' }, body: messageSend('hi') });
		await clock.run(10_000);
		const answer = await pending;
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ result: { parts: [{ text: 'late' }] } });
	});

	test('a workspace caller is cut off after 30 minutes, even when the idle timeout is longer (addendum §4.4)', async () => {
		const { platform, clock } = setup(withAgent(agents.slow(40 * 60_000, 'too late')), { idleTimeoutMs: 60 * 60_000 });
		const pending = send(platform, a2a, { headers: self, body: messageSend('hi') });
		await clock.run(30 * 60_000);
		expect((await pending).status).toBe(202);
	});

	test('X-Timeout lifts the 30-minute ceiling of a workspace caller (addendum §4.1)', async () => {
		const { platform, clock } = setup(withAgent(agents.slow(40 * 60_000, 'worth the wait')), { idleTimeoutMs: 60 * 60_000 });
		const pending = send(platform, a2a, { headers: { ...self, 'X-Timeout': '5' }, body: messageSend('hi') });
		await clock.run(40 * 60_000);
		expect((await pending).status).toBe(200);
	});

	test('the idle timeout defaults to 30 minutes (addendum §4.4)', async () => {
		const { platform, clock } = setup(withAgent(() => new Promise<never>(() => {})));
		const pending = send(platform, a2a, { headers: { ...self, 'X-Timeout': '5' }, body: messageSend('hi') });
		await clock.run(30 * 60_000 - 1);
		expect(clock.pendingTimers).toBe(1);
		await clock.run(1);
		expect((await pending).status).toBe(202);
	});

	test('every dispatch is logged as an a2a_receive activity row on the target', async () => {
		const { platform } = setup(withAgent(agents.echo()));
		await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(platform.activity).toEqual([
			expect.objectContaining({
				workspace_id: target,
				activity_type: 'a2a_receive',
				source_id: target,
				target_id: target,
				method: 'message/send',
				summary: 'message/send → Target',
				status: 'ok',
				request_body: messageSend('hi'),
				response_body: expect.objectContaining({ result: expect.anything() }) as unknown,
				created_at: '2026-05-01T12:00:00.000Z',
			}),
		]);
	});
});
