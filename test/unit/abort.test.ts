import { describe, expect, test } from 'vitest';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { PEER_ID } from '../helpers/ids.js';
import { hangingFetch, json, networkError, scriptedFetch } from '../helpers/scripted-fetch.js';

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('sendMessage abort', () => {
	test('rejects at once with the reason when the signal is already aborted, without a request', async () => {
		const fetch = scriptedFetch(json({ result: 'x' }));
		const { client } = testClient(fetch.fetch);
		const reason = new Error('user left');
		await expect(client.sendMessage(PEER_ID, 'x', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
		expect(fetch.calls).toHaveLength(0);
	});

	test('aborting during a request rejects with the reason and clears the attempt timer', async () => {
		const fetch = hangingFetch();
		const { client, clock } = testClient(fetch.fetch);
		const controller = new AbortController();
		const sending = client.sendMessage(PEER_ID, 'x', { signal: controller.signal });
		await macrotask();
		expect(fetch.inFlight).toBe(1);
		controller.abort();
		await expect(sending).rejects.toMatchObject({ name: 'AbortError' });
		expect(clock.pendingTimers).toBe(0);
		expect(clock.now()).toBe(0);
	});

	test('aborting during a backoff wait rejects at once, sends nothing more and leaves no timer', async () => {
		const fetch = scriptedFetch(networkError());
		const { client, clock } = testClient(fetch.fetch);
		const controller = new AbortController();
		const sending = client.sendMessage(PEER_ID, 'x', { signal: controller.signal });
		sending.catch(() => {});
		// Past the failed attempt and into the backoff wait: one request done, none in flight, one timer.
		while (fetch.calls.length === 0 || fetch.inFlight > 0 || clock.pendingTimers === 0) await macrotask();
		expect(fetch.calls).toHaveLength(1);
		const reason = new Error('stop');
		controller.abort(reason);
		await expect(sending).rejects.toBe(reason);
		expect(clock.pendingTimers).toBe(0);
		expect(fetch.calls).toHaveLength(1);
	});

	test('a settled call leaves no timer running', async () => {
		const fetch = scriptedFetch(networkError(), json({ result: 'ok' }));
		const { client, clock } = testClient(fetch.fetch);
		await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(clock.pendingTimers).toBe(0);
	});
});
