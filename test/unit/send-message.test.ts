import { describe, expect, test } from 'vitest';
import { AgentError, formatA2AError, HttpError, InvalidMessageError, JsonRpcError, ResponseValidationError, UnexpectedResponseError } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { FIRST_REQUEST_ID, PEER_ID, PLATFORM_URL, TOKEN, WORKSPACE_ID } from '../helpers/ids.js';
import { json, networkError, scriptedFetch, type Step } from '../helpers/scripted-fetch.js';

const target = `${PLATFORM_URL}/workspaces/${PEER_ID}/a2a`;
const message = (text: string) => json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, result: { kind: 'message', role: 'agent', messageId: 'm', parts: [{ kind: 'text', text }] } });

async function send(steps: Step[], input: Parameters<ReturnType<typeof testClient>['client']['sendMessage']>[1] = 'hello') {
	const fetch = scriptedFetch(...steps);
	const { client, clock, logs } = testClient(fetch.fetch);
	const outcome = await drive(client.sendMessage(PEER_ID, input), clock);
	return { outcome, calls: fetch.calls, clock, logs };
}

describe('sendMessage request', () => {
	test('posts the message/send envelope to the proxy with identity and auth headers', async () => {
		const { calls } = await send([message('hi')]);
		expect(calls[0]).toMatchObject({ method: 'POST', url: target });
		expect(calls[0]?.headers).toMatchObject({
			'content-type': 'application/json',
			'x-workspace-id': WORKSPACE_ID,
			authorization: `Bearer ${TOKEN}`,
		});
		expect(calls[0]?.json).toEqual({
			jsonrpc: '2.0',
			id: '00000000-0000-4000-8000-000000000002',
			method: 'message/send',
			params: { message: { role: 'user', messageId: '00000000-0000-4000-8000-000000000001', parts: [{ kind: 'text', text: 'hello' }] } },
		});
	});

	test('keeps the JSON-RPC id and the messageId the same on every retry', async () => {
		const { calls } = await send([networkError(), networkError(), message('ok')]);
		expect(calls).toHaveLength(3);
		expect(new Set(calls.map((call) => call.body)).size).toBe(1);
	});

	test('sends given parts and message metadata', async () => {
		const parts = [
			{ kind: 'text' as const, text: 'see attached' },
			{ kind: 'file' as const, file: { uri: 'workspace:/tmp/a.csv', name: 'a.csv', mimeType: 'text/csv' } },
			{ kind: 'data' as const, data: { rows: 3 } },
		];
		const { calls } = await send([message('ok')], { parts, metadata: { delegation_id: 'd-1' } });
		expect(calls[0]?.json).toMatchObject({ params: { message: { parts, metadata: { delegation_id: 'd-1' } } } });
	});

	test.each([
		[{ parts: [] }, 'parts', 'must hold at least one part'],
		[{ parts: [{ kind: 'text', text: 5 }] }, 'parts.0.text', 'Invalid type'],
		[{ parts: [{ kind: 'video' }] }, 'parts.0.kind', 'Invalid kind: Expected "text", "file" or "data" but received "video"'],
		[{ nope: true }, 'parts', 'Invalid key'],
		[42, 'message', 'must be a string or { parts, metadata? }'],
	])('refuses the message %j with an InvalidMessageError naming %s, without a request', async (input, field, problem) => {
		const { outcome, calls } = await send([message('ok')], input as never);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 0, error: { name: 'InvalidMessageError', field } });
		expect(outcome.status === 'failed' && outcome.error.message).toContain(problem);
		expect(calls).toHaveLength(0);
	});

	// Updated for addendum §4.1: the proxy reads 16 MiB (it cut bodies at 1 MiB) and refuses larger ones with 413.
	test('refuses a message larger than the 16 MiB the proxy accepts, without a request', async () => {
		const { outcome, calls } = await send([message('ok')], 'x'.repeat(16 << 20));
		expect(outcome.status === 'failed' && outcome.error).toBeInstanceOf(InvalidMessageError);
		expect(outcome.status === 'failed' && outcome.error.message).toMatch(/bytes as JSON; the platform proxy accepts at most 16777216/);
		expect(calls).toHaveLength(0);
	});

	test('sends a message of more than 1 MiB whole (addendum §4.1)', async () => {
		const { outcome, calls } = await send([message('ok')], 'x'.repeat(2 << 20));
		expect(outcome.status).toBe('replied');
		expect(calls[0]?.body.length).toBeGreaterThan(2 << 20);
	});

	test('uses the per-call timeout for each attempt', async () => {
		const fetch = scriptedFetch((request) => new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason))));
		const { client, clock } = testClient(fetch.fetch, { retry: { maxAttempts: 1 } });
		const outcome = await drive(client.sendMessage(PEER_ID, 'x', { timeoutMs: 1234 }), clock);
		expect(outcome.status === 'failed' && formatA2AError(outcome.error)).toBe(`[A2A_ERROR] ReadTimeout: timed out after 1234 ms [target=${target}]`);
		expect(clock.now()).toBe(1234);
	});
});

