// A JSON-RPC response answers the request whose id it carries (JSON-RPC 2.0 §5); any other is not our answer.
import { describe, expect, test } from 'vitest';
import { agents, createDevPlatform } from '../../src/dev/index.js';
import { formatA2AError, JsonRpcError, UnexpectedResponseError, type FetchFunction } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { FIRST_REQUEST_ID, PEER_ID, PLATFORM_URL } from '../helpers/ids.js';
import { json, scriptedFetch, type Step } from '../helpers/scripted-fetch.js';

const target = `${PLATFORM_URL}/workspaces/${PEER_ID}/a2a`;
const answer = { kind: 'message', role: 'agent', messageId: 'm-1', parts: [{ kind: 'text', text: 'for you' }] };

async function send(...steps: Step[]) {
	const fetch = scriptedFetch(...steps);
	const { client, clock } = testClient(fetch.fetch);
	const outcome = await drive(client.sendMessage(PEER_ID, 'hello'), clock);
	return { outcome, calls: fetch.calls };
}

describe('a reply belongs to its request', () => {
	test('a result whose id is not the request id is an UnexpectedResponseError, not sent again', async () => {
		const { outcome, calls } = await send(json({ jsonrpc: '2.0', id: 'not-the-request-id', result: answer }));
		expect(outcome.status === 'failed' && outcome.error).toBeInstanceOf(UnexpectedResponseError);
		expect(outcome.status === 'failed' && formatA2AError(outcome.error)).toBe(
			`[A2A_ERROR] response id "not-the-request-id" does not match request id "${FIRST_REQUEST_ID}" [target=${target}]`,
		);
		expect(calls).toHaveLength(1);
	});

	test('sendText never hands another request\'s answer to the agent', async () => {
		const { client, clock } = testClient(scriptedFetch(json({ jsonrpc: '2.0', id: 'not-the-request-id', result: answer })).fetch);
		const text = await drive(client.sendText(PEER_ID, 'hello'), clock);
		expect(text).toMatch(/^\[A2A_ERROR\] response id "not-the-request-id" does not match request id/);
	});

	test.each([
		['a number', 2],
		['the next uuid', '00000000-0000-4000-8000-000000000003'],
		['the id with a space', ` ${FIRST_REQUEST_ID}`],
		['an object', { id: FIRST_REQUEST_ID }],
		['the messageId', '00000000-0000-4000-8000-000000000001'],
	])('the id must be the one sent, exactly: %s is another request\'s', async (_name, id) => {
		const { outcome } = await send(json({ jsonrpc: '2.0', id, result: answer }));
		expect(outcome).toMatchObject({ status: 'failed', error: { name: 'UnexpectedResponseError', status: 200 } });
	});

	test('a JSON-RPC error whose id is another request\'s is an UnexpectedResponseError too', async () => {
		const { outcome } = await send(json({ jsonrpc: '2.0', id: 'not-the-request-id', error: { code: -32603, message: 'someone else failed' } }));
		expect(outcome).toMatchObject({ status: 'failed', error: { name: 'UnexpectedResponseError' } });
	});

	test('a result with a null id is an UnexpectedResponseError: only an error may carry a null id', async () => {
		const { outcome } = await send(json({ jsonrpc: '2.0', id: null, result: answer }));
		expect(outcome).toMatchObject({ status: 'failed', error: { name: 'UnexpectedResponseError' } });
		expect(outcome.status === 'failed' && outcome.error.message).toBe(`response id null does not match request id "${FIRST_REQUEST_ID}"`);
	});

	test('a JSON-RPC error with a null id (the server could not read the request) is that error', async () => {
		const { outcome } = await send(json({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }));
		expect(outcome.status === 'failed' && outcome.error).toBeInstanceOf(JsonRpcError);
		expect(outcome).toMatchObject({ error: { code: -32700, message: 'Parse error' } });
	});

	test('a result with the request id is the reply', async () => {
		const { outcome } = await send(json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, result: answer }));
		expect(outcome).toMatchObject({ status: 'replied', text: 'for you' });
	});

	test('a response without an id is read: the HTTP exchange pairs it with the request, as the Python client relied on', async () => {
		const { outcome } = await send(json({ jsonrpc: '2.0', result: answer }));
		expect(outcome).toMatchObject({ status: 'replied', text: 'for you' });
	});

	test('a body holding both "result": null and an error object is that error', async () => {
		const { outcome } = await send(json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, result: null, error: { code: -32001, message: 'Task not found' } }));
		expect(outcome.status === 'failed' && outcome.error).toBeInstanceOf(JsonRpcError);
		expect(outcome.status === 'failed' && formatA2AError(outcome.error)).toBe(`[A2A_ERROR] Task not found (code=-32001) [target=${target}]`);
	});

	test('an error object beside a result wins: the agent said the call failed', async () => {
		const { outcome } = await send(json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, result: answer, error: { code: -32603, message: 'half done' } }));
		expect(outcome).toMatchObject({ status: 'failed', error: { name: 'JsonRpcError', message: 'half done' } });
	});

	test('the id shown in the error is cut to 100 characters', async () => {
		const { outcome } = await send(json({ jsonrpc: '2.0', id: 'x'.repeat(5000), result: answer }));
		expect(outcome.status === 'failed' && outcome.error.message.length).toBeLessThan(220);
	});
});

