// Token provider semantics carried over from platform_auth (spec §7.3), as they apply to an injected provider.
import { describe, expect, test } from 'vitest';
import { ConfigError, type TokenSource } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { PEER_ID } from '../helpers/ids.js';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';

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

	test('a provider value with a line break is refused before any request, without repeating it', async () => {
		const fetch = scriptedFetch(record);
		const { client } = testClient(fetch.fetch, { token: () => 'abc\r\nX-Injected: 1' });
		const outcome = await client.sendMessage(PEER_ID, 'hi');
		expect(outcome.status === 'failed' && outcome.error).toBeInstanceOf(ConfigError);
		expect(outcome.status === 'failed' && outcome.error.message).not.toContain('abc');
		expect(fetch.calls).toHaveLength(0);
	});
});