describe('sendMessage outcomes', () => {
	test('a Message reply: all text parts joined with newlines, parts, files, result and attempts', async () => {
		const result = {
			kind: 'message',
			parts: [
				{ kind: 'text', text: 'line one' },
				{ kind: 'file', file: { uri: 'workspace:/out/report.pdf', name: 'report.pdf', mimeType: 'application/pdf' } },
				{ type: 'text', text: 'line two' },
			],
		};
		const { outcome } = await send([json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, result })]);
		expect(outcome).toEqual({
			status: 'replied',
			text: 'line one\nline two',
			parts: [
				{ kind: 'text', text: 'line one' },
				{ kind: 'file', file: { uri: 'workspace:/out/report.pdf', name: 'report.pdf', mimeType: 'application/pdf' } },
				{ kind: 'text', text: 'line two' },
			],
			files: [{ uri: 'workspace:/out/report.pdf', name: 'report.pdf', mimeType: 'application/pdf' }],
			result,
			attempts: 1,
			messageId: '00000000-0000-4000-8000-000000000001',
		});
	});

	test('a Task reply: text from the artifacts and the status message, with the task state', async () => {
		const task = {
			kind: 'task',
			id: 't-1',
			status: { state: 'completed', message: { parts: [{ kind: 'text', text: 'done' }] } },
			artifacts: [{ parts: [{ type: 'text', text: 'summary' }] }, { parts: [{ kind: 'text', text: 'details' }] }],
		};
		const { outcome } = await send([json({ result: task })]);
		expect(outcome).toMatchObject({ status: 'replied', text: 'summary\ndetails\ndone', taskState: 'completed' });
	});

	test.each([
		['a v1 {message} wrapper', { message: { parts: [{ text: 'wrapped' }] } }, 'wrapped'],
		['a v1 {task} wrapper', { task: { status: { state: 'TASK_STATE_COMPLETED' }, artifacts: [{ parts: [{ text: 'wrapped task' }] }] } }, 'wrapped task'],
		['a string result', 'plain', 'plain'],
	])('reads %s', async (_name, result, text) => {
		const { outcome } = await send([json({ result })]);
		expect(outcome).toMatchObject({ status: 'replied', text });
	});

	test('a reply starting "Agent error:" is an AgentError', async () => {
		const { outcome } = await send([message('Agent error: RuntimeError boom')]);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 1 });
		expect(outcome.status === 'failed' && outcome.error).toBeInstanceOf(AgentError);
		expect(outcome.status === 'failed' && formatA2AError(outcome.error)).toBe('[A2A_ERROR] Agent error: RuntimeError boom');
	});

	test('a task that ended failed is an AgentError carrying its text', async () => {
		const { outcome } = await send([json({ result: { status: { state: 'failed', message: { parts: [{ kind: 'text', text: 'quota' }] } } } })]);
		expect(outcome.status === 'failed' && outcome.error.message).toBe('Agent error: task failed: quota');
	});

	test('a JSON-RPC error is a JsonRpcError with code and data, not retried', async () => {
		const { outcome, calls } = await send([json({ error: { code: -32602, message: 'bad params', data: { field: 'x' } } })]);
		expect(outcome.status === 'failed' && outcome.error).toBeInstanceOf(JsonRpcError);
		expect(outcome).toMatchObject({ error: { code: -32602, data: { field: 'x' }, message: 'bad params' } });
		expect(calls).toHaveLength(1);
	});

	// Updated for addendum §4.3 row 27: the outcome carries what the platform said, its message included.
	test('202 {queued:true} is a queued outcome with its queue id, depth and the platform message', async () => {
		const { outcome } = await send([json({ queued: true, queue_id: 'q-1', queue_depth: 2, message: 'workspace agent busy — request queued' }, 202)]);
		expect(outcome).toEqual({
			status: 'queued',
			queueId: 'q-1',
			queueDepth: 2,
			platformMessage: 'workspace agent busy — request queued',
			attempts: 1,
			messageId: '00000000-0000-4000-8000-000000000001',
		});
	});

	test('a queued body with a malformed member is a ResponseValidationError naming it', async () => {
		const { outcome } = await send([json({ queued: true, queue_id: 7 }, 202)]);
		expect(outcome.status === 'failed' && outcome.error).toBeInstanceOf(ResponseValidationError);
		expect(outcome).toMatchObject({ error: { issues: [expect.objectContaining({ path: 'queue_id' })] } });
	});

	test('the poll-mode {status:"queued"} answer is a queued outcome with its delivery mode', async () => {
		const { outcome } = await send([json({ status: 'queued', delivery_mode: 'poll', method: 'message/send' })]);
		expect(outcome).toMatchObject({ status: 'queued', deliveryMode: 'poll' });
	});

	test('sendText reports a queued message with the [A2A_QUEUED] sentinel', async () => {
		const fetch = scriptedFetch(json({ queued: true, queue_id: 'q', queue_depth: 1 }, 202));
		const { client } = testClient(fetch.fetch);
		expect(await client.sendText(PEER_ID.toUpperCase(), 'hi')).toBe(`[A2A_QUEUED] target=${PEER_ID} method=message/send`);
	});

	test('a platform refusal is an HttpError with the status and the platform message, not retried', async () => {
		const { outcome, calls } = await send([json({ error: 'access denied: workspaces cannot communicate per hierarchy rules' }, 403)]);
		expect(outcome.status === 'failed' && outcome.error).toBeInstanceOf(HttpError);
		expect(outcome).toMatchObject({ error: { status: 403, platformError: 'access denied: workspaces cannot communicate per hierarchy rules' } });
		expect(outcome.status === 'failed' && formatA2AError(outcome.error)).toBe(
			`[A2A_ERROR] HTTP 403: access denied: workspaces cannot communicate per hierarchy rules [target=${target}]`,
		);
		expect(calls).toHaveLength(1);
	});

	test.each([400, 401, 402, 404, 500, 502])('HTTP %i is not retried', async (status) => {
		const { calls, outcome } = await send([json({ error: 'x' }, status), message('ok')]);
		expect(calls).toHaveLength(1);
		expect(outcome).toMatchObject({ status: 'failed', error: { status } });
	});

	test('a non-JSON error page is an HttpError without a platform message', async () => {
		const { outcome } = await send([new Response('<html>Bad gateway</html>', { status: 502 })]);
		expect(outcome).toMatchObject({ error: { status: 502, platformError: undefined, message: 'HTTP 502: no error message' } });
	});

	test('a 2xx body that is not JSON is an UnexpectedResponseError', async () => {
		const { outcome } = await send([new Response('<html>hi</html>', { status: 200 })]);
		expect(outcome.status === 'failed' && outcome.error).toBeInstanceOf(UnexpectedResponseError);
		expect(outcome.status === 'failed' && outcome.error.message).toMatch(/^response is not JSON: /);
	});

	test('a JSON array is an unexpected response shape', async () => {
		const { outcome } = await send([json([1, 2])]);
		expect(outcome.status === 'failed' && formatA2AError(outcome.error)).toBe(
			`[A2A_ERROR] unexpected response shape (no result, no error): [1,2] [target=${target}]`,
		);
	});

	test('cuts the payload of an unexpected shape to 200 characters', async () => {
		const { outcome } = await send([json({ other: 'y'.repeat(500) })]);
		const detail = outcome.status === 'failed' ? outcome.error.message : '';
		expect(detail.length).toBe('unexpected response shape (no result, no error): '.length + 200);
	});

	// Updated for addendum §4.3 row 30: a plain {"error": "<string>"} in a 2xx is the platform relaying an agent failure
	// (an AgentError, tested below); a string error inside a JSON-RPC response still fails its schema.
	test.each([
		['a numeric result', { result: 5 }, 'result'],
		['a JSON-RPC response with a string error', { jsonrpc: '2.0', error: 'boom' }, 'error'],
	])('%s is a ResponseValidationError naming the field', async (_name, body, path) => {
		const { outcome } = await send([json(body)]);
		expect(outcome.status === 'failed' && outcome.error).toBeInstanceOf(ResponseValidationError);
		expect(outcome).toMatchObject({ error: { issues: [expect.objectContaining({ path })] } });
	});
});

