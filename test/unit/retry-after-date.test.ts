// Issue 9, item 9: a Retry-After HTTP date on a response without a Date header is read against the
// clock's wall time (Clock.wallNow), with the same 60 s cap as every platform wait.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { type Clock } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive, FakeClock } from '../helpers/fake-clock.js';
import { PEER_ID } from '../helpers/ids.js';
import { json, scriptedFetch, type Step } from '../helpers/scripted-fetch.js';

// The FakeClock's wall time starts at Tue, 24 Nov 2026 10:00:00 GMT.
const limited = (retryAfter: string, headers: Record<string, string> = {}): Response =>
	json({ error: 'rate limit exceeded' }, 429, { 'retry-after': retryAfter, ...headers });
const reply = json({ jsonrpc: '2.0', id: '00000000-0000-4000-8000-000000000002', result: 'ok' });

async function send(steps: Step[], clock?: Clock) {
	const fetch = scriptedFetch(...steps);
	const { client, clock: fake } = testClient(fetch.fetch, clock ? { clock } : {});
	const outcome = await drive(client.sendMessage(PEER_ID, 'x'), fake);
	return { outcome, calls: fetch.calls, clock: fake };
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe('Retry-After as an HTTP date without a Date header', () => {
	test('is measured against the clock wall time', async () => {
		const { outcome, calls, clock } = await send([limited('Tue, 24 Nov 2026 10:00:07 GMT'), reply]);
		expect(outcome).toMatchObject({ status: 'replied', text: 'ok', attempts: 2 });
		expect(calls).toHaveLength(2);
		expect(clock.now()).toBe(7000);
	});

	test('a date already past retries at once', async () => {
		const { outcome, clock } = await send([limited('Tue, 24 Nov 2026 09:59:00 GMT'), reply]);
		expect(outcome).toMatchObject({ status: 'replied', attempts: 2 });
		expect(clock.now()).toBe(0);
	});

	test('a date an hour away is capped at 60 s', async () => {
		const { outcome, clock } = await send([limited('Tue, 24 Nov 2026 11:00:00 GMT'), reply]);
		expect(outcome).toMatchObject({ status: 'replied', attempts: 2 });
		expect(clock.now()).toBe(60_000);
	});

	test('the error keeps the wait it asked for', async () => {
		const fetch = scriptedFetch(limited('Tue, 24 Nov 2026 10:00:07 GMT'));
		const { client, clock } = testClient(fetch.fetch, { retry: { maxAttempts: 1 } });
		const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(outcome).toMatchObject({ status: 'failed', error: { status: 429, retryAfterMs: 7000 } });
	});

	test('a Date header that is not a date falls back to the clock wall time', async () => {
		const { clock } = await send([limited('Tue, 24 Nov 2026 10:00:05 GMT', { date: 'yesterday-ish' }), reply]);
		expect(clock.now()).toBe(5000);
	});

	test("the response's own Date header still wins over a skewed local wall clock", async () => {
		const skewed = new FakeClock(0, Date.UTC(2026, 10, 24, 12, 0, 0));
		const fetch = scriptedFetch(limited('Tue, 24 Nov 2026 10:00:07 GMT', { date: 'Tue, 24 Nov 2026 10:00:00 GMT' }), reply);
		const { client } = testClient(fetch.fetch, { clock: skewed });
		await drive(client.sendMessage(PEER_ID, 'x'), skewed);
		expect(skewed.now()).toBe(7000);
	});

	test('a clock without wallNow falls back to Date.now()', async () => {
		vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 10, 24, 10, 0, 0));
		const fake = new FakeClock();
		const clock: Clock = { now: () => fake.now(), sleep: (ms, signal) => fake.sleep(ms, signal) };
		const fetch = scriptedFetch(limited('Tue, 24 Nov 2026 10:00:03 GMT'), reply);
		const { client } = testClient(fetch.fetch, { clock });
		const outcome = await drive(client.sendMessage(PEER_ID, 'x'), fake);
		expect(outcome).toMatchObject({ status: 'replied', attempts: 2 });
		expect(fake.now()).toBe(3000);
	});
});

describe('Clock.wallNow', () => {
	test('systemClock.wallNow() is Date.now()', () => {
		vi.spyOn(Date, 'now').mockReturnValue(1_790_000_000_000);
		expect(systemClock.wallNow?.()).toBe(1_790_000_000_000);
	});

	test('the test FakeClock moves its wall time with its monotonic time', () => {
		const clock = new FakeClock(500, 1_000_000);
		clock.advance(250);
		expect([clock.now(), clock.wallNow()]).toEqual([750, 1_000_250]);
	});
});
