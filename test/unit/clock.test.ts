import { describe, expect, test } from 'vitest';
import { systemClock } from '../../src/clock.js';

describe('systemClock', () => {
	test('now() is monotonic milliseconds', async () => {
		const first = systemClock.now();
		await new Promise((resolve) => setTimeout(resolve, 2));
		expect(systemClock.now()).toBeGreaterThan(first);
	});

	test('sleep resolves after the delay', async () => {
		const start = performance.now();
		await systemClock.sleep(5);
		expect(performance.now() - start).toBeGreaterThanOrEqual(4);
	});

	test('sleep rejects at once with the reason when aborted, and when already aborted', async () => {
		const controller = new AbortController();
		const sleeping = systemClock.sleep(60_000, controller.signal);
		const reason = new Error('stop');
		controller.abort(reason);
		await expect(sleeping).rejects.toBe(reason);
		await expect(systemClock.sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);
	});
});