describe('sendMessage reads the size limits the platform names (addendum §4.1)', () => {
	test("the platform's 413 is an HttpError with its max_bytes, not retried (§4.3 row 1)", async () => {
		const body = { error: 'request body exceeds 16777216 byte limit: A2A body exceeds size limit', truncated: true, max_bytes: 16_777_216 };
		const { outcome, calls } = await send([json(body, 413), message('ok')]);
		expect(outcome.status === 'failed' && outcome.error).toBeInstanceOf(HttpError);
		expect(outcome).toMatchObject({ error: { status: 413, maxBytes: 16_777_216, platformError: body.error } });
		expect(calls).toHaveLength(1);
	});

	test('a reply too large for the platform to relay is an HttpError with max_bytes 67108864 (§4.3 row 29)', async () => {
		const body = { error: 'response body exceeds 67108864 byte limit: A2A body exceeds size limit', delivery_confirmed: true, truncated: true, max_bytes: 67_108_864 };
		const { outcome } = await send([json(body, 502)]);
		expect(outcome).toMatchObject({ error: { status: 502, maxBytes: 67_108_864, body: { truncated: true } } });
	});
});

describe('sendMessage reads a failure the platform relays in a 2xx', () => {
	test('a 2xx {"error": "<string>"} without JSON-RPC is an AgentError with the platform text (addendum §4.3 row 30)', async () => {
		const { outcome, calls } = await send([json({ error: 'boom' })]);
		expect(outcome.status === 'failed' && outcome.error).toBeInstanceOf(AgentError);
		expect(outcome.status === 'failed' && formatA2AError(outcome.error)).toBe('[A2A_ERROR] Agent error: boom');
		expect(calls).toHaveLength(1);
	});
});

