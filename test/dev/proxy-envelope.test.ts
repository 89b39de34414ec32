import { describe, expect, test } from 'vitest';
import type { AgentContext, AgentHandler, DevWorkspace, JsonRpcRequest } from '../../src/dev/index.js';
import { as, canvas, id, messageSend, send, setup } from './helpers.js';

const caller = id(1);
const target = id(2);

/** An agent that remembers what it was sent. */
function recorder(): { agent: AgentHandler; seen: { request: JsonRpcRequest; context: AgentContext }[] } {
	const seen: { request: JsonRpcRequest; context: AgentContext }[] = [];
	return {
		seen,
		agent: (request, context) => {
			seen.push({ request, context });
			return 'ok';
		},
	};
}

function org(agent: AgentHandler): DevWorkspace[] {
	return [
		{ id: caller, name: 'Caller', tokens: ['caller-token'] },
		{ id: target, name: 'Target', parentId: caller, agent },
	];
}

const a2a = `/workspaces/${target}/a2a`;
/** A workspace caller: no canvas defaults or identity metadata are added to what it sends. */
const fromCaller = as(caller, 'caller-token');

describe('POST /workspaces/:id/a2a: envelope normalisation (§4.1)', () => {
	test('a body that is not JSON answers 400 invalid JSON', async () => {
		const { platform } = setup(org(recorder().agent));
		const answer = await send(platform, a2a, { headers: fromCaller, body: '{not json' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'invalid JSON' });
	});

	test('a JSON array is invalid JSON too', async () => {
		const { platform } = setup(org(recorder().agent));
		expect((await send(platform, a2a, { headers: fromCaller, body: '[1,2]' })).json).toEqual({ error: 'invalid JSON' });
	});

	test('an already-wrapped JSON-RPC request keeps its id and is forwarded as is', async () => {
		const { agent, seen } = recorder();
		const { platform } = setup(org(agent));
		const answer = await send(platform, a2a, { headers: fromCaller, body: { ...messageSend('hi', 'm-1', 'caller-id-7'), extra: true } });
		expect(answer.json).toMatchObject({ jsonrpc: '2.0', id: 'caller-id-7' });
		expect(seen[0]?.request).toEqual({ ...messageSend('hi', 'm-1', 'caller-id-7'), extra: true });
	});

	test('a body without jsonrpc is replaced by an envelope with a new id, keeping only method and params', async () => {
		const { agent, seen } = recorder();
		const { platform } = setup(org(agent));
		const params = { message: { role: 'user', messageId: 'm-1', parts: [{ kind: 'text', text: 'hi' }] } };
		await send(platform, a2a, { headers: fromCaller, body: { id: 'dropped', method: 'message/send', params, metadata: { dropped: true } } });
		expect(seen[0]?.request).toEqual({ jsonrpc: '2.0', id: 'uuid-1', method: 'message/send', params });
	});

	test('a shorthand body without params is forwarded with params null', async () => {
		const { agent, seen } = recorder();
		const { platform } = setup(org(agent));
		await send(platform, a2a, { headers: fromCaller, body: { method: 'tasks/get' } });
		expect(seen[0]?.request).toEqual({ jsonrpc: '2.0', id: 'uuid-1', method: 'tasks/get', params: null });
	});

	test('a message without messageId gets one injected', async () => {
		const { agent, seen } = recorder();
		const { platform } = setup(org(agent));
		await send(platform, a2a, { headers: fromCaller, body: { jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: { role: 'user', parts: [] } } } });
		expect(seen[0]?.request).toMatchObject({ id: 1, params: { message: { messageId: 'uuid-1' } } });
	});

	test("the caller's id reaches the agent; the canvas arrives as null", async () => {
		const { agent, seen } = recorder();
		const { platform } = setup(org(agent));
		await send(platform, a2a, { headers: fromCaller, body: messageSend('hi') });
		await send(platform, a2a, { headers: canvas, body: messageSend('hi') });
		expect(seen.map((call) => call.context.callerId)).toEqual([caller, null]);
		expect(seen[0]?.context.workspace).toMatchObject({ id: target, name: 'Target' });
	});

	// Updated for addendum §4.1: the proxy reads 16 MiB (it used to cut the body at 1 MiB).
	test('a message over 1 MiB is read whole and delivered', async () => {
		const { agent, seen } = recorder();
		const { platform } = setup(org(agent));
		const answer = await send(platform, a2a, { headers: fromCaller, body: messageSend('x'.repeat(2 * 1024 * 1024)) });
		expect(answer.status).toBe(200);
		expect(seen[0]?.request).toEqual(messageSend('x'.repeat(2 * 1024 * 1024)));
	});

	test('the agent URL gets the envelope with keys sorted, as Go marshals a map', async () => {
		const bodies: string[] = [];
		const fetch = async (request: Request): Promise<Response> => {
			bodies.push(await request.text());
			return new Response('{"jsonrpc":"2.0","id":"b","result":{}}');
		};
		const { platform } = setup([{ id: target, name: 'Target', url: 'https://agent.example.com', tokens: ['target-token'] }], { fetch });
		await send(platform, a2a, { headers: as(target, 'target-token'), body: '{"params":{"message":{"parts":[],"role":"user"}},"method":"message/send","jsonrpc":"2.0","id":"b"}' });
		expect(bodies[0]).toBe('{"id":"b","jsonrpc":"2.0","method":"message/send","params":{"message":{"messageId":"uuid-1","parts":[],"role":"user"}}}');
	});
});
