// Issue 10: the helpers the core and the dev platform share — a deadline on the clock, a capped body reader.
import { describe, expect, test } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { readCapped } from '../../src/internal/body.js';
import { deadline } from '../../src/internal/deadline.js';
import { FakeClock } from '../helpers/fake-clock.js';

const stream = (...chunks: Uint8Array[]): { body: ReadableStream<Uint8Array>; cancelled: () => boolean } => {
	let cancelled = false;
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			for (const chunk of chunks) controller.enqueue(chunk);
			controller.close();
		},
		cancel() {
			cancelled = true;
		},
	});
	return { body, cancelled: () => cancelled };
};

describe('deadline', () => {
	test('aborts with its reason once the time on the clock is up, and says it expired', async () => {
		const clock = new FakeClock();
		const reason = new Error('context deadline exceeded');
		const limit = deadline(clock, 1000, undefined, reason);
		const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
		clock.advance(999);
		await settle();
		expect(limit.signal.aborted).toBe(false);
		clock.advance(1);
		await settle();
		expect([limit.signal.aborted, limit.signal.reason, limit.expired()]).toEqual([true, reason, true]);
	});

	test("follows the caller's abort with the caller's reason; that is not expiry", () => {
		const caller = new AbortController();
		const limit = deadline(new FakeClock(), 1000, caller.signal);
		caller.abort('stop');
		expect([limit.signal.aborted, limit.signal.reason, limit.expired()]).toEqual([true, 'stop', false]);
	});

	test('a caller already aborted aborts it at once', () => {
		const limit = deadline(new FakeClock(), 1000, AbortSignal.abort('early'));
		expect(limit.signal.reason).toBe('early');
	});

	test('clear leaves no timer on the clock and stops following the caller', () => {
		const clock = new FakeClock();
		const caller = new AbortController();
		const limit = deadline(clock, 1000, caller.signal);
		limit.clear();
		caller.abort();
		clock.advance(2000);
		expect([clock.pendingTimers, limit.signal.aborted]).toEqual([0, false]);
	});

	test('on the system clock, expires on a real timer', async () => {
		const limit = deadline(systemClock, 5);
		await new Promise((resolve) => limit.signal.addEventListener('abort', resolve, { once: true }));
		expect(limit.expired()).toBe(true);
	});
});

describe('readCapped', () => {
	test('reads a body in chunks to its end', async () => {
		const { body } = stream(new Uint8Array([1, 2]), new Uint8Array([3]));
		expect(await readCapped(body, 3)).toEqual(new Uint8Array([1, 2, 3]));
	});

	test('gives null and cancels the body as soon as it exceeds the cap', async () => {
		const { body, cancelled } = stream(new Uint8Array([1, 2]), new Uint8Array([3]), new Uint8Array([4]));
		expect(await readCapped(body, 2)).toBeNull();
		expect(cancelled()).toBe(true);
	});

	test('an absent body is empty', async () => {
		expect(await readCapped(null, 10)).toEqual(new Uint8Array(0));
	});

	test("rejects with the signal's reason when it aborts, even if the body's source never answers", async () => {
		const body = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) });
		const control = new AbortController();
		const reading = readCapped(body, 10, control.signal);
		control.abort('deadline');
		await expect(reading).rejects.toBe('deadline');
	});
});
