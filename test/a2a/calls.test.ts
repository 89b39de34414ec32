// Unary calls over scripted fetch: what goes on the wire, retries by the core's rules, time limits,
// validation of every answer, and the typed errors of both bindings.
import { describe, expect, test } from 'vitest';
import { connectAgent, isA2AProtocolError, isTaskNotFoundError, type ConnectOptions } from '../../src/a2a/index.js';
import { FakeClock, drive } from '../helpers/fake-clock.js';
import { hangingFetch, json, networkError, scriptedFetch, type Step } from '../helpers/scripted-fetch.js';
import { cardV03, cardV1, restUrl, rpcError, rpcResult, rpcUrl, taskV1 } from './fixtures.js';

const rejection = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (error: unknown) => error);
const idOf = (seen: { json: unknown }): unknown => (seen.json as { id?: unknown }).id;
/** The clock's sleeps but the time limits of requests (10 s) and sends (300 s): the waits between attempts. */
const retryWaits = (clock: FakeClock): number[] => clock.sleeps.filter((ms) => ms !== 10_000 && ms !== 300_000);
/** A JSON-RPC answer echoing the request's id. */
const answer = (result: unknown): Step => (_request, seen) => rpcResult(idOf(seen), result);

async function agentWith(steps: Step[], options: ConnectOptions = {}, card = cardV1()) {
	const scripted = scriptedFetch(...steps);
	const agent = await connectAgent(card, { fetch: scripted.fetch, ...options });
	return { agent, calls: scripted.calls, scripted };
}

describe('what send puts on the wire', () => {
	test('v1.0 JSON-RPC: SendMessage with a ROLE_USER message, proto-JSON parts and the configuration', async () => {
		const { agent, calls } = await agentWith([answer({ task: taskV1() })], { uuid: () => 'id-1' });
		await agent.send(
			{ parts: [{ kind: 'text', text: 'hi' }, { kind: 'file', file: { bytes: new Uint8Array([1, 2, 255]), name: 'a.bin', mediaType: 'application/octet-stream' } }, { kind: 'data', data: { n: 1 } }] },
			{ returnImmediately: true, historyLength: 2, contextId: 'ctx-1' },
		);
		expect(calls[0]).toMatchObject({ method: 'POST', url: rpcUrl });
		expect(calls[0]?.headers).toMatchObject({ 'a2a-version': '1.0', 'content-type': 'application/json', accept: 'application/json' });
		expect(calls[0]?.json).toEqual({
			jsonrpc: '2.0',
			id: 'id-1',
			method: 'SendMessage',
			params: {
				message: {
					messageId: 'id-1',
					role: 'ROLE_USER',
					contextId: 'ctx-1',
					parts: [{ text: 'hi' }, { raw: 'AQL/', filename: 'a.bin', mediaType: 'application/octet-stream' }, { data: { n: 1 } }],
				},
				configuration: { returnImmediately: true, historyLength: 2 },
			},
		});
	});

	test('v0.3 JSON-RPC: message/send with kind tags and blocking, the inverse of returnImmediately', async () => {
		const task = { kind: 'task', id: 't', contextId: 'c', status: { state: 'completed' } };
		const { agent, calls } = await agentWith([answer(task)], { uuid: () => 'id-1' }, cardV03());
		const result = await agent.send({ parts: [{ kind: 'file', file: { uri: 'https://files.example.com/a.pdf', name: 'a.pdf', mediaType: 'application/pdf' } }] });
		expect(result).toEqual({ kind: 'task', id: 't', contextId: 'c', status: { state: 'completed' }, artifacts: [], history: [] });
		expect(calls[0]?.headers['a2a-version']).toBe('0.3');
		expect(calls[0]?.json).toEqual({
			jsonrpc: '2.0',
			id: 'id-1',
			method: 'message/send',
			params: {
				message: { kind: 'message', messageId: 'id-1', role: 'user', parts: [{ kind: 'file', file: { uri: 'https://files.example.com/a.pdf', name: 'a.pdf', mimeType: 'application/pdf' } }] },
				configuration: { blocking: true, acceptedOutputModes: [] },
			},
		});
	});

	test('v1.0 HTTP+JSON: getTask is GET /tasks/{id} with historyLength in the query, the id escaped', async () => {
		const { agent, calls } = await agentWith([json(taskV1())], { binding: 'HTTP+JSON' });
		await agent.getTask('a/b', { historyLength: 3 });
		expect(calls[0]).toMatchObject({ method: 'GET', url: `${restUrl}/tasks/a%2Fb?historyLength=3` });
		expect(calls[0]?.headers['accept']).toBe('application/a2a+json, application/json');
	});

	test('an interface with a tenant puts it in the path (HTTP+JSON) and in the params (JSON-RPC)', async () => {
		const card = cardV1({ supportedInterfaces: [{ url: restUrl, protocolBinding: 'HTTP+JSON', protocolVersion: '1.0', tenant: 'acme' }, { url: rpcUrl, protocolBinding: 'JSONRPC', protocolVersion: '1.0', tenant: 'acme' }] });
		const rest = await agentWith([json(taskV1())], {}, card);
		await rest.agent.cancelTask('t1');
		expect(rest.calls[0]).toMatchObject({ method: 'POST', url: `${restUrl}/acme/tasks/t1:cancel` });
		const rpc = await agentWith([answer(taskV1())], { binding: 'JSONRPC' }, card);
		await rpc.agent.cancelTask('t1');
		expect((rpc.calls[0]?.json as { params: unknown }).params).toEqual({ tenant: 'acme', id: 't1' });
	});

	test('listTasks sends the state by its proto name', async () => {
		const { agent, calls } = await agentWith([json({ tasks: [], nextPageToken: '', pageSize: 5, totalSize: 0 })], { binding: 'HTTP+JSON' });
		expect(await agent.listTasks({ status: 'input-required', pageSize: 5 })).toEqual({ tasks: [], pageSize: 5, totalSize: 0 });
		expect(calls[0]?.url).toBe(`${restUrl}/tasks?status=TASK_STATE_INPUT_REQUIRED&pageSize=5`);
	});
});

