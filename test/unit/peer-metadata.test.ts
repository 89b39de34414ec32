// Python: SEED-MCP-TESTS enrichment cases E1–E9 (spec §7.2, behaviour §5.4), plus single-flight and the LRU bound.
import { describe, expect, test } from 'vitest';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { PEER_ID, PLATFORM_URL } from '../helpers/ids.js';
import { hangingFetch, json, networkError, scriptedFetch } from '../helpers/scripted-fetch.js';

const record = { id: PEER_ID, url: 'http://ws-111111111111:8000', name: 'Researcher', role: 'research' };
const ttlMs = 300_000;

describe('getPeerMetadata', () => {
	test('E1: a push without a peer id (canvas user) gets no metadata, no card URL and no request', async () => {
		const fetch = scriptedFetch(json(record));
		const { client } = testClient(fetch.fetch);
		expect(await client.getPeerMetadata('')).toBeNull();
		expect(client.agentCardUrl('')).toBeNull();
		expect(fetch.calls).toHaveLength(0);
	});

	test('E2: a fresh cache entry answers without a request, and the card URL ends with /registry/discover/<id>', async () => {
		const fetch = scriptedFetch(json(record));
		const { client } = testClient(fetch.fetch);
		await client.getPeerMetadata(PEER_ID);
		const calls = fetch.calls.length;
		expect(await client.getPeerMetadata(PEER_ID)).toMatchObject({ name: 'Researcher', role: 'research' });
		expect(fetch.calls).toHaveLength(calls);
		expect(client.agentCardUrl(PEER_ID)).toBe(`${PLATFORM_URL}/registry/discover/${PEER_ID}`);
	});

	test('E3: two pushes arriving together on a cache miss make exactly one request and both get the fetched name', async () => {
		let answer!: () => void;
		const answered = new Promise<void>((resolve) => (answer = resolve));
		const fetch = scriptedFetch(async () => {
			await answered;
			return json(record);
		});
		const { client } = testClient(fetch.fetch);
		const first = client.getPeerMetadata(PEER_ID);
		const second = client.getPeerMetadata(PEER_ID);
		// One event-loop turn lets both lookups reach the registry if they are going to; the
		// request stays unanswered, so neither of them can have been served by a cache hit.
		await new Promise((resolve) => setImmediate(resolve));
		expect(fetch.inFlight).toBe(1);
		expect(client.peekPeerMetadata(PEER_ID)).toBeUndefined();
		answer();
		expect((await Promise.all([first, second])).map((peer) => peer?.name)).toEqual(['Researcher', 'Researcher']);
		expect(fetch.calls).toHaveLength(1);
	});

	test('E4: a registry failure degrades to null while the card URL is still available', async () => {
		const { client } = testClient(scriptedFetch(json({ error: 'lookup failed' }, 500)).fetch);
		expect(await client.getPeerMetadata(PEER_ID)).toBeNull();
		expect(client.agentCardUrl(PEER_ID)).toBe(`${PLATFORM_URL}/registry/discover/${PEER_ID}`);
	});

	test('E5: a registry failure is remembered, so a second lookup makes no request', async () => {
		const fetch = scriptedFetch(json({ error: 'lookup failed' }, 500));
		const { client } = testClient(fetch.fetch);
		await client.getPeerMetadata(PEER_ID);
		await client.getPeerMetadata(PEER_ID);
		expect(fetch.calls).toHaveLength(1);
	});

	test('E6: a network failure is remembered as a null entry', async () => {
		const fetch = scriptedFetch(networkError());
		const { client } = testClient(fetch.fetch);
		expect(await client.getPeerMetadata(PEER_ID)).toBeNull();
		expect(client.peekPeerMetadata(PEER_ID)).toBeNull();
		expect(await client.getPeerMetadata(PEER_ID)).toBeNull();
		expect(fetch.calls).toHaveLength(1);
	});

	test('E7: an entry older than the TTL is fetched again and the fresh values win', async () => {
		const fetch = scriptedFetch(json(record), json({ ...record, name: 'Renamed' }));
		const { client, clock } = testClient(fetch.fetch);
		await client.getPeerMetadata(PEER_ID);
		clock.advance(ttlMs + 60_000);
		expect((await client.getPeerMetadata(PEER_ID))?.name).toBe('Renamed');
		expect(fetch.calls).toHaveLength(2);
	});

	test('E8: an invalid peer id skips the lookup', async () => {
		const fetch = scriptedFetch(json(record));
		const { client } = testClient(fetch.fetch);
		expect(await client.getPeerMetadata('not-a-uuid')).toBeNull();
		expect(client.agentCardUrl('not-a-uuid')).toBeNull();
		expect(fetch.calls).toHaveLength(0);
	});

	test('E9: a path-traversal peer id is refused before any request', async () => {
		const fetch = scriptedFetch(json(record));
		const { client } = testClient(fetch.fetch);
		expect(await client.getPeerMetadata('../../foo')).toBeNull();
		expect(client.agentCardUrl('../../foo')).toBeNull();
		expect(fetch.calls).toHaveLength(0);
	});

	test('an entry is fresh strictly before the TTL and stale at it', async () => {
		const fetch = scriptedFetch(json(record));
		const { client, clock } = testClient(fetch.fetch);
		await client.getPeerMetadata(PEER_ID);
		clock.advance(ttlMs - 1);
		expect(client.peekPeerMetadata(PEER_ID)).toMatchObject({ name: 'Researcher' });
		clock.advance(1);
		expect(client.peekPeerMetadata(PEER_ID)).toBeUndefined();
	});

	test('concurrent misses for one id share a single request', async () => {
		const fetch = scriptedFetch(json(record));
		const { client } = testClient(fetch.fetch);
		const results = await Promise.all(Array.from({ length: 100 }, () => client.getPeerMetadata(PEER_ID)));
		expect(fetch.calls).toHaveLength(1);
		expect(new Set(results).size).toBe(1);
	});

	test('mixed-case and padded spellings of one id share the cache entry', async () => {
		const fetch = scriptedFetch(json(record));
		const { client } = testClient(fetch.fetch);
		await client.getPeerMetadata(PEER_ID.toUpperCase());
		expect(await client.getPeerMetadata(` ${PEER_ID} `)).toMatchObject({ name: 'Researcher' });
		expect(client.peekPeerMetadata(PEER_ID.toUpperCase())).toMatchObject({ name: 'Researcher' });
		expect(fetch.calls).toHaveLength(1);
	});

	test('uses the 2 s metadata timeout and caches the timeout as a failure', async () => {
		const fetch = hangingFetch();
		const { client, clock } = testClient(fetch.fetch);
		expect(await drive(client.getPeerMetadata(PEER_ID), clock)).toBeNull();
		expect(clock.now()).toBe(2000);
		expect(client.peekPeerMetadata(PEER_ID)).toBeNull();
	});

	test('a record that fails validation is remembered as a failure', async () => {
		const { client } = testClient(scriptedFetch(json({ name: 'no id' })).fetch);
		expect(await client.getPeerMetadata(PEER_ID)).toBeNull();
		expect(client.peekPeerMetadata(PEER_ID)).toBeNull();
	});

	test('keeps at most maxEntries, evicting the least recently used', async () => {
		const ids = ['a', 'b', 'c', 'd'].map((letter) => `${letter.repeat(8)}-1111-1111-1111-111111111111`);
		const fetch = scriptedFetch((request) => json({ id: request.url.split('/').pop(), name: 'x' }));
		const { client } = testClient(fetch.fetch, { peerCache: { maxEntries: 3 } });
		for (const id of ids.slice(0, 3)) await client.getPeerMetadata(id);
		client.peekPeerMetadata(ids[0] ?? '');
		await client.getPeerMetadata(ids[3] ?? '');
		expect(ids.map((id) => client.peekPeerMetadata(id) !== undefined)).toEqual([true, false, true, true]);
	});
});

