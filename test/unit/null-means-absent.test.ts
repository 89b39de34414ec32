// Servers built on the .NET A2A SDK (and others) write every unset field as `null`: the client reads it as absent.
import { describe, expect, test } from 'vitest';
import { extractReply, formatA2AError, JsonRpcError } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { FIRST_REQUEST_ID, PEER_ID, PLATFORM_URL } from '../helpers/ids.js';
import { json, scriptedFetch, type Step } from '../helpers/scripted-fetch.js';

const target = `${PLATFORM_URL}/workspaces/${PEER_ID}/a2a`;
const rpc = (member: Record<string, unknown>) => json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, ...member });

async function send(...steps: Step[]) {
	const fetch = scriptedFetch(...steps);
	const { client, clock } = testClient(fetch.fetch);
	const outcome = await drive(client.sendMessage(PEER_ID, 'hello'), clock);
	return { outcome, calls: fetch.calls, clock };
}

async function sendText(...steps: Step[]): Promise<string> {
	const { client, clock } = testClient(scriptedFetch(...steps).fetch);
	return drive(client.sendText(PEER_ID, 'hello'), clock);
}

/** A Task as a .NET A2A server writes it: every unset member present as null. */
const dotNetTask = {
	kind: 'task',
	id: 'task-1',
	contextId: 'ctx-1',
	status: { state: 'completed', message: null, timestamp: null },
	artifacts: [{ artifactId: 'a-1', name: null, description: null, parts: [{ kind: 'text', text: 'done', metadata: null }], metadata: null, extensions: null }],
	history: null,
	metadata: null,
};

describe('null means absent in A2A replies', () => {
	test('a Task whose artifact part has "metadata": null keeps the part: sendText gives its text', async () => {
		const text = await sendText(rpc({ result: { status: { state: 'completed' }, artifacts: [{ parts: [{ kind: 'text', text: 'done', metadata: null }] }] } }));
		expect(text).toBe('done');
	});

	test('a Task written with every unset member null reads as the same Task without them', async () => {
		const { outcome } = await send(rpc({ result: dotNetTask, error: null }));
		expect(outcome).toMatchObject({ status: 'replied', text: 'done', parts: [{ kind: 'text', text: 'done' }], files: [], taskState: 'completed' });
	});

	test('null members of text, file and data parts are dropped, not kept as null', () => {
		const reply = extractReply({
			kind: 'message',
			parts: [
				{ kind: 'text', text: 'see file', metadata: null },
				{ kind: 'file', file: { uri: 'workspace:/out/a.csv', bytes: null, name: null, mimeType: 'text/csv', size: null }, metadata: null },
				{ kind: 'data', data: { rows: 2 }, metadata: null },
			],
		});
		expect(reply.parts).toStrictEqual([
			{ kind: 'text', text: 'see file' },
			{ kind: 'file', file: { uri: 'workspace:/out/a.csv', mimeType: 'text/csv' } },
			{ kind: 'data', data: { rows: 2 } },
		]);
		expect(reply.files).toStrictEqual([{ uri: 'workspace:/out/a.csv', mimeType: 'text/csv' }]);
	});

	test('a v1.0 part that writes its unset content members as null reads by the member that is set', () => {
		const reply = extractReply({
			message: {
				parts: [
					{ text: null, raw: null, url: 'https://files.example/f.png', data: null, filename: 'f.png', mediaType: null, metadata: null },
					{ text: 'caption', raw: null, url: null, data: null, filename: null, mediaType: null, metadata: null },
				],
			},
			task: null,
		});
		expect(reply.parts).toStrictEqual([
			{ kind: 'file', file: { uri: 'https://files.example/f.png', name: 'f.png' } },
			{ kind: 'text', text: 'caption' },
		]);
		expect(reply.text).toBe('caption');
	});

	test('a text part whose text is null reads as an empty text, as an absent text does', () => {
		expect(extractReply({ parts: [{ kind: 'text', text: null }] }).parts).toStrictEqual([{ kind: 'text', text: '' }]);
	});
});

describe('null means absent in JSON-RPC responses', () => {
	test('"error": null beside a result is no error: the result is the reply', async () => {
		const { outcome } = await send(rpc({ result: { kind: 'message', parts: [{ kind: 'text', text: 'ok' }] }, error: null }));
		expect(outcome).toMatchObject({ status: 'replied', text: 'ok' });
	});

	test('a JSON-RPC error with null code and data is a JsonRpcError without them', async () => {
		const { outcome } = await send(rpc({ result: null, error: { code: null, message: 'model overloaded', data: null } }));
		expect(outcome.status === 'failed' && outcome.error).toBeInstanceOf(JsonRpcError);
		expect(outcome).toMatchObject({ status: 'failed', error: { message: 'model overloaded', code: undefined, data: undefined } });
		expect(outcome.status === 'failed' && formatA2AError(outcome.error)).toBe(`[A2A_ERROR] model overloaded [target=${target}]`);
	});

	test('a JSON-RPC error with a null message and a code says it has no message', async () => {
		const { outcome } = await send(rpc({ error: { code: -32603, message: null, data: null } }));
		expect(outcome.status === 'failed' && formatA2AError(outcome.error)).toBe(`[A2A_ERROR] JSON-RPC error with no message (code=-32603) [target=${target}]`);
	});

	test('"error": null with no result is a body with neither', async () => {
		const { outcome } = await send(rpc({ error: null }));
		expect(outcome).toMatchObject({ status: 'failed', error: { name: 'UnexpectedResponseError' } });
		expect(outcome.status === 'failed' && outcome.error.message).toMatch(/^unexpected response shape \(no result, no error\)/);
	});
});

describe('null means absent in platform bodies', () => {
	test('a 202 queued body with null queue details is a queued outcome without them', async () => {
		const { outcome } = await send(json({ queued: true, queue_id: null, queue_depth: null, message: null }, 202));
		expect(outcome).toStrictEqual({ status: 'queued', attempts: 1, messageId: '00000000-0000-4000-8000-000000000001' });
	});

	test('a poll-mode queued body with null members is a queued outcome', async () => {
		const { outcome } = await send(json({ status: 'queued', delivery_mode: 'poll', method: null }));
		expect(outcome).toMatchObject({ status: 'queued', deliveryMode: 'poll' });
	});

	test('a platform error body with "error": null still gives its retry_after', async () => {
		const { outcome, clock } = await send(json({ error: null, retry_after: 3 }, 503), rpc({ result: 'ok' }));
		expect(outcome).toMatchObject({ status: 'replied', attempts: 2 });
		expect(clock.now()).toBe(3000);
	});

	test('the error string of a platform failure survives a null member beside it', async () => {
		const { outcome } = await send(json({ error: 'access denied: workspaces cannot communicate per hierarchy rules', retry_after: null }, 403));
		expect(outcome).toMatchObject({ status: 'failed', error: { name: 'HttpError', platformError: 'access denied: workspaces cannot communicate per hierarchy rules' } });
	});

	test('peer records and workspace info with every optional field null are read, nulls passed through as the Python client did', async () => {
		const record = { id: PEER_ID, name: null, role: null, status: null, url: null, parent_id: null, tier: null, active_tasks: null, agent_card: null };
		const fetch = scriptedFetch(json(record), json([record]), json({ ...record, runtime: null, last_outbound_at: null }));
		const { client } = testClient(fetch.fetch);
		expect(await client.discoverPeer(PEER_ID)).toEqual(record);
		expect(await client.listPeers()).toEqual({ peers: [record], diagnostic: null });
		expect(await client.getWorkspaceInfo()).toEqual({ ...record, runtime: null, last_outbound_at: null });
	});
});
