// Every send ends: within the attempt limit, within the budget, and at once on abort — token steps included.
import { describe, expect, test } from 'vitest';
import { testClient } from '../helpers/client.js';
import { drive, FakeClock } from '../helpers/fake-clock.js';
import { PEER_ID } from '../helpers/ids.js';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';
import { macrotask, watchUnhandledRejections } from './harness.js';

watchUnhandledRejections();


/** Never answers until the request is aborted. */
const hang = (request: Request): Promise<Response> =>
	new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }));

const never = (): Promise<string> => new Promise<string>(() => {});

describe('time bounds of token steps', () => {
	test('a 401 answered at once: the refreshed token is sent within the same attempt', async () => {
		const fetch = scriptedFetch(json({ error: 'invalid caller auth token' }, 401), json({ result: 'ok' }));
		const { client, clock } = testClient(fetch.fetch, { token: { get: () => 'token-old-0001', refresh: () => 'token-new-0002' } });
		const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(outcome).toMatchObject({ status: 'replied', text: 'ok', attempts: 1 });
		expect(fetch.calls.map((call) => call.headers['authorization'])).toEqual(['Bearer token-old-0001', 'Bearer token-new-0002']);
		expect(clock.pendingTimers).toBe(0);
	});

	test('a token provider that never answers: aborting still settles the call within one tick', async () => {
		const fetch = scriptedFetch(json({ result: 'ok' }));
		const { client } = testClient(fetch.fetch, { token: never });
		const controller = new AbortController();
		let settled = false;
		client.sendMessage(PEER_ID, 'x', { signal: controller.signal }).then(
			() => (settled = true),
			() => (settled = true),
		);
		await macrotask();
		controller.abort(new Error('caller gave up'));
		await macrotask();
		expect(settled).toBe(true);
	});

	test('a token provider that never answers: the attempt ends after timeouts.sendMs with a ConfigError, not retried', async () => {
		const fetch = scriptedFetch(json({ result: 'ok' }));
		const { client, clock } = testClient(fetch.fetch, { token: never, timeouts: { sendMs: 5000 } });
		const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 1, error: { name: 'ConfigError', field: 'token', message: 'token provider did not answer within 5000 ms' } });
		expect(clock.now()).toBe(5000);
		expect(fetch.calls).toHaveLength(0);
	});

	test('a 401 refresh shares the attempt time limit, so the call never outlives retry.budgetMs', async () => {
		const clock = new FakeClock();
		const slow401 = async (): Promise<Response> => {
			await clock.sleep(290_000);
			return json({ error: 'invalid caller auth token' }, 401);
		};
		const fetch = scriptedFetch(slow401, hang);
		const { client } = testClient(fetch.fetch, { clock, token: { get: () => 'token-old-0001', refresh: () => 'token-new-0002' }, retry: { budgetMs: 300_000 } });
		const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'ReadTimeout' } });
		expect(clock.now()).toBeLessThanOrEqual(300_000);
	});
});

describe('what counts as a network failure', () => {
	test('a fetch that resolves to something other than a Response is a bug, not a network failure: not retried', async () => {
		const notAResponse = (async () => undefined) as unknown as (request: Request) => Promise<Response>;
		const { client, clock } = testClient(notAResponse);
		const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 1 });
		expect(outcome.status === 'failed' && outcome.error.name).not.toBe('TransportError');
	});
});