describe('peekPeerMetadata', () => {
	test('is undefined before any lookup and for invalid ids', () => {
		const { client } = testClient(scriptedFetch(json(record)).fetch);
		expect(client.peekPeerMetadata(PEER_ID)).toBeUndefined();
		expect(client.peekPeerMetadata('../x')).toBeUndefined();
	});

	test('is undefined while a lookup is still in flight', async () => {
		const { client, clock } = testClient(hangingFetch().fetch);
		const pending = client.getPeerMetadata(PEER_ID);
		expect(client.peekPeerMetadata(PEER_ID)).toBeUndefined();
		await drive(pending, clock);
	});
});

describe('a record of another peer', () => {
	const other = { ...record, id: '33333333-3333-3333-3333-333333333333' };

	test('discoverPeer gives null, logged, for a record whose id is a different peer', async () => {
		const errors: string[] = [];
		const { client, clock } = testClient(scriptedFetch(json(other)).fetch, { logger: { error: (line) => errors.push(line) } });
		expect(await drive(client.discoverPeer(PEER_ID), clock)).toBeNull();
		expect(errors.join('\n')).toContain('33333333-3333-3333-3333-333333333333');
	});

	test('getPeerMetadata gives null for a record whose id is a different peer', async () => {
		const { client, clock } = testClient(scriptedFetch(json(other)).fetch);
		expect(await drive(client.getPeerMetadata(PEER_ID), clock)).toBeNull();
	});

	test('discoverPeer accepts its own record with the id in upper case', async () => {
		const { client, clock } = testClient(scriptedFetch(json({ ...record, id: PEER_ID.toUpperCase() })).fetch);
		expect(await drive(client.discoverPeer(PEER_ID), clock)).toMatchObject({ name: 'Researcher' });
	});
});
