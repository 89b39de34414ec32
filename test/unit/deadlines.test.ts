// Issue 9, item 5: time limits and aborts hold even when fetch ignores its signal (a test double,
// a wrapper that drops it): the connect and every body read race the attempt deadline and the caller.
import { describe, expect, test } from 'vitest';
import { type FetchFunction } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { PEER_ID, PLATFORM_URL } from '../helpers/ids.js';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';
import { macrotask, settledSoon } from '../helpers/settled.js';

const target = `${PLATFORM_URL}/workspaces/${PEER_ID}/a2a`;
/** A fetch that never settles and never looks at its signal. */
const deafFetch: FetchFunction = () => new Promise<Response>(() => {});

/** A body that never ends, ignoring every abort; `cancelled` tells whether the reader gave up on it. */
function endlessBody(first = '{"jsonrpc":"2.0",') {
	const state = { cancelled: false };
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(new TextEncoder().encode(first));
		},
		cancel() {
			state.cancelled = true;
		},
	});
	return { body, state };
}

describe('a fetch that never settles', () => {
	test('a send times out after timeouts.sendMs with a ReadTimeout', async () => {
		const { client, clock } = testClient(deafFetch, { retry: { maxAttempts: 1 }, timeouts: { sendMs: 1000 } });
		const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 1, error: { name: 'TransportError', kind: 'ReadTimeout', message: 'timed out after 1000 ms', target } });
		expect(clock.now()).toBe(1000);
		expect(clock.pendingTimers).toBe(0);
	});

	test('a send retries timed-out attempts and gives up after maxAttempts', async () => {
		let calls = 0;
		const { client, clock } = testClient(
			() => {
				calls++;
				return new Promise<Response>(() => {});
			},
			{ retry: { maxAttempts: 3 }, timeouts: { sendMs: 1000 } },
		);
		const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 3, error: { kind: 'ReadTimeout' } });
		expect(calls).toBe(3);
		// Three attempts of 1 s, backoffs of 1 s and 2 s at the jitter midpoint.
		expect(clock.now()).toBe(6000);
	});

	test("a caller's abort rejects the send at once with its reason", async () => {
		const { client, clock } = testClient(deafFetch);
		const controller = new AbortController();
		const sending = client.sendMessage(PEER_ID, 'x', { signal: controller.signal });
		await clock.run(200);
		const reason = new Error('user left');
		controller.abort(reason);
		expect(await settledSoon(sending)).toEqual({ settled: true, reason });
		expect(clock.now()).toBe(200);
		expect(clock.pendingTimers).toBe(0);
	});

	test('a per-call timeoutMs bounds the attempt too', async () => {
		const { client, clock } = testClient(deafFetch, { retry: { maxAttempts: 1 } });
		const outcome = await drive(client.sendMessage(PEER_ID, 'x', { timeoutMs: 250 }), clock);
		expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'ReadTimeout', message: 'timed out after 250 ms' } });
		expect(clock.now()).toBe(250);
	});

	test('a late answer to an abandoned attempt has its body cancelled', async () => {
		let answer: (response: Response) => void = () => {};
		const { body, state } = endlessBody();
		const { client, clock } = testClient(() => new Promise<Response>((resolve) => (answer = resolve)), { retry: { maxAttempts: 1 }, timeouts: { sendMs: 1000 } });
		const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'ReadTimeout' } });
		answer(new Response(body));
		await macrotask();
		expect(state.cancelled).toBe(true);
	});
});

describe('a body that never ends', () => {
	test('a streamed body times out after timeouts.sendMs, and the body is cancelled', async () => {
		const { body, state } = endlessBody();
		const { client, clock } = testClient(scriptedFetch(() => new Response(body)).fetch, { retry: { maxAttempts: 1 }, timeouts: { sendMs: 1000 } });
		const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'ReadTimeout', message: 'timed out after 1000 ms' } });
		expect(clock.now()).toBe(1000);
		expect(state.cancelled).toBe(true);
	});

	test('a body with a declared length that never arrives times out too', async () => {
		const { body } = endlessBody();
		const respond = (): Response => new Response(body, { headers: { 'content-length': '4096' } });
		const { client, clock } = testClient(scriptedFetch(respond).fetch, { retry: { maxAttempts: 1 }, timeouts: { sendMs: 1000 } });
		const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'ReadTimeout' } });
		expect(clock.now()).toBe(1000);
	});

	test("a caller's abort during the body rejects at once with its reason", async () => {
		const { body, state } = endlessBody();
		const { client, clock } = testClient(scriptedFetch(() => new Response(body)).fetch);
		const controller = new AbortController();
		const sending = client.sendMessage(PEER_ID, 'x', { signal: controller.signal });
		await clock.run(200);
		const reason = new Error('user left');
		controller.abort(reason);
		expect(await settledSoon(sending)).toEqual({ settled: true, reason });
		expect(state.cancelled).toBe(true);
		expect(clock.pendingTimers).toBe(0);
	});
});

describe('registry calls on a fetch that never settles', () => {
	test('a metadata lookup resolves null after metadataMs and frees its single-flight slot', async () => {
		let calls = 0;
		const { client, clock } = testClient(() => {
			calls++;
			return calls === 1 ? new Promise<Response>(() => {}) : Promise.resolve(json({ id: PEER_ID, url: 'http://peer:8000', name: 'Researcher' }));
		});
		const lookups = Promise.all([client.getPeerMetadata(PEER_ID), client.getPeerMetadata(PEER_ID)]);
		expect(await drive(lookups, clock)).toEqual([null, null]);
		expect(clock.now()).toBe(2000);
		expect(calls).toBe(1);
		// The failure is remembered for one TTL (as specified); after it, a new lookup is made.
		clock.advance(300_000);
		expect(await drive(client.getPeerMetadata(PEER_ID), clock)).toMatchObject({ name: 'Researcher' });
		expect(calls).toBe(2);
	});

	test('discoverPeer, listPeers and getWorkspaceInfo answer after requestMs', async () => {
		const { client, clock, logs } = testClient(deafFetch, { timeouts: { requestMs: 3000 } });
		const answers = Promise.all([client.discoverPeer(PEER_ID), client.listPeers(), client.getWorkspaceInfo()]);
		const [peer, listing, info] = await drive(answers, clock);
		expect(clock.now()).toBe(3000);
		expect(peer).toBeNull();
		expect(listing).toEqual({ peers: [], diagnostic: `Cannot reach platform at ${PLATFORM_URL}: timed out after 3000 ms` });
		expect(info).toEqual({ error: 'timed out after 3000 ms' });
		expect(logs).toContain(`error Discovery failed for ${PEER_ID}: timed out after 3000 ms`);
	});
});
