// Token provider semantics carried over from platform_auth (spec §7.3), as they apply to an injected provider.
import { describe, expect, test } from 'vitest';
import { A2AClientError, ConfigError, type TokenSource } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { PEER_ID } from '../helpers/ids.js';
import { json, scriptedFetch, type SeenRequest } from '../helpers/scripted-fetch.js';

const record = json({ id: PEER_ID, url: '', name: 'Peer' });

async function authorizationSent(token: unknown): Promise<string | undefined> {
	const fetch = scriptedFetch(record);
	const { client } = testClient(fetch.fetch, { token: token as string });
	await client.discoverPeer(PEER_ID);
	return fetch.calls[0]?.headers['authorization'];
}

describe('token', () => {
	test('sends no Authorization without a token (P8)', async () => {
		expect(await authorizationSent(undefined)).toBeUndefined();
	});

	test('sends "Bearer <token>" (P9)', async () => {
		expect(await authorizationSent('hello-world')).toBe('Bearer hello-world');
	});

	test('trims surrounding whitespace (P4, P20)', async () => {
		expect(await authorizationSent('  hello-world \n')).toBe('Bearer hello-world');
	});

	test.each(['', '   ', '\t'])('treats the blank token %j as none (P11, P12, P21, P22)', async (blank) => {
		expect(await authorizationSent(blank)).toBeUndefined();
	});

	test('reads a provider function on every request', async () => {
		let current = 'first';
		const fetch = scriptedFetch(record);
		const { client } = testClient(fetch.fetch, { token: () => current });
		await client.discoverPeer(PEER_ID);
		current = 'second';
		await client.discoverPeer(PEER_ID);
		expect(fetch.calls.map((call) => call.headers['authorization'])).toEqual(['Bearer first', 'Bearer second']);
	});

	test('accepts an async provider that may return nothing', async () => {
		expect(await authorizationSent(async () => undefined)).toBeUndefined();
		expect(await authorizationSent(async () => ' async-token ')).toBe('Bearer async-token');
	});

	test('on a 401 calls refresh once and repeats the request once with the new token', async () => {
		let refreshes = 0;
		const source: TokenSource = { get: () => 'stale', refresh: () => (refreshes++, 'fresh') };
		const fetch = scriptedFetch(json({ error: 'invalid workspace auth token' }, 401), record);
		const { client } = testClient(fetch.fetch, { token: source });
		expect(await client.discoverPeer(PEER_ID)).toMatchObject({ id: PEER_ID });
		expect(refreshes).toBe(1);
		expect(fetch.calls.map((call) => call.headers['authorization'])).toEqual(['Bearer stale', 'Bearer fresh']);
	});

	test('repeats a 401 only once even when the refreshed token is refused too', async () => {
		let refreshes = 0;
		const fetch = scriptedFetch(json({ error: 'invalid workspace auth token' }, 401));
		const { client } = testClient(fetch.fetch, { token: { get: () => 'a', refresh: () => (refreshes++, 'b') } });
		const listing = await client.listPeers();
		expect(listing.diagnostic).toContain('HTTP 401');
		expect(refreshes).toBe(1);
		expect(fetch.calls).toHaveLength(2);
	});

	test('does not repeat a 401 when the token cannot refresh', async () => {
		const fetch = scriptedFetch(json({ error: 'missing workspace auth token' }, 401));
		const { client } = testClient(fetch.fetch, { token: () => 'plain' });
		await client.discoverPeer(PEER_ID);
		expect(fetch.calls).toHaveLength(1);
	});

	test('a provider failure becomes a ConfigError naming the token, and no request is made', async () => {
		const fetch = scriptedFetch(record);
		const { client } = testClient(fetch.fetch, {
			token: () => {
				throw new Error('vault sealed');
			},
		});
		const outcome = await client.sendMessage(PEER_ID, 'hi');
		expect(outcome).toMatchObject({ status: 'failed', error: { name: 'ConfigError', field: 'token' } });
		expect(outcome.status === 'failed' && outcome.error.message).toBe('token provider failed: vault sealed');
		expect(fetch.calls).toHaveLength(0);
	});

	test("a provider failing with one of this package's own errors passes it on as it is, unsent", async () => {
		const fetch = scriptedFetch(record);
		const own = new A2AClientError('typed failure of the token source');
		const { client } = testClient(fetch.fetch, {
			token: () => {
				throw own;
			},
		});
		const outcome = await client.sendMessage(PEER_ID, 'hi');
		expect(outcome.status === 'failed' && outcome.error).toBe(own);
		expect(fetch.calls).toHaveLength(0);
	});

	test('a provider value with a line break is refused before any request, without repeating it', async () => {
		const fetch = scriptedFetch(record);
		const { client } = testClient(fetch.fetch, { token: () => 'abc\r\nX-Injected: 1' });
		const outcome = await client.sendMessage(PEER_ID, 'hi');
		expect(outcome.status === 'failed' && outcome.error).toBeInstanceOf(ConfigError);
		expect(outcome.status === 'failed' && outcome.error.message).not.toContain('abc');
		expect(fetch.calls).toHaveLength(0);
	});
});

