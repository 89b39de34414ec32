// Registry lookups share a bounded number of places (maxConcurrentLookups); the rest wait in order, abortable.
import { describe, expect, test } from 'vitest';
import { ConfigError, type FetchFunction } from '../../src/index.js';
import { testClient, type TestClient } from '../helpers/client.js';
import { drive, FakeClock } from '../helpers/fake-clock.js';
import { PEER_ID, WORKSPACE_ID } from '../helpers/ids.js';
import { hangingFetch, json } from '../helpers/scripted-fetch.js';

const peerId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** `promise`, or the signal's reason once it aborts, as a real fetch does. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise((resolve, reject) => {
		if (signal.aborted) reject(signal.reason);
		signal.addEventListener('abort', () => reject(signal.reason), { once: true });
		promise.then(resolve, reject);
	});
}

/**
 * A registry on fake time that answers every request after `serviceMs`, `capacity` at a time (a
 * server at its limit queues the rest), and records what it saw. Each peer is known; the peer list
 * and workspace info answer too.
 */
function registry(clock: FakeClock, { serviceMs = 100, capacity = Number.POSITIVE_INFINITY } = {}) {
	const events: string[] = [];
	let inFlight = 0;
	let mostInFlight = 0;
	let busy = 0;
	const waiting: (() => void)[] = [];
	const serve = async (): Promise<void> => {
		if (busy >= capacity) await new Promise<void>((resolve) => waiting.push(resolve));
		else busy++;
		await clock.sleep(serviceMs);
		const next = waiting.shift();
		if (next) next();
		else busy--;
	};
	const fetch: FetchFunction = async (request) => {
		const path = new URL(request.url).pathname;
		const name = path.split('/').pop() ?? '';
		events.push(`send ${name} at ${clock.now()}`);
		mostInFlight = Math.max(mostInFlight, ++inFlight);
		try {
			await untilAborted(serve(), request.signal);
			events.push(`done ${name} at ${clock.now()}`);
			if (path.endsWith('/peers')) return json([]);
			return json({ id: name, url: '', name: `Peer ${name.slice(-2)}` });
		} finally {
			inFlight--;
		}
	};
	return {
		fetch,
		events,
		get mostInFlight() {
			return mostInFlight;
		},
	};
}

/** A client with maxConcurrentLookups `limit` (default when undefined) against `registry` on one fake clock. */
function setup(limit: number | undefined, options: { serviceMs?: number; capacity?: number } = {}) {
	const clock = new FakeClock();
	const server = registry(clock, options);
	const { client } = testClient(server.fetch, { clock, ...(limit === undefined ? {} : { maxConcurrentLookups: limit }) });
	return { client, clock, server };
}

const short = (event: string): string => event.replace(/0{8}-0000-4000-8000-0+/, '');

describe('registry lookups run at most maxConcurrentLookups at once', () => {
	test('every kind of lookup counts against maxConcurrentLookups', async () => {
		const { client, clock, server } = setup(3);
		const all = Promise.all([
			...Array.from({ length: 4 }, (_, n) => client.discoverPeer(peerId(n + 1))),
			...Array.from({ length: 4 }, (_, n) => client.getPeerMetadata(peerId(n + 11))),
			client.listPeers(),
			client.getWorkspaceInfo(),
		]);
		const results = await drive(all, clock);
		expect(server.mostInFlight).toBe(3);
		expect(results.slice(0, 8).map((record) => record && 'name' in record && record.name)).toEqual(['Peer 01', 'Peer 02', 'Peer 03', 'Peer 04', 'Peer 11', 'Peer 12', 'Peer 13', 'Peer 14']);
		expect(results[8]).toEqual({ peers: [], diagnostic: null });
		expect(results[9]).toMatchObject({ id: WORKSPACE_ID });
		// Ten lookups of 100 ms, three at a time: four rounds.
		expect(clock.now()).toBe(400);
	});

	test('maxConcurrentLookups defaults to 32', async () => {
		const { client, clock, server } = setup(undefined);
		await drive(Promise.all(Array.from({ length: 100 }, (_, n) => client.getPeerMetadata(peerId(n + 1)))), clock);
		expect(server.mostInFlight).toBe(32);
	});

	test('a lookup is sent only once an earlier one has finished, in the order they were made', async () => {
		const { client, clock, server } = setup(1);
		await drive(Promise.all([1, 2, 3].map((n) => client.discoverPeer(peerId(n)))), clock);
		expect(server.events.map(short)).toEqual(['send 1 at 0', 'done 1 at 100', 'send 2 at 100', 'done 2 at 200', 'send 3 at 200', 'done 3 at 300']);
	});
});

describe('the timeout of a lookup starts when it is sent', () => {
	test('a queued lookup gets its whole timeout once sent, not from when it was made', async () => {
		const clock = new FakeClock();
		const fetch = hangingFetch();
		const { client } = testClient(fetch.fetch, { clock, maxConcurrentLookups: 1 });
		const settledAt: number[] = [];
		const lookups = [1, 2].map((n) => client.getPeerMetadata(peerId(n)).then((record) => (settledAt.push(clock.now()), record)));
		expect(await drive(Promise.all(lookups), clock)).toEqual([null, null]);
		expect(settledAt).toEqual([2000, 4000]);
	});

	test('a burst against a registry at capacity resolves every lookup within its timeout, none cached as null', async () => {
		// The registry serves 4 requests at a time, 250 ms each: 40 lookups sent at once would wait up
		// to 2500 ms there, beyond the 2000 ms metadata timeout; 4 at a time, each waits 250 ms.
		const { client, clock } = setup(4, { serviceMs: 250, capacity: 4 });
		const ids = Array.from({ length: 40 }, (_, n) => peerId(n + 1));
		const records = await drive(Promise.all(ids.map((id) => client.getPeerMetadata(id))), clock);
		expect(records.filter((record) => record === null)).toHaveLength(0);
		expect(ids.map((id) => client.peekPeerMetadata(id)?.id)).toEqual(ids);
	});
});

