// Python: TestSendA2AMessageRetry (spec §7.1 #19–#26, behaviour §5.6 step 5, §5.7)
import { describe, expect, test } from 'vitest';
import { backoffDelayMs, createA2AClient, type Clock } from '../../../src/index.js';
import { testClient } from '../../helpers/client.js';
import { drive } from '../../helpers/fake-clock.js';
import { PEER_ID, PLATFORM_URL, sequentialUuid, WORKSPACE_ID } from '../../helpers/ids.js';
import { hangingFetch, json, networkError, scriptedFetch, type Step } from '../../helpers/scripted-fetch.js';

const target = `${PLATFORM_URL}/workspaces/${PEER_ID}/a2a`;
const ok = json({ result: { parts: [{ kind: 'text', text: 'OK' }] } });
const remoteProtocolError = (): TypeError => networkError('UND_ERR_SOCKET', 'Server disconnected');
const connectError = (): TypeError => networkError('ECONNREFUSED');

async function sendWithRetries(steps: Step[], sendMs?: number): Promise<{ text: string; posts: number }> {
	const fetch = scriptedFetch(...steps);
	const { client, clock } = testClient(fetch.fetch, sendMs === undefined ? {} : { timeouts: { sendMs } });
	const text = await drive(client.sendText(PEER_ID, 'hello'), clock);
	return { text, posts: fetch.calls.length };
}

describe('sendText retries', () => {
	test('succeeds after two dropped connections (test_retry_succeeds_after_two_remote_protocol_errors)', async () => {
		expect(await sendWithRetries([remoteProtocolError(), remoteProtocolError(), ok])).toEqual({ text: 'OK', posts: 3 });
	});

	test('succeeds after a refused connection (test_retry_succeeds_after_connect_error)', async () => {
		expect(await sendWithRetries([connectError(), ok])).toEqual({ text: 'OK', posts: 2 });
	});

	test('returns the last error when every attempt fails (test_all_attempts_fail_returns_last_error)', async () => {
		const { text, posts } = await sendWithRetries([remoteProtocolError()]);
		expect(posts).toBe(5);
		expect(text).toBe(`[A2A_ERROR] RemoteProtocolError: Server disconnected [target=${target}]`);
	});

	test('stops at five attempts when every attempt times out (test_caps_at_max_attempts)', async () => {
		const fetch = hangingFetch();
		const { client, clock } = testClient(fetch.fetch, { timeouts: { sendMs: 1000 } });
		const text = await drive(client.sendText(PEER_ID, 'hello'), clock);
		expect(fetch.calls).toHaveLength(5);
		expect(text).toBe(`[A2A_ERROR] ReadTimeout: timed out after 1000 ms [target=${target}]`);
	});

	test('does not retry a JSON-RPC error (test_application_error_not_retried)', async () => {
		const { text, posts } = await sendWithRetries([json({ error: { code: -32000, message: 'peer refused the task' } }), ok]);
		expect(posts).toBe(1);
		expect(text).toContain('peer refused the task');
	});

	test('does not retry an unknown exception (test_non_transient_exception_not_retried)', async () => {
		class ValueError extends Error {
			override name = 'ValueError';
		}
		const { text, posts } = await sendWithRetries([new ValueError('bad value'), ok]);
		expect(posts).toBe(1);
		expect(text).toBe(`[A2A_ERROR] ValueError: bad value [target=${target}]`);
	});

	test('stops retrying once the total budget is spent (test_total_budget_caps_retry_loop)', async () => {
		// The Python test's clock: 0 for the first four readings, then past the budget. Every sleep ends
		// on the next turn of the event loop, so each attempt's request is sent before its time runs out.
		let readings = 0;
		const clock: Clock = {
			now: () => (readings++ < 4 ? 0 : 600_001),
			sleep: (_ms, signal) =>
				new Promise((resolve, reject) => {
					if (signal?.aborted) return reject(signal.reason);
					const timer = setImmediate(resolve);
					signal?.addEventListener('abort', () => (clearImmediate(timer), reject(signal.reason)), { once: true });
				}),
		};
		const fetch = hangingFetch();
		const client = createA2AClient({ workspaceId: WORKSPACE_ID, platformUrl: PLATFORM_URL, fetch: fetch.fetch, clock, uuid: sequentialUuid(), random: () => 0.5 });
		const text = await client.sendText(PEER_ID, 'hello');
		expect(text).toContain('ReadTimeout');
		// Python made 3 POSTs: it slept 0 s and started one more attempt at the deadline. We never start one without budget.
		expect(fetch.calls.length).toBeLessThan(5);
		expect(fetch.calls).toHaveLength(2);
	});

	test.each([
		[0, 1000],
		[1, 2000],
		[2, 4000],
		[3, 8000],
		[4, 16_000],
		[10, 16_000],
	])('backs off exponentially with a quarter of jitter: attempt %i around %i ms (test_delegate_backoff_seconds_grows_exponentially_with_jitter)', (attempt, base) => {
		for (let sample = 0; sample < 20; sample++) {
			const delay = backoffDelayMs(attempt);
			expect(delay).toBeGreaterThanOrEqual(0.75 * base);
			expect(delay).toBeLessThanOrEqual(1.25 * base);
		}
	});
});