describe('retries', () => {
	test('send retries a transport failure with the same messageId and a new JSON-RPC id', async () => {
		const clock = new FakeClock();
		const ids = ['m-1', 'rpc-1', 'rpc-2'];
		const { agent, calls } = await agentWith([networkError(), answer({ task: taskV1() })], { clock, uuid: () => ids.shift() ?? 'x', random: () => 0.5 });
		await drive(agent.send('hi'), clock);
		expect(calls.map((call) => (call.json as { id: string; params: { message: { messageId: string } } }).params.message.messageId)).toEqual(['m-1', 'm-1']);
		expect(calls.map(idOf)).toEqual(['rpc-1', 'rpc-2']);
		expect(retryWaits(clock)).toEqual([1000]);
	});

	test('a 429 with Retry-After waits that long, then succeeds', async () => {
		const clock = new FakeClock();
		const { agent, calls } = await agentWith([new Response('slow down', { status: 429, headers: { 'retry-after': '3' } }), answer(taskV1())], { clock });
		expect((await drive(agent.getTask('task-1'), clock)).id).toBe('task-1');
		expect([calls.length, retryWaits(clock)]).toEqual([2, [3000]]);
	});

	test('a protocol error is not retried, and the error says how many attempts were made', async () => {
		const { agent, calls } = await agentWith([(_request, seen) => rpcError(idOf(seen), { code: -32001, message: 'Task not found: x' })]);
		const error = await rejection(agent.getTask('x'));
		expect(isTaskNotFoundError(error)).toBe(true);
		expect([calls.length, (error as { attempts: number }).attempts]).toEqual([1, 1]);
	});

	test('retries stop at maxAttempts and log each retry', async () => {
		const clock = new FakeClock();
		const lines: string[] = [];
		const { agent, calls } = await agentWith([networkError()], { clock, retry: { maxAttempts: 3 }, logger: { warn: (line) => lines.push(line) } });
		const error = await drive(rejection(agent.getTask('x')), clock);
		expect(error).toMatchObject({ name: 'TransportError', kind: 'ConnectError', attempts: 3 });
		expect(calls).toHaveLength(3);
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/^a2a getTask: attempt 1\/3 failed \(TransportError: /);
	});

	test('timeoutMs ends an attempt that gets no answer with a ReadTimeout, leaving no timer behind', async () => {
		const clock = new FakeClock();
		const hanging = hangingFetch();
		const agent = await connectAgent(cardV1(), { fetch: hanging.fetch, clock, retry: { maxAttempts: 1 } });
		const error = await drive(rejection(agent.send('hi', { timeoutMs: 5000 })), clock);
		expect(error).toMatchObject({ name: 'TransportError', kind: 'ReadTimeout' });
		expect([clock.pendingTimers, hanging.inFlight]).toEqual([0, 0]);
	});

	test('an abort rejects at once with the signal reason', async () => {
		const controller = new AbortController();
		const agent = await connectAgent(cardV1(), { fetch: hangingFetch().fetch });
		const sending = rejection(agent.send('hi', { signal: controller.signal }));
		controller.abort(new Error('stop'));
		expect(await sending).toEqual(new Error('stop'));
	});
});