/** Lets other pending work have a turn: the time a refresh's answer takes to come back. */
const aMoment = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The agent's answer to the request `seen`: a reply carries the id of its request. */
const reply = (seen: SeenRequest): Response =>
	json({ jsonrpc: '2.0', id: (seen.json as { id?: unknown } | undefined)?.id, result: { kind: 'message', role: 'agent', messageId: 'm', parts: [{ kind: 'text', text: 'ok' }] } });

/**
 * An auth server and its token source as they really behave: the server accepts only the newest
 * token, and every refresh mints a new one and revokes the one before as soon as it is asked, then
 * answers a moment later. The token in hand has expired.
 */
function rotatingAuth() {
	const state = { minted: 0, valid: undefined as string | undefined, current: 'token-expired-0000' };
	const source: TokenSource = {
		get: () => state.current,
		refresh: async () => {
			state.minted++;
			const token = `token-minted-${String(state.minted).padStart(4, '0')}`;
			state.valid = token;
			await aMoment();
			state.current = token;
			return token;
		},
	};
	const accepts = (request: Request): boolean => request.headers.get('authorization') === `Bearer ${state.valid}`;
	const answer = (request: Request, seen: SeenRequest): Response => (accepts(request) ? reply(seen) : json({ error: 'invalid caller auth token' }, 401));
	return { state, source, answer };
}

describe('token refresh under concurrency', () => {
	test('concurrent 401s share one refresh, and every request then succeeds with the new token', async () => {
		const auth = rotatingAuth();
		const fetch = scriptedFetch(auth.answer);
		const { client } = testClient(fetch.fetch, { token: auth.source });
		const outcomes = await Promise.all(Array.from({ length: 8 }, () => client.sendMessage(PEER_ID, 'hi')));
		expect(auth.state.minted).toBe(1);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(8).fill('replied'));
	});

	test('a 401 for a token older than the current one repeats with the current token, without a new refresh', async () => {
		const auth = rotatingAuth();
		let releaseLate: () => void = () => {};
		const lateAnswer = new Promise<void>((resolve) => (releaseLate = resolve));
		// The first request's 401 arrives only after the second request has refreshed the token.
		const fetch = scriptedFetch(async (request, seen) => {
			const answer = auth.answer(request, seen);
			await lateAnswer;
			return answer;
		}, auth.answer);
		const { client } = testClient(fetch.fetch, { token: auth.source });
		const late = client.sendMessage(PEER_ID, 'first');
		await aMoment();
		expect(await client.sendMessage(PEER_ID, 'second')).toMatchObject({ status: 'replied' });
		releaseLate();
		expect(await late).toMatchObject({ status: 'replied' });
		expect(auth.state.minted).toBe(1);
		expect(fetch.calls.map((call) => call.headers['authorization'])).toEqual([
			'Bearer token-expired-0000',
			'Bearer token-expired-0000',
			'Bearer token-minted-0001',
			'Bearer token-minted-0001',
		]);
	});

	test('a 401 for the current token refreshes again', async () => {
		const auth = rotatingAuth();
		const fetch = scriptedFetch(auth.answer);
		const { client } = testClient(fetch.fetch, { token: auth.source });
		await client.sendMessage(PEER_ID, 'first');
		auth.state.valid = 'revoked-elsewhere';
		expect(await client.sendMessage(PEER_ID, 'second')).toMatchObject({ status: 'replied' });
		expect(auth.state.minted).toBe(2);
		expect(fetch.calls.map((call) => call.headers['authorization']).slice(2)).toEqual(['Bearer token-minted-0001', 'Bearer token-minted-0002']);
	});

	test('a 401 for a token the provider rotated on its own refreshes, rather than reusing an older refreshed token', async () => {
		const auth = rotatingAuth();
		const fetch = scriptedFetch(auth.answer);
		const { client } = testClient(fetch.fetch, { token: auth.source });
		await client.sendMessage(PEER_ID, 'first');
		// Another process rotated the token, and that token has expired since.
		auth.state.current = 'token-elsewhere-0001';
		auth.state.valid = undefined;
		expect(await client.sendMessage(PEER_ID, 'second')).toMatchObject({ status: 'replied' });
		expect(fetch.calls.map((call) => call.headers['authorization']).slice(2)).toEqual(['Bearer token-elsewhere-0001', 'Bearer token-minted-0002']);
	});

	test('a failed refresh fails every request that shared it, and the next 401 tries again', async () => {
		let refreshes = 0;
		const source: TokenSource = {
			get: () => 'token-expired-0000',
			refresh: async () => {
				refreshes++;
				await aMoment();
				if (refreshes === 1) throw new Error('vault sealed');
				return 'token-minted-0002';
			},
		};
		const fetch = scriptedFetch((request, seen) =>
			request.headers.get('authorization') === 'Bearer token-minted-0002' ? reply(seen) : json({ error: 'invalid caller auth token' }, 401),
		);
		const { client } = testClient(fetch.fetch, { token: source });
		const outcomes = await Promise.all(Array.from({ length: 3 }, () => client.sendMessage(PEER_ID, 'hi')));
		expect(outcomes.map((outcome) => outcome.status === 'failed' && outcome.error.message)).toEqual(Array(3).fill('token provider failed: vault sealed'));
		expect(await client.sendMessage(PEER_ID, 'again')).toMatchObject({ status: 'replied' });
		expect(refreshes).toBe(2);
	});
});
