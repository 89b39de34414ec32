// No formatted error, log line or thrown message carries the token, whatever the failure echoes back.
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createAgent } from '../../src/agent/index.js';
import { createA2AClient, formatA2AError, type SendOutcome } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { FIRST_REQUEST_ID, PEER_ID } from '../helpers/ids.js';
import { json, networkError, scriptedFetch, type Step } from '../helpers/scripted-fetch.js';
import { leaks, noise, token } from './arbitraries.js';
import { sendAgainst, watchUnhandledRejections } from './harness.js';

watchUnhandledRejections();

/** Failures in which the server (or the network stack) repeats the token back. */
const echoing: Record<string, (echo: string) => Step> = {
	'the platform error string': (echo) => json({ error: echo, detail: { echo } }, 403),
	'a 503 error string with a wait': (echo) => json({ error: echo }, 503, { 'retry-after': '1' }),
	'a JSON-RPC error message and data': (echo) => json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, error: { code: -32000, message: echo, data: { echo, list: [echo] } } }),
	'an unexpected-shape body': (echo) => json({ echo }),
	'a non-JSON 200 body': (echo) => new Response(echo, { status: 200, headers: { 'content-type': 'text/plain' } }),
	'a non-JSON 500 body': (echo) => new Response(echo, { status: 500 }),
	'a 200 body failing validation': (echo) => json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, error: echo }),
	'a 200 error object failing validation': (echo) => json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, error: { code: echo, message: [echo] } }),
	'an agent error reply': (echo) => json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, result: { kind: 'message', parts: [{ kind: 'text', text: `Agent error: ${echo}` }] } }),
	'a response id that is not the request id': (echo) => json({ jsonrpc: '2.0', id: echo, result: { kind: 'message', parts: [{ kind: 'text', text: 'x' }] } }),
	'a failed task': (echo) => json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, result: { kind: 'task', status: { state: 'failed', message: { parts: [{ kind: 'text', text: echo }] } } } }),
	'a network error message': (echo) => networkError('ECONNREFUSED', `connect ECONNREFUSED ${echo}`),
};

describe('no output carries the token', () => {
	test.each(Object.keys(echoing))('when the failure is %s', async (name) => {
		const failing = echoing[name];
		if (!failing) throw new Error(name);
		await fc.assert(
			fc.asyncProperty(token, noise, noise, async (secret, before, after) => {
				const step = failing(before + secret + after);
				const { outcome, logs, client, clock } = await sendAgainst([step], { token: secret });
				const text = await drive(client.sendText(PEER_ID, 'again'), clock);
				const outputs = [text, ...logs];
				if (outcome.status === 'failed') outputs.push(formatA2AError(outcome.error), outcome.error.message);
				expect(outputs.filter((output) => leaks(output, secret))).toEqual([]);
			}),
			{ numRuns: 60 },
		);
	});

	test('in listPeers diagnostics, workspace info errors and discovery logs, whatever the failure', async () => {
		const registryFailure = fc.constantFrom(
			(echo: string): Step => new Response(echo, { status: 200 }),
			(echo: string): Step => json([echo, { id: echo }]),
			(echo: string): Step => json({ id: 5, name: echo, error: echo }),
			(echo: string): Step => json({ error: echo }, 500),
			(echo: string): Step => networkError('ECONNRESET', `read ECONNRESET ${echo}`),
		);
		await fc.assert(
			fc.asyncProperty(token, noise, noise, registryFailure, async (secret, before, after, failing) => {
				const fetch = scriptedFetch(failing(before + secret + after));
				const { client, logs } = testClient(fetch.fetch, { token: secret });
				const outputs = [(await client.listPeers()).diagnostic ?? '', JSON.stringify(await client.getWorkspaceInfo()), ...logs];
				await client.discoverPeer(PEER_ID);
				await client.getPeerMetadata(PEER_ID);
				expect([...outputs, ...logs].filter((output) => leaks(output, secret))).toEqual([]);
			}),
			{ numRuns: 100 },
		);
	});

	test('from a token provider that fails mentioning the token it returned before', async () => {
		await fc.assert(
			fc.asyncProperty(token, noise, async (secret, detail) => {
				let calls = 0;
				const provider = (): string => {
					if (calls++ === 0) return secret;
					throw new Error(`vault refused ${secret}${detail}`);
				};
				const { outcome: first, client, clock, logs } = await sendAgainst([json({ result: 'ok' })], { token: provider });
				expect(first.status).toBe('replied');
				const second = await drive(client.sendMessage(PEER_ID, 'again'), clock);
				expect(second).toMatchObject({ status: 'failed', error: { name: 'ConfigError', field: 'token' } });
				const outputs = [...logs, second.status === 'failed' ? formatA2AError(second.error) : '', (await client.listPeers()).diagnostic ?? ''];
				expect(outputs.filter((output) => leaks(output, secret))).toEqual([]);
			}),
			{ numRuns: 60 },
		);
	});
});