describe('the id round-trips through the dev platform', () => {
	const caller = '30000000-0000-4000-8000-000000000001';
	const inProcess = '30000000-0000-4000-8000-000000000002';
	const byUrl = '30000000-0000-4000-8000-000000000003';
	const failing = '30000000-0000-4000-8000-000000000004';

	/** A client of the in-process dev platform that records the id of each request and of each answer. */
	function throughDevPlatform() {
		const platform = createDevPlatform({
			workspaces: [
				{ id: caller, name: 'Caller', tokens: ['tok-caller'] },
				{ id: inProcess, name: 'Echo', parentId: caller, agent: agents.echo() },
				{ id: byUrl, name: 'Remote', parentId: caller, url: 'https://agent.example.com/a2a' },
				{ id: failing, name: 'Failing', parentId: caller, agent: agents.jsonRpcError(-32603, 'model quota exhausted') },
			],
			// The agent behind the URL answers as an A2A server does: with the id of the envelope it got.
			fetch: async (request) => {
				const envelope = (await request.json()) as { id: unknown };
				return Response.json({ jsonrpc: '2.0', id: envelope.id, result: { kind: 'message', role: 'agent', messageId: 'r', parts: [{ kind: 'text', text: 'remote' }] } });
			},
		});
		const ids: { sent: unknown[]; answered: unknown[] } = { sent: [], answered: [] };
		const fetch: FetchFunction = async (request) => {
			ids.sent.push(((await request.clone().json()) as { id: unknown }).id);
			const response = await platform.fetch(request);
			ids.answered.push(((await response.clone().json()) as { id?: unknown }).id);
			return response;
		};
		return { ids, ...testClient(fetch, { workspaceId: caller, platformUrl: 'http://dev.platform', token: 'tok-caller' }) };
	}

	test.each([
		['an in-process agent', inProcess, 'echo: hello'],
		['an agent reached by URL (the envelope is re-marshalled with sorted keys)', byUrl, 'remote'],
	])('%s answers with the id the client sent, and the client reads the reply', async (_name, peer, text) => {
		const { client, clock, ids } = throughDevPlatform();
		const outcome = await drive(client.sendMessage(peer, 'hello'), clock);
		expect(outcome).toMatchObject({ status: 'replied', text });
		expect(ids.sent).toEqual([FIRST_REQUEST_ID]);
		expect(ids.answered).toEqual(ids.sent);
	});

	test('a JSON-RPC error from an agent carries the id the client sent and is a JsonRpcError', async () => {
		const { client, clock, ids } = throughDevPlatform();
		const outcome = await drive(client.sendMessage(failing, 'hello'), clock);
		expect(outcome).toMatchObject({ status: 'failed', error: { name: 'JsonRpcError', message: 'model quota exhausted' } });
		expect(ids.answered).toEqual([FIRST_REQUEST_ID]);
	});
});
