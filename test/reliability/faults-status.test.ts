// Error statuses over real loopback sockets: 5xx and 429, with and without a wait to honour.
import { describe, test } from 'vitest';
import { replyFault, respondJson, type FaultServer } from './fault-server.js';
import { expectRun, runFault, targetOf, useFaultServer } from './harness.js';

let server: FaultServer;
let target: string;

useFaultServer((started) => {
	server = started;
	target = targetOf(started.url);
});

const date = 'Tue, 24 Nov 2026 10:00:00 GMT';

describe('5xx answers', () => {
	test('500 without Retry-After: HttpError, not retried', async () => {
		const run = await runFault(server.url, server, [respondJson({ error: 'internal error' }, 500), replyFault('never')]);
		expectRun(run, { status: 'failed', error: 'HttpError', says: `[A2A_ERROR] HTTP 500: internal error [target=${target}]`, attempts: 1, requests: 1, elapsedMs: 0 });
	});

	test('500 with Retry-After: HttpError, not retried (only 429 and 503 wait)', async () => {
		const run = await runFault(server.url, server, [respondJson({ error: 'internal error' }, 500, { 'retry-after': '5' }), replyFault('never')]);
		expectRun(run, {
			status: 'failed',
			error: 'HttpError',
			says: `[A2A_ERROR] HTTP 500: internal error (retry_after=5s) [target=${target}]`,
			attempts: 1,
			requests: 1,
			elapsedMs: 0,
		});
	});

	test('502 HTML page: HttpError without a platform message, not retried', async () => {
		const page = { kind: 'respond', status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' } as const;
		const run = await runFault(server.url, server, [page, replyFault('never')]);
		expectRun(run, { status: 'failed', error: 'HttpError', says: `[A2A_ERROR] HTTP 502: no error message [target=${target}]`, attempts: 1, requests: 1, elapsedMs: 0 });
	});

	test('503 without Retry-After: HttpError, not retried', async () => {
		const run = await runFault(server.url, server, [respondJson({ error: 'workspace has no URL', status: 'offline' }, 503), replyFault('never')]);
		expectRun(run, { status: 'failed', error: 'HttpError', says: `[A2A_ERROR] HTTP 503: workspace has no URL [target=${target}]`, attempts: 1, requests: 1, elapsedMs: 0 });
	});

	test('503 with Retry-After: 2, then a reply: replied after exactly 2 s', async () => {
		const run = await runFault(server.url, server, [respondJson({ error: 'busy' }, 503, { 'retry-after': '2' }), replyFault('awake')]);
		expectRun(run, { status: 'replied', says: 'awake', attempts: 2, requests: 2, elapsedMs: 2000 });
	});

	test('503 with Retry-After: 2 every time: HttpError after 5 attempts and 4 waits', async () => {
		const run = await runFault(server.url, server, [respondJson({ error: 'busy' }, 503, { 'retry-after': '2' })]);
		expectRun(run, { status: 'failed', error: 'HttpError', says: `[A2A_ERROR] HTTP 503: busy (retry_after=2s) [target=${target}]`, attempts: 5, requests: 5, elapsedMs: 8000 });
	});

	test('503 with only a body retry_after (hibernation): retried after it', async () => {
		const waking = respondJson({ error: 'workspace is waking from hibernation — retry in ~15 seconds', waking: true, retry_after: 15 }, 503);
		const run = await runFault(server.url, server, [waking, replyFault('awake')]);
		expectRun(run, { status: 'replied', says: 'awake', attempts: 2, requests: 2, elapsedMs: 15_000 });
	});
});

describe('429 answers', () => {
	test('429 with Retry-After in seconds: retried after exactly that wait', async () => {
		const run = await runFault(server.url, server, [respondJson({ error: 'rate limit exceeded' }, 429, { 'retry-after': '3' }), replyFault('ok')]);
		expectRun(run, { status: 'replied', says: 'ok', attempts: 2, requests: 2, elapsedMs: 3000 });
	});

	test('429 with Retry-After as an HTTP date: the wait is measured against the response Date header', async () => {
		const limited = respondJson({ error: 'rate limit exceeded' }, 429, { date, 'retry-after': 'Tue, 24 Nov 2026 10:00:07 GMT' });
		const run = await runFault(server.url, server, [limited, replyFault('ok')]);
		expectRun(run, { status: 'replied', says: 'ok', attempts: 2, requests: 2, elapsedMs: 7000 });
	});

	test('429 with a Retry-After date already past: retried at once', async () => {
		const limited = respondJson({ error: 'rate limit exceeded' }, 429, { date, 'retry-after': 'Tue, 24 Nov 2026 09:59:00 GMT' });
		const run = await runFault(server.url, server, [limited, replyFault('ok')]);
		expectRun(run, { status: 'replied', says: 'ok', attempts: 2, requests: 2, elapsedMs: 0 });
	});

	test('429 with Retry-After: 3600: the wait is capped at 60 s', async () => {
		const run = await runFault(server.url, server, [respondJson({ error: 'rate limit exceeded' }, 429, { 'retry-after': '3600' }), replyFault('ok')]);
		expectRun(run, { status: 'replied', says: 'ok', attempts: 2, requests: 2, elapsedMs: 60_000 });
	});

	test('429 with Retry-After every time: gives up after 5 attempts, within the budget', async () => {
		const run = await runFault(server.url, server, [respondJson({ error: 'rate limit exceeded' }, 429, { 'retry-after': '3600' })]);
		expectRun(run, {
			status: 'failed',
			error: 'HttpError',
			says: `[A2A_ERROR] HTTP 429: rate limit exceeded (retry_after=3600s) [target=${target}]`,
			attempts: 5,
			requests: 5,
			elapsedMs: 4 * 60_000,
		});
	});

	test('429 with Retry-After: 0 every time: 5 attempts back to back (no floor on the wait)', async () => {
		const run = await runFault(server.url, server, [respondJson({ error: 'rate limit exceeded' }, 429, { 'retry-after': '0' })]);
		expectRun(run, {
			status: 'failed',
			error: 'HttpError',
			says: `[A2A_ERROR] HTTP 429: rate limit exceeded (retry_after=0s) [target=${target}]`,
			attempts: 5,
			requests: 5,
			elapsedMs: 0,
		});
	});

	test('429 without Retry-After: HttpError, not retried', async () => {
		const run = await runFault(server.url, server, [respondJson({ error: 'rate limit exceeded' }, 429), replyFault('never')]);
		expectRun(run, { status: 'failed', error: 'HttpError', says: `[A2A_ERROR] HTTP 429: rate limit exceeded [target=${target}]`, attempts: 1, requests: 1, elapsedMs: 0 });
	});
});
