// Bodies the client cannot use, over real loopback sockets: not JSON, wrong shape, too large, mislabelled.
import { describe, expect, test } from 'vitest';
import { replyFault, respondJson, type Fault, type FaultServer } from './fault-server.js';
import { expectRun, runFault, targetOf, waitFor, useFaultServer } from './harness.js';

let server: FaultServer;
let target: string;

useFaultServer((started) => {
	server = started;
	target = targetOf(started.url);
});

const raw = (body: string, contentType = 'application/json'): Fault => ({ kind: 'respond', headers: { 'content-type': contentType }, body });
const mib = 1024 * 1024;

describe('unusable bodies', () => {
	test('invalid JSON with status 200: UnexpectedResponseError, not retried', async () => {
		const run = await runFault(server.url, server, [raw('{"jsonrpc":"2.0",'), replyFault('never')]);
		expectRun(run, {
			status: 'failed',
			error: 'UnexpectedResponseError',
			says: `[A2A_ERROR] response is not JSON: invalid JSON at position 17 (line 1 column 18) [target=${target}]`,
			attempts: 1,
			requests: 1,
			elapsedMs: 0,
		});
	});

	test('an HTML error page with status 200: UnexpectedResponseError, not retried', async () => {
		const page = raw('<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>', 'text/html');
		const run = await runFault(server.url, server, [page, replyFault('never')]);
		expectRun(run, {
			status: 'failed',
			error: 'UnexpectedResponseError',
			says: `[A2A_ERROR] response is not JSON: invalid JSON [target=${target}]`,
			attempts: 1,
			requests: 1,
			elapsedMs: 0,
		});
	});

	test('a JSON array: UnexpectedResponseError naming the shape', async () => {
		const run = await runFault(server.url, server, [respondJson([1, 2, 3])]);
		expectRun(run, {
			status: 'failed',
			error: 'UnexpectedResponseError',
			says: `[A2A_ERROR] unexpected response shape (no result, no error): [1,2,3] [target=${target}]`,
			attempts: 1,
			requests: 1,
			elapsedMs: 0,
		});
	});

	test.each([
		['a number', 42, '42'],
		['a string', 'ok', '"ok"'],
		['null', null, 'null'],
		['true', true, 'true'],
	])('a JSON primitive (%s): UnexpectedResponseError naming the value', async (_name, body, shown) => {
		const run = await runFault(server.url, server, [respondJson(body)]);
		expectRun(run, {
			status: 'failed',
			error: 'UnexpectedResponseError',
			says: `[A2A_ERROR] unexpected response shape (no result, no error): ${shown} [target=${target}]`,
			attempts: 1,
			requests: 1,
			elapsedMs: 0,
		});
	});

	test('a valid JSON-RPC reply labelled text/plain: read by content, not by header, so it is a reply', async () => {
		const run = await runFault(server.url, server, [replyFault('labelled wrong', { 'content-type': 'text/plain; charset=utf-8' })]);
		expectRun(run, { status: 'replied', says: 'labelled wrong', attempts: 1, requests: 1, elapsedMs: 0 });
	});

	test('a valid JSON-RPC reply with no content type at all: a reply', async () => {
		const run = await runFault(server.url, server, [replyFault('unlabelled', {})]);
		expectRun(run, { status: 'replied', says: 'unlabelled', attempts: 1, requests: 1, elapsedMs: 0 });
	});
});

// Updated for addendum §4.1: the platform relays agent replies up to 64 MiB (it cut them at 10 MiB), so the client reads that much.
describe('oversized bodies', () => {
	const tooLarge = (): string => `[A2A_ERROR] response body exceeds 67108864 bytes; not read further [target=${target}]`;

	test('80 MiB with Content-Length: refused from the header, the body left unread, not retried', async () => {
		const run = await runFault(server.url, server, [{ kind: 'largeBody', bytes: 80 * mib, declareLength: true }]);
		expectRun(run, { status: 'failed', error: 'UnexpectedResponseError', says: tooLarge(), attempts: 1, requests: 1, elapsedMs: 0 });
		await waitFor(() => server.log[0]?.state === 'closed');
		expect(server.log[0]?.bytesSent).toBeLessThan(80 * mib);
	});

	test('80 MiB without Content-Length: reading stops past 64 MiB, not retried', async () => {
		const run = await runFault(server.url, server, [{ kind: 'largeBody', bytes: 80 * mib, declareLength: false }]);
		expectRun(run, { status: 'failed', error: 'UnexpectedResponseError', says: tooLarge(), attempts: 1, requests: 1, elapsedMs: 0 });
		await waitFor(() => server.log[0]?.state === 'closed');
		expect(server.log[0]?.bytesSent).toBeGreaterThan(64 * mib);
		expect(server.log[0]?.bytesSent).toBeLessThan(80 * mib);
	});

	test('exactly 64 MiB is still read whole', async () => {
		const run = await runFault(server.url, server, [{ kind: 'largeBody', bytes: 64 * mib, declareLength: false }]);
		expectRun(run, {
			status: 'failed',
			error: 'UnexpectedResponseError',
			says: `[A2A_ERROR] response is not JSON: invalid JSON [target=${target}]`,
			attempts: 1,
			requests: 1,
			elapsedMs: 0,
		});
		expect(server.log[0]?.state).toBe('finished');
	});
});
