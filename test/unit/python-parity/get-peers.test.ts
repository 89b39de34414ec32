// Python: TestGetPeers and TestGetPeersWithDiagnostic (spec §7.1 #27–#41, behaviour §5.9)
import { describe, expect, test } from 'vitest';
import { testClient } from '../../helpers/client.js';
import { drive } from '../../helpers/fake-clock.js';
import { PEER_ID, WORKSPACE_ID } from '../../helpers/ids.js';
import { hangingFetch, json, networkError, scriptedFetch, type Step } from '../../helpers/scripted-fetch.js';

const peers = [{ id: PEER_ID, name: 'Peer', role: 'researcher', status: 'online', url: '', parent_id: null, tier: 1, active_tasks: 0, agent_card: null }];

async function listPeers(step: Step) {
	const fetch = scriptedFetch(step);
	const { client } = testClient(fetch.fetch);
	return { listing: await client.listPeers(), calls: fetch.calls, client };
}

describe('getPeers', () => {
	test('returns the list on 200 (test_success_returns_list_on_200)', async () => {
		const fetch = scriptedFetch(json(peers));
		const { client } = testClient(fetch.fetch);
		expect(await client.getPeers()).toEqual(peers);
	});

	test('returns [] for a non-200 answer (test_non_200_returns_empty_list)', async () => {
		const { client } = testClient(scriptedFetch(json({ error: 'lookup failed' }, 503)).fetch);
		expect(await client.getPeers()).toEqual([]);
	});

	test('returns [] for 404 (test_404_returns_empty_list)', async () => {
		const { client } = testClient(scriptedFetch(json({ error: 'workspace not found' }, 404)).fetch);
		expect(await client.getPeers()).toEqual([]);
	});

	test('returns [] when the platform cannot be reached (test_exception_returns_empty_list)', async () => {
		const { client } = testClient(scriptedFetch(networkError('ETIMEDOUT', 'connect ETIMEDOUT')).fetch);
		expect(await client.getPeers()).toEqual([]);
	});

	test('requests the peers URL of this workspace (test_request_url_includes_workspace_id)', async () => {
		const { calls } = await listPeers(json(peers));
		expect(calls[0]?.url).toContain(`/registry/${WORKSPACE_ID}/peers`);
	});

	test('sends X-Workspace-ID (test_request_sends_workspace_id_header)', async () => {
		const { calls } = await listPeers(json(peers));
		expect(calls[0]?.headers['x-workspace-id']).toBe(WORKSPACE_ID);
	});

	test('returns the bare list, not a listing (test_get_peers_shim_preserves_bare_list_contract)', async () => {
		const { client } = testClient(scriptedFetch(json(peers)).fetch);
		expect(Array.isArray(await client.getPeers())).toBe(true);
	});
});

describe('listPeers diagnostics', () => {
	test('gives the peers and no diagnostic on 200 (test_200_returns_peers_and_no_diagnostic)', async () => {
		expect((await listPeers(json(peers))).listing).toEqual({ peers, diagnostic: null });
	});

	test('gives an empty list and no diagnostic for 200 [] (test_200_empty_list_returns_no_diagnostic)', async () => {
		expect((await listPeers(json([]))).listing).toEqual({ peers: [], diagnostic: null });
	});

	const authDiagnostic = (status: number): string =>
		`Authentication to platform failed (HTTP ${status}). The workspace bearer token may be invalid — restarting the workspace usually re-mints it.`;

	test('explains an authentication failure for 401 (test_401_returns_auth_diagnostic)', async () => {
		const { listing } = await listPeers(json({ error: 'invalid workspace auth token' }, 401));
		expect(listing).toEqual({ peers: [], diagnostic: authDiagnostic(401) });
	});

	test('explains an authentication failure for 403 (test_403_returns_auth_diagnostic)', async () => {
		const { listing } = await listPeers(json({ error: 'forbidden' }, 403));
		expect(listing).toEqual({ peers: [], diagnostic: authDiagnostic(403) });
	});

	test('explains a missing registration for 404 (test_404_returns_registration_diagnostic)', async () => {
		const { listing } = await listPeers(json({ error: 'workspace not found' }, 404));
		expect(listing.diagnostic).toBe(
			`Workspace ID ${WORKSPACE_ID} is not registered with the platform (HTTP 404). Re-registration via the platform's /registry/register endpoint is needed.`,
		);
	});

	test('names a platform error for 5xx (test_500_returns_platform_error_diagnostic)', async () => {
		expect((await listPeers(json({ error: 'lookup failed' }, 503))).listing.diagnostic).toBe('Platform error: HTTP 503.');
	});

	test('names any other status as unexpected', async () => {
		expect((await listPeers(json({}, 418))).listing.diagnostic).toBe('Unexpected platform response: HTTP 418.');
	});

	test('says the platform cannot be reached on a network failure (test_network_exception_returns_unreachable_diagnostic)', async () => {
		const { listing } = await listPeers(networkError('ETIMEDOUT', 'connection timed out'));
		expect(listing.diagnostic).toBe('Cannot reach platform at http://platform.test:8080: connection timed out');
	});

	test('says the platform cannot be reached when the request times out', async () => {
		const fetch = hangingFetch();
		const { client, clock } = testClient(fetch.fetch);
		const listing = await drive(client.listPeers(), clock);
		expect(listing.diagnostic).toBe('Cannot reach platform at http://platform.test:8080: timed out after 10000 ms');
	});

	test.each([
		[{ peers: [] }, 'dict'],
		['text', 'str'],
		[3, 'int'],
		[1.5, 'float'],
		[true, 'bool'],
		[null, 'NoneType'],
	])('names the Python type of a 200 body that is not a list: %j (test_200_with_non_list_body_returns_diagnostic)', async (body, type) => {
		const { listing } = await listPeers(json(body));
		expect(listing).toEqual({ peers: [], diagnostic: `Platform returned 200 but body was not a list: ${type}` });
	});

	test('reports a 200 body that is not JSON', async () => {
		const { listing } = await listPeers(new Response('<html>oops</html>', { status: 200 }));
		expect(listing.diagnostic).toMatch(/^Platform returned 200 but body was not JSON: /);
	});

	test('reports a list whose entries are not peer records', async () => {
		const { listing } = await listPeers(json([{ name: 'no id' }]));
		expect(listing).toEqual({ peers: [], diagnostic: expect.stringMatching(/^Platform returned 200 but the peer list is invalid: 0\.id: /) });
	});

	test('passes a trimmed q filter to the platform, encoded', async () => {
		const fetch = scriptedFetch(json(peers));
		const { client } = testClient(fetch.fetch);
		await client.listPeers({ q: '  data & ml ' });
		const url = new URL(fetch.calls[0]?.url ?? '');
		expect(url.pathname).toBe(`/registry/${WORKSPACE_ID}/peers`);
		expect([...url.searchParams]).toEqual([['q', 'data & ml']]);
	});
});
