// Python: TestDiscoverPeer (spec §7.1 #2–#7, behaviour §5.3)
import { describe, expect, test } from 'vitest';
import { testClient } from '../../helpers/client.js';
import { INVALID_PEER_IDS, PEER_ID, PLATFORM_URL, WORKSPACE_ID } from '../../helpers/ids.js';
import { json, networkError, scriptedFetch } from '../../helpers/scripted-fetch.js';

const record = { id: PEER_ID, url: 'http://ws-111111111111:8000', name: 'Peer' };

describe('discoverPeer', () => {
	test('returns the JSON body unchanged on 200 (test_success_returns_json_on_200)', async () => {
		const { client } = testClient(scriptedFetch(json(record)).fetch);
		expect(await client.discoverPeer(PEER_ID)).toEqual(record);
	});

	test('returns null for a non-200 answer (test_non_200_returns_none)', async () => {
		const { client } = testClient(scriptedFetch(json({ error: 'workspace not found' }, 404)).fetch);
		expect(await client.discoverPeer(PEER_ID)).toBeNull();
	});

	test('returns null for 403 (test_403_returns_none)', async () => {
		const { client } = testClient(scriptedFetch(json({ error: 'not authorized to discover this workspace' }, 403)).fetch);
		expect(await client.discoverPeer(PEER_ID)).toBeNull();
	});

	test('swallows a network failure and returns null (test_exception_returns_none)', async () => {
		const { client, logs } = testClient(scriptedFetch(networkError()).fetch);
		expect(await client.discoverPeer(PEER_ID)).toBeNull();
		expect(logs).toContainEqual(expect.stringMatching(/^error Discovery failed for 1111.*ECONNREFUSED/));
	});

	test.each(INVALID_PEER_IDS)('returns null for the invalid id %j without any request (test_invalid_peer_id_returns_none_without_http)', async (id) => {
		const fetch = scriptedFetch(json(record));
		const { client } = testClient(fetch.fetch);
		expect(await client.discoverPeer(id)).toBeNull();
		expect(fetch.calls).toHaveLength(0);
	});

	test('makes one GET to the discover URL with X-Workspace-ID (test_request_uses_correct_url_and_header)', async () => {
		const fetch = scriptedFetch(json(record));
		const { client } = testClient(fetch.fetch);
		await client.discoverPeer(PEER_ID);
		expect(fetch.calls).toHaveLength(1);
		expect(fetch.calls[0]).toMatchObject({ method: 'GET', url: `${PLATFORM_URL}/registry/discover/${PEER_ID}` });
		expect(fetch.calls[0]?.headers['x-workspace-id']).toBe(WORKSPACE_ID);
	});

	test('uses the canonical lower-case id in the URL', async () => {
		const fetch = scriptedFetch(json(record));
		const { client } = testClient(fetch.fetch);
		await client.discoverPeer(`  ${PEER_ID.toUpperCase()} `);
		expect(fetch.calls[0]?.url).toBe(`${PLATFORM_URL}/registry/discover/${PEER_ID}`);
	});

	test('returns null when the 200 body is not a peer record', async () => {
		const { client } = testClient(scriptedFetch(json(['not', 'a', 'record'])).fetch);
		expect(await client.discoverPeer(PEER_ID)).toBeNull();
	});
});
