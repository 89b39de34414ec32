// A redirect to another origin must not carry the workspace's credentials or identity there.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createA2AClient, type FetchFunction } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { PEER_ID, TOKEN, WORKSPACE_ID } from '../helpers/ids.js';
import { replyFault, startFaultServer, type FaultServer } from './fault-server.js';
import { expectRun, runFault, targetOf, trackFetch, watchUnhandledRejections } from './harness.js';

watchUnhandledRejections();

let platform: FaultServer;
let elsewhere: FaultServer;

beforeAll(async () => {
	platform = await startFaultServer();
	elsewhere = await startFaultServer(replyFault('from elsewhere'));
});

afterAll(async () => {
	await Promise.all([platform.close(), elsewhere.close()]);
});

const redirectTo = (status: 301 | 302 | 303 | 307 | 308) => ({ kind: 'redirect', status, location: `${elsewhere.url}/steal` }) as const;

/** A fetch that ignores the client's `redirect: 'manual'`, as a careless wrapper or polyfill might. */
const following: FetchFunction = (request) => globalThis.fetch(new Request(request, { redirect: 'follow' }));

describe('redirects to another origin', () => {
	test('307: HttpError, not followed, not retried; the other origin sees nothing', async () => {
		elsewhere.script(replyFault('from elsewhere'));
		const run = await runFault(platform.url, platform, [redirectTo(307)]);
		expectRun(run, {
			status: 'failed',
			error: 'HttpError',
			says: `[A2A_ERROR] HTTP 307: no error message [target=${targetOf(platform.url)}]`,
			attempts: 1,
			requests: 1,
			elapsedMs: 0,
		});
		expect(platform.log[0]?.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'x-workspace-id': WORKSPACE_ID });
		expect(elsewhere.log).toEqual([]);
	});

	test.each([301, 302, 303, 308] as const)('%i: HttpError, not followed; the other origin sees nothing', async (status) => {
		elsewhere.script(replyFault('from elsewhere'));
		const run = await runFault(platform.url, platform, [redirectTo(status)]);
		expect(run.outcome).toMatchObject({ status: 'failed', attempts: 1, error: { name: 'HttpError', status } });
		expect(elsewhere.log).toEqual([]);
	});

	test('the registry calls do not follow either', async () => {
		platform.script(redirectTo(307));
		elsewhere.script(replyFault('from elsewhere'));
		const tracker = trackFetch();
		const { client } = testClient(tracker.fetch, { platformUrl: platform.url });
		expect(await client.listPeers()).toEqual({ peers: [], diagnostic: 'Unexpected platform response: HTTP 307.' });
		expect(await client.discoverPeer(PEER_ID)).toBeNull();
		expect(await client.getPeerMetadata(PEER_ID)).toBeNull();
		expect(await client.getWorkspaceInfo()).toEqual({ error: 'not found' });
		expect(platform.log).toHaveLength(4);
		expect(elsewhere.log).toEqual([]);
	});

	test('the client itself asks for no redirects: every request it hands to fetch says redirect "manual"', async () => {
		platform.script(redirectTo(307));
		const tracker = trackFetch();
		const { client, clock } = testClient(tracker.fetch, { platformUrl: platform.url });
		await drive(client.sendMessage(PEER_ID, 'x'), clock, () => tracker.inFlight > 0);
		await client.listPeers();
		await client.getWorkspaceInfo();
		expect(tracker.redirectModes).toEqual(['manual', 'manual', 'manual']);
	});

	test('forced to follow by its fetch, the other origin gets no Authorization and the client refuses its answer', async () => {
		platform.script(redirectTo(307));
		elsewhere.script(replyFault('from elsewhere'));
		const client = createA2AClient({ workspaceId: WORKSPACE_ID, platformUrl: platform.url, token: TOKEN, fetch: following });
		const outcome = await client.sendMessage(PEER_ID, 'x');
		// The fetch given chose to follow: it carried X-Workspace-ID (fetch itself drops Authorization).
		expect(elsewhere.log).toHaveLength(1);
		expect(elsewhere.log[0]?.headers['authorization']).toBeUndefined();
		// The client still refuses an answer that came from somewhere else.
		expect(outcome).toMatchObject({ status: 'failed', attempts: 1, error: { name: 'UnexpectedResponseError' } });
		expect(outcome.status === 'failed' && outcome.error.message).toBe('the platform answered with a redirect, which is not followed');
	});
});