/** The message of what `make` throws; '' when it throws nothing. */
function thrownMessage(make: () => unknown): string {
	try {
		make();
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
	return '';
}

describe('a configured token given in the wrong field is not quoted back', () => {
	const placements = fc.constantFrom(
		(text: string) => ({ workspaceId: text }),
		(text: string) => ({ platformUrl: text }),
		(text: string) => ({ platformUrl: `https://${text}` }),
	);

	test('by createA2AClient', () => {
		fc.assert(
			fc.property(token, noise, noise, placements, (secret, before, after, place) => {
				const message = thrownMessage(() => createA2AClient({ workspaceId: PEER_ID, token: secret, ...place(before + secret + after) }));
				expect(leaks(message, secret)).toBe(false);
			}),
			{ numRuns: 200 },
		);
	});

	test('by sendMessage, getQueuedMessage and delegate, as the peer id', async () => {
		await fc.assert(
			fc.asyncProperty(token, noise, noise, async (secret, before, after) => {
				const given = before + secret + after;
				const client = createA2AClient({ workspaceId: PEER_ID, token: secret, fetch: () => Promise.reject(new Error('nothing is sent')) });
				const agent = createAgent({ workspaceId: PEER_ID, token: secret, fetch: () => Promise.reject(new Error('nothing is sent')) });
				const outcome = await client.sendMessage(given, 'hi');
				const messages = [
					outcome.status === 'failed' ? formatA2AError(outcome.error) : '',
					await client.getQueuedMessage(given, PEER_ID).then(() => '', (error: Error) => error.message),
					await client.getQueuedMessage(PEER_ID, given).then(() => '', (error: Error) => error.message),
					await agent.delegate(given, 'task').then(() => '', (error: Error) => error.message),
				];
				expect(messages.filter((message) => leaks(message, secret))).toEqual([]);
			}),
			{ numRuns: 100 },
		);
	});

	test('by createAgent, the push URL included', () => {
		const agentPlacements = fc.oneof(placements, fc.constant((text: string) => ({ deliveryMode: 'push' as const, onMessage: () => 'ok', url: text })));
		fc.assert(
			fc.property(token, noise, noise, agentPlacements, (secret, before, after, place) => {
				const message = thrownMessage(() => createAgent({ workspaceId: PEER_ID, token: secret, ...place(before + secret + after) }));
				expect(leaks(message, secret)).toBe(false);
			}),
			{ numRuns: 200 },
		);
	});
});

const failure = (outcome: SendOutcome): string => (outcome.status === 'failed' ? formatA2AError(outcome.error) : `not a failure: ${outcome.status}`);

/** The longest run of consecutive token characters found in `text`. */
function longestRun(text: string, secret: string): number {
	for (let length = secret.length; length > 0; length--) {
		for (let start = 0; start + length <= secret.length; start++) if (text.includes(secret.slice(start, start + length))) return length;
	}
	return 0;
}

describe('what the token-free text does not cover', () => {
	test('a provider failing with some other secret in its message: passed on as is (only token values are known)', async () => {
		const provider = (): string => {
			throw new Error('vault login failed for password hunter2-other-secret');
		};
		const { outcome } = await sendAgainst([json({ result: 'ok' })], { token: provider });
		expect(failure(outcome)).toBe('[A2A_ERROR] ConfigError: token provider failed: vault login failed for password hunter2-other-secret');
	});

	test('the token is removed from the values of HttpError.body and JsonRpcError.data', async () => {
		const secret = 'tok-value-secret-0001';
		const http = await sendAgainst([json({ error: `bad ${secret}`, nested: [{ echo: secret }] }, 403)], { token: secret });
		const rpc = await sendAgainst([json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, error: { code: 1, message: secret, data: { echo: secret } } })], { token: secret });
		expect(http.outcome).toMatchObject({ error: { platformError: 'bad [redacted]', body: { error: 'bad [redacted]', nested: [{ echo: '[redacted]' }] } } });
		expect(rpc.outcome).toMatchObject({ error: { message: '[redacted]', data: { echo: '[redacted]' } } });
	});

	test('the token is removed from the keys of HttpError.body and JsonRpcError.data too', async () => {
		const secret = 'tok-key-secret-0001';
		const http = await sendAgainst([json({ error: 'denied', [secret]: true }, 403)], { token: secret });
		const rpc = await sendAgainst([json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, error: { code: 1, message: 'x', data: { [secret]: 1 } } })], { token: secret });
		expect(JSON.stringify(http.outcome.status === 'failed' && http.outcome.error)).not.toContain(secret);
		expect(JSON.stringify(rpc.outcome.status === 'failed' && rpc.outcome.error)).not.toContain(secret);
	});

	test('a token holding a quote or a backslash is removed from the unexpected-shape excerpt, where it is JSON-escaped', async () => {
		const secret = 'tok"quoted\\secret-0001';
		const { outcome } = await sendAgainst([json({ echo: secret })], { token: secret });
		expect(failure(outcome)).not.toContain(JSON.stringify(secret).slice(1, -1));
	});

	test('no run of 8 or more token characters survives in a JSON parse error (send, listPeers, getWorkspaceInfo)', async () => {
		const secret = 'tok_0123456789abcdefXYZ';
		const body = `${secret} is not a valid token`;
		const { outcome } = await sendAgainst([new Response(body)], { token: secret });
		const { client } = testClient(scriptedFetch(new Response(body)).fetch, { token: secret });
		const texts = [failure(outcome), (await client.listPeers()).diagnostic ?? '', JSON.stringify(await client.getWorkspaceInfo())];
		expect(Math.max(...texts.map((text) => longestRun(text, secret)))).toBeLessThan(8);
	});

	test('util.inspect of a failure (what console.error prints) does not show the token through error.cause', async () => {
		const secret = 'tok-cause-secret-0001';
		const { outcome } = await sendAgainst([networkError('ECONNREFUSED', `connect ECONNREFUSED ${secret}`)], { token: secret, retry: { maxAttempts: 1 } });
		expect(failure(outcome)).not.toContain(secret);
		expect(inspect(outcome.status === 'failed' && outcome.error)).not.toContain(secret);
	});
});
