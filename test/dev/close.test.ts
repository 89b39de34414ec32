// Issue 9 trial, item 6: a dispatch survives a client's abort (contract §3.5), but not the platform:
// close() ends an agent's delay at once, so no timer keeps the process alive.
import { describe, expect, test } from 'vitest';
import { macrotask } from '../helpers/settled.js';
import { adminToken, origin, postToSlow, slowPlatform } from './helpers.js';


describe('closing the dev platform', () => {
	test("close() after a client's abort ends the agent's delay at once and leaves no timer", async () => {
		const { platform, clock } = slowPlatform('late');
		const controller = new AbortController();
		platform.fetch(postToSlow(controller.signal)).catch(() => {});
		await clock.run(200);
		controller.abort();
		expect(clock.pendingTimers).toBeGreaterThan(0);
		let closed = false;
		const closing = platform.close().then(() => (closed = true));
		for (let turn = 0; turn < 10 && !closed; turn++) await macrotask();
		await closing;
		expect(clock.now()).toBe(200);
		expect(clock.pendingTimers).toBe(0);
	});

	test("close() ends a call still waiting on the agent's delay, which the proxy answers as at its deadline: busy, queued (202)", async () => {
		const { platform, clock } = slowPlatform('late');
		const answering = platform.fetch(postToSlow(new AbortController().signal));
		await clock.run(200);
		await platform.close();
		const response = await answering;
		expect(response.status).toBe(202);
		expect(clock.now()).toBe(200);
		expect(clock.pendingTimers).toBe(0);
	});

	test('a closed platform refuses new requests as a closed socket does', async () => {
		const { platform } = slowPlatform('late');
		await platform.close();
		await expect(platform.fetch(new Request(`${origin}/health`, { headers: { Authorization: `Bearer ${adminToken}` } }))).rejects.toThrow(TypeError);
	});

});
