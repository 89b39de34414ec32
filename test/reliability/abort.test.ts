// Aborting a send over real sockets: it settles at once, clears its timers and sends nothing more.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testClient } from '../helpers/client.js';
import { PEER_ID } from '../helpers/ids.js';
import { refusedUrl, respondJson, startFaultServer, type Fault, type FaultServer } from './fault-server.js';
import { macrotask, trackFetch, waitFor, watchUnhandledRejections, type FetchTracker } from './harness.js';

watchUnhandledRejections();

let server: FaultServer;

beforeAll(async () => {
	server = await startFaultServer();
});

afterAll(async () => {
	await server.close();
});

interface Settlement {
	settled: boolean;
	reason: unknown;
}

/** Whether `promise` has settled one macrotask from now, and why it rejected. */
async function afterOneTick(promise: Promise<unknown>): Promise<Settlement> {
	const state: Settlement = { settled: false, reason: undefined };
	promise.then(
		() => {
			state.settled = true;
		},
		(reason: unknown) => {
			state.settled = true;
			state.reason = reason;
		},
	);
	await macrotask();
	return state;
}

interface Sending {
	sending: Promise<unknown>;
	controller: AbortController;
	tracker: FetchTracker;
	clock: ReturnType<typeof testClient>['clock'];
}

function startSend(url: string, ...faults: Fault[]): Sending {
	server.script(...faults);
	const tracker = trackFetch();
	const { client, clock } = testClient(tracker.fetch, { platformUrl: url });
	const controller = new AbortController();
	const sending = client.sendMessage(PEER_ID, 'x', { signal: controller.signal });
	sending.catch(() => {});
	return { sending, controller, tracker, clock };
}

/** Aborts and checks the call rejected with the reason within one tick, on unchanged fake time, with no timer left. */
async function abortAndCheck({ sending, controller, clock }: Sending): Promise<void> {
	const before = clock.now();
	const reason = new Error('caller gave up');
	controller.abort(reason);
	const state = await afterOneTick(sending);
	expect(state).toEqual({ settled: true, reason });
	expect(clock.now()).toBe(before);
	expect(clock.pendingTimers).toBe(0);
}

/** Lets real time pass, then checks nothing more was sent. */
async function expectNoMoreRequests(tracker: FetchTracker, count: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, 50));
	expect(tracker.started).toBe(count);
}

describe('abort', () => {
	test('while the server holds the headers: settles within one tick, the connection is closed', async () => {
		const send = startSend(server.url, { kind: 'stallHeaders' });
		await waitFor(() => server.stalled === 1);
		await abortAndCheck(send);
		await waitFor(() => server.log[0]?.state === 'closed');
		await expectNoMoreRequests(send.tracker, 1);
		expect(server.log).toHaveLength(1);
	});

	test('while the body is stalled: settles within one tick, the connection is closed', async () => {
		const send = startSend(server.url, { kind: 'stallBody', partial: '{"jsonrpc":"2.0",' });
		await waitFor(() => server.stalled === 1 && send.tracker.awaitingHeaders === 0);
		await abortAndCheck(send);
		await waitFor(() => server.log[0]?.state === 'closed');
		await expectNoMoreRequests(send.tracker, 1);
	});

	test('during the backoff after a refused connection: settles within one tick, no retry', async () => {
		const send = startSend(await refusedUrl());
		await waitFor(() => send.tracker.started === 1 && send.tracker.inFlight === 0 && send.clock.pendingTimers === 1);
		expect(send.clock.sleeps.at(-1)).toBe(1000);
		await abortAndCheck(send);
		await expectNoMoreRequests(send.tracker, 1);
	});

	test('during a Retry-After wait: settles within one tick, no retry', async () => {
		const send = startSend(server.url, respondJson({ error: 'busy' }, 503, { 'retry-after': '30' }));
		await waitFor(() => send.tracker.started === 1 && send.tracker.inFlight === 0 && send.clock.pendingTimers === 1);
		expect(send.clock.sleeps.at(-1)).toBe(30_000);
		await abortAndCheck(send);
		await expectNoMoreRequests(send.tracker, 1);
		expect(server.log).toHaveLength(1);
	});

	test('an abort after the reply changes nothing', async () => {
		const send = startSend(server.url, respondJson({ result: 'done' }));
		await expect(send.sending).resolves.toMatchObject({ status: 'replied', text: 'done' });
		send.controller.abort();
		expect(send.clock.pendingTimers).toBe(0);
		await expectNoMoreRequests(send.tracker, 1);
	});
});