describe('a waiting lookup can be aborted', () => {
	test('aborting a queued discoverPeer rejects it at once with the reason, and it is never sent', async () => {
		const { client, clock, server } = setup(1);
		const controller = new AbortController();
		const first = client.discoverPeer(peerId(1));
		const queued = client.discoverPeer(peerId(2), { signal: controller.signal });
		const reason = new Error('caller gave up');
		controller.abort(reason);
		await expect(queued).rejects.toBe(reason);
		await drive(first, clock);
		expect(server.events.map(short)).toEqual(['send 1 at 0', 'done 1 at 100']);
	});

	test('aborting a discoverPeer in flight rejects it with the reason rather than null', async () => {
		const { client, clock } = setup(1);
		const controller = new AbortController();
		const reason = new Error('caller gave up');
		const lookup = client.discoverPeer(peerId(1), { signal: controller.signal });
		await clock.run(50);
		controller.abort(reason);
		await expect(lookup).rejects.toBe(reason);
	});

	test.each([
		['listPeers', (client: TestClient['client'], signal: AbortSignal) => client.listPeers({ signal })],
		['getPeers', (client: TestClient['client'], signal: AbortSignal) => client.getPeers({ signal })],
		['getWorkspaceInfo', (client: TestClient['client'], signal: AbortSignal) => client.getWorkspaceInfo({ signal })],
		['getPeerMetadata', (client: TestClient['client'], signal: AbortSignal) => client.getPeerMetadata(PEER_ID, { signal })],
	])('aborting a queued %s rejects it with the reason, not a diagnostic', async (_, call) => {
		const { client, clock, server } = setup(1);
		const controller = new AbortController();
		const first = client.discoverPeer(peerId(1));
		const queued = call(client, controller.signal);
		const reason = new Error('caller gave up');
		controller.abort(reason);
		await expect(queued).rejects.toBe(reason);
		await drive(first, clock);
		expect(server.events).toHaveLength(2);
	});

	test('an already aborted signal rejects without a request, even for a cached peer', async () => {
		const { client, clock, server } = setup(1);
		await drive(client.getPeerMetadata(PEER_ID), clock);
		const reason = new Error('already gone');
		await expect(client.getPeerMetadata(PEER_ID, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
		await expect(client.discoverPeer(PEER_ID, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
		expect(server.events).toHaveLength(2);
	});

	test('one caller aborting a shared getPeerMetadata leaves the lookup to the others, and it is cached', async () => {
		const { client, clock, server } = setup(1);
		const controller = new AbortController();
		const leaving = client.getPeerMetadata(PEER_ID, { signal: controller.signal });
		const staying = client.getPeerMetadata(PEER_ID);
		controller.abort(new Error('caller gave up'));
		await expect(leaving).rejects.toThrow('caller gave up');
		expect(await drive(staying, clock)).toMatchObject({ id: PEER_ID });
		expect(client.peekPeerMetadata(PEER_ID)).toMatchObject({ id: PEER_ID });
		expect(server.events).toHaveLength(2);
	});

	test('a getPeerMetadata every caller abandoned is dropped, not remembered as a failure, and the next call asks again', async () => {
		const { client, clock, server } = setup(1);
		const controllers = [new AbortController(), new AbortController()];
		const blocker = client.discoverPeer(peerId(1));
		const lookups = controllers.map((controller) => client.getPeerMetadata(PEER_ID, { signal: controller.signal }));
		for (const controller of controllers) controller.abort(new Error('caller gave up'));
		await Promise.allSettled(lookups);
		await drive(blocker, clock);
		expect(client.peekPeerMetadata(PEER_ID)).toBeUndefined();
		expect(await drive(client.getPeerMetadata(PEER_ID), clock)).toMatchObject({ id: PEER_ID });
		expect(server.events.map(short)).toEqual(['send 1 at 0', 'done 1 at 100', `send ${PEER_ID} at 100`, `done ${PEER_ID} at 200`]);
	});

	test('a getPeerMetadata abandoned while in flight is not remembered as a failure, and leaves no timer', async () => {
		const clock = new FakeClock();
		const { client } = testClient(hangingFetch().fetch, { clock });
		const controller = new AbortController();
		const lookup = client.getPeerMetadata(PEER_ID, { signal: controller.signal });
		await clock.run(50);
		controller.abort(new Error('caller gave up'));
		await expect(lookup).rejects.toThrow('caller gave up');
		await clock.run(0);
		expect(client.peekPeerMetadata(PEER_ID)).toBeUndefined();
		expect(clock.pendingTimers).toBe(0);
	});

	test.each([
		['discoverPeer', (client: TestClient['client']) => client.discoverPeer(PEER_ID, { signal: 'x' as never })],
		['getPeerMetadata', (client: TestClient['client']) => client.getPeerMetadata(PEER_ID, { signal: {} as never })],
		['listPeers', (client: TestClient['client']) => client.listPeers({ signal: 42 as never })],
		['getWorkspaceInfo', (client: TestClient['client']) => client.getWorkspaceInfo({ signal: 'abort' as never })],
	])('%s refuses a signal that is not an AbortSignal with a ConfigError naming it, without a request', async (_, call) => {
		const { client, server } = setup(1);
		const error: unknown = await call(client).catch((failure: unknown) => failure);
		expect(error).toBeInstanceOf(ConfigError);
		expect(error).toMatchObject({ field: 'options.signal' });
		expect(server.events).toHaveLength(0);
	});
});
