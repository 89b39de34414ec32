// Connection-level faults over real loopback sockets: refused, reset, stalled. Time is the client's FakeClock.
import { describe, expect, test } from 'vitest';
import { formatA2AError } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { FIRST_REQUEST_ID, PEER_ID } from '../helpers/ids.js';
import { refusedUrl, replyFault, type FaultServer } from './fault-server.js';
import { droppedBodyWordings, expectRun, macrotask, runFault, saysOneOf, targetOf, trackFetch, waitFor, useFaultServer } from './harness.js';

let server: FaultServer;
let target: string;

useFaultServer((started) => {
	server = started;
	target = targetOf(started.url);
});

const jsonRpcReply = JSON.stringify({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, result: { kind: 'message', role: 'agent', messageId: 'm', parts: [{ kind: 'text', text: 'late' }] } });

describe('connection faults', () => {
	test('refused connection: ConnectError, retried 5 times over 15 s of backoff', async () => {
		const url = await refusedUrl();
		const run = await runFault(url, undefined, []);
		const port = new URL(url).port;
		expectRun(run, {
			status: 'failed',
			error: 'TransportError',
			says: `[A2A_ERROR] ConnectError: connect ECONNREFUSED 127.0.0.1:${port} [target=${targetOf(url)}]`,
			attempts: 5,
			requests: 0,
			elapsedMs: 1000 + 2000 + 4000 + 8000,
		});
		expect(run.outcome).toMatchObject({ error: { kind: 'ConnectError' } });
	});

	test('reset before headers: RemoteProtocolError, retried 5 times', async () => {
		const run = await runFault(server.url, server, [{ kind: 'resetBeforeHeaders' }]);
		expectRun(run, {
			status: 'failed',
			error: 'TransportError',
			says: `[A2A_ERROR] RemoteProtocolError: read ECONNRESET [target=${target}]`,
			attempts: 5,
			requests: 5,
			elapsedMs: 15_000,
		});
	});

	test('reset before headers once, then a reply: replied on attempt 2 after 1 s', async () => {
		const run = await runFault(server.url, server, [{ kind: 'resetBeforeHeaders' }, replyFault('second time lucky')]);
		expectRun(run, { status: 'replied', says: 'second time lucky', attempts: 2, requests: 2, elapsedMs: 1000 });
		expect(run.logs).toEqual([`warn sendMessage: transient RemoteProtocolError on attempt 1/5, retrying in 1.0s (target=${target})`]);
	});

	test('reset mid-body with Content-Length: ReadError, retried 5 times', async () => {
		const run = await runFault(server.url, server, [{ kind: 'resetMidBody', body: jsonRpcReply, sentBytes: 20 }]);
		expectRun(run, {
			status: 'failed',
			error: 'TransportError',
			says: saysOneOf('ReadError', droppedBodyWordings, target),
			attempts: 5,
			requests: 5,
			elapsedMs: 15_000,
		});
		expect(server.log.every((entry) => entry.state === 'reset' && entry.bytesSent === 20)).toBe(true);
	});

	test('reset mid-body of a chunked reply: ReadError, retried 5 times', async () => {
		const run = await runFault(server.url, server, [{ kind: 'resetMidBody', body: jsonRpcReply, sentBytes: 20, chunked: true }]);
		expectRun(run, {
			status: 'failed',
			error: 'TransportError',
			says: saysOneOf('ReadError', droppedBodyWordings, target),
			attempts: 5,
			requests: 5,
			elapsedMs: 15_000,
		});
	});

	test('headers stalled past the timeout: ReadTimeout; the second attempt is cut to the budget left', async () => {
		const run = await runFault(server.url, server, [{ kind: 'stallHeaders' }], { stall: 'headers' });
		expectRun(run, {
			status: 'failed',
			error: 'TransportError',
			says: `[A2A_ERROR] ReadTimeout: timed out after 299000 ms [target=${target}]`,
			attempts: 2,
			requests: 2,
			elapsedMs: 300_000 + 1000 + 299_000,
		});
		await waitFor(() => server.log.every((entry) => entry.state === 'closed'));
	});

	test('headers stalled, one attempt, the clock moved by hand once the server holds the request: ReadTimeout at exactly sendMs', async () => {
		server.script({ kind: 'stallHeaders' });
		const tracker = trackFetch();
		const { client, clock } = testClient(tracker.fetch, { platformUrl: server.url, retry: { maxAttempts: 1 } });
		const sending = client.sendMessage(PEER_ID, 'hello');
		await waitFor(() => server.stalled === 1);
		clock.advance(299_999);
		await macrotask();
		expect(tracker.inFlight).toBe(1);
		clock.advance(1);
		const outcome = await sending;
		expect(outcome.status === 'failed' && formatA2AError(outcome.error)).toBe(`[A2A_ERROR] ReadTimeout: timed out after 300000 ms [target=${target}]`);
		expect(clock.pendingTimers).toBe(0);
		await waitFor(() => server.log[0]?.state === 'closed');
	});

	test('headers stalled with a 5 s attempt timeout: 5 attempts, 40 s in all', async () => {
		const run = await runFault(server.url, server, [{ kind: 'stallHeaders' }], { stall: 'headers', overrides: { timeouts: { sendMs: 5000 } } });
		expectRun(run, {
			status: 'failed',
			error: 'TransportError',
			says: `[A2A_ERROR] ReadTimeout: timed out after 5000 ms [target=${target}]`,
			attempts: 5,
			requests: 5,
			elapsedMs: 5 * 5000 + 15_000,
		});
	});

	test('body stalled after the headers: ReadTimeout, like a header stall', async () => {
		const run = await runFault(server.url, server, [{ kind: 'stallBody', partial: '{"jsonrpc":"2.0",' }], { stall: 'body' });
		expectRun(run, {
			status: 'failed',
			error: 'TransportError',
			says: `[A2A_ERROR] ReadTimeout: timed out after 299000 ms [target=${target}]`,
			attempts: 2,
			requests: 2,
			elapsedMs: 600_000,
		});
		await waitFor(() => server.log.every((entry) => entry.state === 'closed' && entry.bytesSent === 17));
	});

	test('a body stalled once, then a full reply: replied on attempt 2, the same request resent', async () => {
		const run = await runFault(server.url, server, [{ kind: 'stallBody', partial: '{"jsonrpc":' }, replyFault('second copy')], {
			stall: 'body',
			overrides: { timeouts: { sendMs: 10_000 } },
		});
		expectRun(run, { status: 'replied', says: 'second copy', attempts: 2, requests: 2, elapsedMs: 11_000 });
		expect(server.log[0]?.body).toBe(server.log[1]?.body);
	});
});