describe('sendMessage waits for what the platform asks', () => {
	test('retries a hibernation 503 after its Retry-After', async () => {
		const waking = json({ error: 'workspace is waking from hibernation — retry in ~15 seconds', waking: true, retry_after: 15 }, 503, { 'retry-after': '15' });
		const { outcome, clock, calls } = await send([waking, message('awake')]);
		expect(outcome).toMatchObject({ status: 'replied', text: 'awake', attempts: 2 });
		expect(calls).toHaveLength(2);
		expect(clock.now()).toBe(15_000);
	});

	test('takes the wait from the body retry_after when there is no header', async () => {
		const { outcome, clock } = await send([json({ error: 'busy', busy: true, retry_after: 30 }, 503), message('ok')]);
		expect(outcome.status).toBe('replied');
		expect(clock.now()).toBe(30_000);
	});

	test('reads a Retry-After HTTP date against the response Date header', async () => {
		const limited = json({ error: 'rate limit exceeded' }, 429, { date: 'Tue, 24 Nov 2026 10:00:00 GMT', 'retry-after': 'Tue, 24 Nov 2026 10:00:07 GMT' });
		const { outcome, clock } = await send([limited, message('ok')]);
		expect(outcome.status).toBe('replied');
		expect(clock.now()).toBe(7000);
	});

	test('caps a platform wait at 60 s', async () => {
		const { clock } = await send([json({ error: 'rate limit exceeded' }, 429, { 'retry-after': '3600' }), message('ok')]);
		expect(clock.now()).toBe(60_000);
	});

	test('takes the wait from the body retry_after_seconds when there is neither header nor retry_after (addendum §4.3 row 22)', async () => {
		const reRegistering = json({ error: 'workspace re-registering — please retry in 30 seconds', detail: 'x', retry_after_seconds: 30 }, 503);
		const { outcome, clock } = await send([reRegistering, message('ok')]);
		expect(outcome).toMatchObject({ status: 'replied', attempts: 2 });
		expect(clock.now()).toBe(30_000);
	});

	test('prefers the Retry-After header, then retry_after, to retry_after_seconds', async () => {
		const both = json({ error: 'busy', retry_after: 5, retry_after_seconds: 30 }, 503);
		const { clock } = await send([both, message('ok')]);
		expect(clock.now()).toBe(5000);
	});

	test('retries a 503 restarting that names no wait on the normal backoff (addendum §4.3 rows 21, 24)', async () => {
		const restarting = json({ error: 'workspace agent unreachable — container restart triggered', restarting: true }, 503);
		const { outcome, clock } = await send([restarting, restarting, message('ok')]);
		expect(outcome).toMatchObject({ status: 'replied', attempts: 3 });
		expect(clock.now()).toBe(1000 + 2000);
	});

	test('does not retry a 503 that asks for no wait', async () => {
		const { calls, outcome } = await send([json({ error: 'workspace has no URL', status: 'offline' }, 503), message('ok')]);
		expect(calls).toHaveLength(1);
		expect(outcome).toMatchObject({ status: 'failed', error: { status: 503 } });
	});

	test('gives up at once when the asked wait does not fit in the budget', async () => {
		const fetch = scriptedFetch(json({ error: 'busy' }, 503, { 'retry-after': '30' }), message('ok'));
		const { client, clock } = testClient(fetch.fetch, { retry: { budgetMs: 20_000 } });
		const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 1, error: { status: 503, retryAfterMs: 30_000 } });
		expect(clock.now()).toBe(0);
		expect(outcome.status === 'failed' && formatA2AError(outcome.error)).toBe(`[A2A_ERROR] HTTP 503: busy (retry_after=30s) [target=${target}]`);
	});
});

describe('sendMessage retry reporting', () => {
	test('logs each retry like the Python client and tells onRetry', async () => {
		const fetch = scriptedFetch(networkError('ECONNREFUSED'), message('ok'));
		const { client, clock, logs } = testClient(fetch.fetch);
		const events: string[] = [];
		await drive(client.sendMessage(PEER_ID, 'x', { onRetry: (event) => events.push(`${event.attempt}/${event.maxAttempts} ${event.delayMs}`) }), clock);
		expect(events).toEqual(['1/5 1000']);
		expect(logs).toContain(`warn sendMessage: transient ConnectError on attempt 1/5, retrying in 1.0s (target=${target})`);
	});

	test('a failed outcome counts every attempt', async () => {
		const { outcome } = await send([networkError('ECONNRESET', 'read ECONNRESET')]);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 5, error: { attempts: 5, kind: 'RemoteProtocolError' } });
	});
});
