// The queue reader against scripted platform answers (addendum §5): what the dev platform does not say.
import { describe, expect, test } from 'vitest';
import { ConfigError, JsonRpcError, ResponseValidationError, UnexpectedResponseError, type WaitOutcome } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { PEER_ID, PLATFORM_URL, TOKEN, WORKSPACE_ID } from '../helpers/ids.js';
import { json, scriptedFetch, type Step } from '../helpers/scripted-fetch.js';

const QUEUE_ID = '33333333-3333-4333-8333-333333333333';
const queued = { queue_id: QUEUE_ID, workspace_id: PEER_ID, status: 'queued', priority: 50, attempts: 0, enqueued_at: '2026-08-14 12:00:00+00' };
const completed = (responseBody: unknown) => json({ ...queued, status: 'completed', attempts: 1, response_body: responseBody });

async function wait(...steps: Step[]): Promise<{ outcome: WaitOutcome; now: number; calls: number }> {
	const fetch = scriptedFetch(...steps);
	const { client, clock } = testClient(fetch.fetch);
	const outcome = await drive(client.waitForReply(PEER_ID, QUEUE_ID), clock);
	return { outcome, now: clock.now(), calls: fetch.calls.length };
}

const errorOf = (outcome: WaitOutcome): Error => {
	if (outcome.status !== 'failed') throw new Error(`expected a failed outcome, got ${JSON.stringify(outcome)}`);
	return outcome.error;
};

describe('getQueuedMessage request', () => {
	test('GETs the queue status route of the peer with the caller identity and the token', async () => {
		const fetch = scriptedFetch(json(queued));
		const { client } = testClient(fetch.fetch);
		await client.getQueuedMessage(PEER_ID.toUpperCase(), ` ${QUEUE_ID.toUpperCase()} `);
		expect(fetch.calls[0]).toMatchObject({ method: 'GET', url: `${PLATFORM_URL}/workspaces/${PEER_ID}/a2a/queue/${QUEUE_ID}`, body: '' });
		expect(fetch.calls[0]?.headers).toMatchObject({ 'x-workspace-id': WORKSPACE_ID, authorization: `Bearer ${TOKEN}` });
	});

	test('a plain 404 (a platform without the queue route) is an HttpError, not "not yet"', async () => {
		const fetch = scriptedFetch(new Response('404 page not found', { status: 404, headers: { 'content-type': 'text/plain' } }));
		const { client } = testClient(fetch.fetch);
		await expect(client.getQueuedMessage(PEER_ID, QUEUE_ID)).rejects.toMatchObject({ name: 'HttpError', status: 404 });
	});

	test.each([
		['without a status', { ...queued, status: undefined }, 'status'],
		['with a status the platform does not have', { ...queued, status: 'paused' }, 'status'],
		['with attempts that are not a number', { ...queued, attempts: '1' }, 'attempts'],
	])('a 200 %s is a ResponseValidationError naming the field', async (_name, body, path) => {
		const { client } = testClient(scriptedFetch(json(body)).fetch);
		const error = await client.getQueuedMessage(PEER_ID, QUEUE_ID).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ResponseValidationError);
		expect(error).toMatchObject({ issues: [expect.objectContaining({ path })] });
	});

	test('a tenant platform without orgId is a ConfigError naming orgId (addendum §2.3)', async () => {
		const body = { error: 'missing tenant routing header', code: 'TENANT_ORG_HEADER_REQUIRED', required_header: 'X-Molecule-Org-Id', detail: 'x' };
		const { client } = testClient(scriptedFetch(json(body, 400)).fetch);
		const error = await client.getQueuedMessage(PEER_ID, QUEUE_ID).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ConfigError);
		expect(error).toMatchObject({ field: 'orgId' });
	});
});

describe('no token in what the queue reader reports', () => {
	test('a platform error that echoes the token is redacted, in getQueuedMessage and in waitForReply', async () => {
		const echoing = json({ error: `access denied for ${TOKEN}`, detail: { seen: TOKEN } }, 403);
		const { client } = testClient(scriptedFetch(echoing).fetch);
		const thrown = await client.getQueuedMessage(PEER_ID, QUEUE_ID).catch((caught: unknown) => caught);
		expect(JSON.stringify({ message: (thrown as Error).message, body: (thrown as { body: unknown }).body })).not.toContain(TOKEN);
		expect((thrown as Error).message).toBe('HTTP 403: access denied for [redacted]');
		const { outcome } = await wait(echoing);
		expect(errorOf(outcome).message).toBe('HTTP 403: access denied for [redacted]');
	});
});

describe('waitForReply reads the kept reply like any other', () => {
	test('a kept JSON-RPC response gives its reply, whatever its id (it answered a request sent earlier)', async () => {
		const { outcome } = await wait(completed({ jsonrpc: '2.0', id: 'an-earlier-request', result: { parts: [{ kind: 'text', text: 'done' }] } }));
		expect(outcome).toMatchObject({ status: 'replied', text: 'done', polls: 1 });
	});

	test('a kept JSON-RPC error is a JsonRpcError', async () => {
		const { outcome } = await wait(completed({ jsonrpc: '2.0', id: 'x', error: { code: -32603, message: 'quota' } }));
		expect(errorOf(outcome)).toBeInstanceOf(JsonRpcError);
		expect(errorOf(outcome)).toMatchObject({ code: -32603, message: 'quota' });
	});

	test('a reply kept as JSON text is read as JSON, other text as the reply text', async () => {
		const asText = await wait(completed(JSON.stringify({ result: { parts: [{ kind: 'text', text: 'from text' }] } })));
		expect(asText.outcome).toMatchObject({ status: 'replied', text: 'from text' });
		const plain = await wait(completed('just words'));
		expect(plain.outcome).toMatchObject({ status: 'replied', text: 'just words', parts: [{ kind: 'text', text: 'just words' }] });
	});

	test('completed without a response_body is an UnexpectedResponseError: the platform kept no reply (addendum §11.7b)', async () => {
		const { outcome } = await wait(json({ ...queued, status: 'completed', attempts: 1 }));
		expect(errorOf(outcome)).toBeInstanceOf(UnexpectedResponseError);
		expect(errorOf(outcome).message).toBe(`queued message ${QUEUE_ID} completed without a response_body: the platform kept no reply`);
	});
});

describe('waitForReply pauses', () => {
	test('a 503 that asks for a longer wait than pollMs is waited out before the next poll', async () => {
		const { outcome, now } = await wait(json({ error: 'busy', retry_after: 20 }, 503), completed({ result: 'ok' }));
		expect(outcome).toMatchObject({ status: 'replied', text: 'ok', polls: 2 });
		expect(now).toBe(20_000);
	});

	test('a wait shorter than pollMs does not shorten the pause', async () => {
		const { now } = await wait(json({ error: 'rate limit exceeded', retry_after: 1 }, 429), completed({ result: 'ok' }));
		expect(now).toBe(5000);
	});

	test('an HTTP 500 ends the wait with its error', async () => {
		const { outcome, calls } = await wait(json({ error: 'status fetch failed' }, 500), completed({ result: 'ok' }));
		expect(errorOf(outcome)).toMatchObject({ name: 'HttpError', status: 500, platformError: 'status fetch failed' });
		expect(calls).toBe(1);
	});
});