describe('every answer is validated', () => {
	test('a task with an unknown state is a ResponseValidationError naming result.task.status.state', async () => {
		const { agent } = await agentWith([answer({ task: taskV1({ status: { state: 'TASK_STATE_DONE' } }) })]);
		const error = await rejection(agent.send('hi'));
		expect(error).toMatchObject({ name: 'ResponseValidationError' });
		expect((error as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toContain('result.task.status.state');
	});

	test('a part holding two kinds of content is refused', async () => {
		const { agent } = await agentWith([answer(taskV1({ artifacts: [{ artifactId: 'a', parts: [{ text: 'x', url: 'https://e.com' }] }] }))]);
		expect((await rejection(agent.getTask('t'))) as Error).toMatchObject({ name: 'ResponseValidationError', message: expect.stringContaining('Expected exactly one of text, raw, url or data') });
	});

	test('raw bytes that are not base64 are refused; base64url is read', async () => {
		const bad = await agentWith([answer(taskV1({ artifacts: [{ artifactId: 'a', parts: [{ raw: 'not base64!' }] }] }))]);
		expect(await rejection(bad.agent.getTask('t'))).toMatchObject({ name: 'ResponseValidationError', message: expect.stringContaining('Invalid base64') });
		const good = await agentWith([answer(taskV1({ artifacts: [{ artifactId: 'a', parts: [{ raw: '_-8' }] }] }))]);
		const part = (await good.agent.getTask('t')).artifacts[0]?.parts[0];
		expect(part?.kind === 'file' && [...(part.file.bytes ?? [])]).toEqual([255, 239]);
	});

	test('an answer that is not JSON is an UnexpectedResponseError', async () => {
		const { agent } = await agentWith([new Response('<html>oops</html>', { status: 200 })]);
		expect(await rejection(agent.getTask('t'))).toMatchObject({ name: 'UnexpectedResponseError', status: 200 });
	});

	test('a JSON-RPC answer to another request id is refused', async () => {
		const { agent } = await agentWith([rpcResult('someone-else', taskV1())]);
		expect(await rejection(agent.getTask('t'))).toMatchObject({ name: 'UnexpectedResponseError', message: 'the answer is for JSON-RPC request "someone-else", not this one' });
	});

	test('an envelope with neither result nor error is refused', async () => {
		const { agent } = await agentWith([(_request, seen) => json({ jsonrpc: '2.0', id: idOf(seen) })]);
		expect(await rejection(agent.getTask('t'))).toMatchObject({ name: 'ResponseValidationError' });
	});

	test('v1.0 null members read as absent', async () => {
		const { agent } = await agentWith([answer(taskV1({ history: null, metadata: null, status: { state: 'TASK_STATE_WORKING', message: null, timestamp: null } }))]);
		expect(await agent.getTask('t')).toEqual({ kind: 'task', id: 'task-1', contextId: 'ctx-1', status: { state: 'working' }, artifacts: [expect.objectContaining({ artifactId: 'a-1' })], history: [] });
	});
});

describe('errors keep their code and status', () => {
	test('an unknown JSON-RPC code is a bare A2AProtocolError with code, status and data', async () => {
		const { agent } = await agentWith([(_request, seen) => rpcError(idOf(seen), { code: -32602, message: 'bad params', data: [{ reason: 'INVALID_PARAMS' }] })]);
		const error = await rejection(agent.getTask('t'));
		expect(isA2AProtocolError(error)).toBe(true);
		expect(error).toMatchObject({ name: 'A2AProtocolError', code: -32602, status: 200, reason: 'INVALID_PARAMS', message: 'bad params' });
	});

	test('an HTTP+JSON google.rpc.Status is typed by its ErrorInfo reason, with the HTTP status', async () => {
		const body = { error: { code: 400, status: 'FAILED_PRECONDITION', message: 'Task not cancelable: t', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'TASK_NOT_CANCELABLE', domain: 'a2a-protocol.org' }] } };
		const { agent } = await agentWith([json(body, 400)], { binding: 'HTTP+JSON' });
		expect(await rejection(agent.cancelTask('t'))).toMatchObject({ name: 'TaskNotCancelableError', status: 400, reason: 'TASK_NOT_CANCELABLE', code: undefined });
	});

	test('a 500 that is no protocol error is an HttpError', async () => {
		const { agent } = await agentWith([new Response('Internal Server Error', { status: 500 })], { binding: 'HTTP+JSON' });
		expect(await rejection(agent.getTask('t'))).toMatchObject({ name: 'HttpError', status: 500 });
	});

	test('the agent message of an error has header values removed', async () => {
		const { agent } = await agentWith([(_request, seen) => rpcError(idOf(seen), { code: -32603, message: 'token s3cr3t-t0ken-value refused' })], { headers: { Authorization: 'Bearer s3cr3t-t0ken-value' } });
		const error = (await rejection(agent.getTask('t'))) as Error;
		expect(error.message).toBe('token [redacted] refused');
	});
});
