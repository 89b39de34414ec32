// Issue 9, item 4: the injected fetch is called as a plain function, and a request fetch refuses to
// send (wrong receiver, bad URL, port or header) is a ConfigError naming `fetch`, never retried.
import { describe, expect, test } from 'vitest';
import { ConfigError, formatA2AError, type FetchFunction } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { PEER_ID, PLATFORM_URL } from '../helpers/ids.js';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';

const target = `${PLATFORM_URL}/workspaces/${PEER_ID}/a2a`;

/** A fetch that, like Chromium's and workerd's own, refuses any receiver but none (or the global object). */
function receiverCheckingFetch(refuse: 'reject' | 'throw'): { fetch: FetchFunction; receivers: unknown[] } {
	const receivers: unknown[] = [];
	const fetch = function (this: unknown, _request: Request): Promise<Response> {
		receivers.push(this);
		if (this !== undefined && this !== globalThis) {
			const error = new TypeError("Failed to execute 'fetch' on 'Window': Illegal invocation");
			if (refuse === 'throw') throw error;
			return Promise.reject(error);
		}
		return Promise.resolve(json({ jsonrpc: '2.0', id: '00000000-0000-4000-8000-000000000002', result: 'pong' }));
	};
	return { fetch, receivers };
}

async function sendWith(fetch: FetchFunction) {
	const { client, clock, logs } = testClient(fetch);
	const outcome = await drive(client.sendMessage(PEER_ID, 'ping'), clock);
	return { outcome, clock, logs, client };
}

describe('the injected fetch is called without a receiver', () => {
	test('fetch sees no `this`', async () => {
		const { fetch, receivers } = receiverCheckingFetch('reject');
		await sendWith(fetch);
		expect(receivers).toEqual([undefined]);
	});

	test('a runtime fetch that rejects a foreign receiver (Chromium) works when passed unbound', async () => {
		const { outcome } = await sendWith(receiverCheckingFetch('reject').fetch);
		expect(outcome).toMatchObject({ status: 'replied', text: 'pong', attempts: 1 });
	});

	test('a runtime fetch that throws on a foreign receiver (workerd) works when passed unbound', async () => {
		const { outcome } = await sendWith(receiverCheckingFetch('throw').fetch);
		expect(outcome).toMatchObject({ status: 'replied', text: 'pong', attempts: 1 });
	});

	test('the registry calls fetch without a receiver too', async () => {
		const receivers: unknown[] = [];
		const fetch = function (this: unknown): Promise<Response> {
			receivers.push(this);
			return Promise.resolve(json([]));
		};
		const { client } = testClient(fetch);
		await client.listPeers();
		await client.discoverPeer(PEER_ID);
		await client.getPeerMetadata(PEER_ID);
		await client.getWorkspaceInfo();
		expect(receivers).toEqual([undefined, undefined, undefined, undefined]);
	});
});

describe('a request fetch refuses to send is a ConfigError naming fetch, not retried', () => {
	test('a TypeError thrown synchronously (workerd: Illegal invocation) is not retried and says how to fix it', async () => {
		const illegal = new TypeError(
			'Illegal invocation: function called with incorrect `this` reference. See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.',
		);
		let calls = 0;
		const { outcome, clock } = await sendWith(() => {
			calls++;
			throw illegal;
		});
		expect(calls).toBe(1);
		expect(clock.now()).toBe(0);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 1 });
		const error = outcome.status === 'failed' ? outcome.error : undefined;
		expect(error).toBeInstanceOf(ConfigError);
		expect(error).toMatchObject({ field: 'fetch', target, cause: illegal });
		expect(error?.message).toBe(`fetch refused the request before sending it: TypeError: ${illegal.message}; pass a bound function, e.g. (request) => env.SERVICE.fetch(request)`);
		expect(formatA2AError(error)).toMatch(/^\[A2A_ERROR\] ConfigError: fetch refused the request before sending it: TypeError: Illegal invocation/);
	});

	test('any error fetch throws synchronously is not retried', async () => {
		let calls = 0;
		const { outcome } = await sendWith(() => {
			calls++;
			throw new Error('no transport configured');
		});
		expect(calls).toBe(1);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 1, error: { name: 'ConfigError', field: 'fetch' } });
		expect(outcome.status === 'failed' && outcome.error.message).toBe('fetch refused the request before sending it: Error: no transport configured');
	});

	const undiciCause = (message: string, code?: string): Error => Object.assign(new Error(message), code === undefined ? {} : { code });
	test.each([
		['Chromium: Illegal invocation', new TypeError("Failed to execute 'fetch' on 'Window': Illegal invocation")],
		['Chromium: bad header value', new TypeError("Failed to execute 'fetch' on 'Window': Invalid value")],
		['Chromium: bad URL', new TypeError("Failed to execute 'fetch' on 'WorkerGlobalScope': Failed to parse URL from x")],
		['undici: bad header value', new TypeError('Headers.append: "b\nc" is an invalid header value.')],
		['undici: bad URL', new TypeError('Failed to parse URL from nota url', { cause: Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' }) })],
		['undici: blocked port', new TypeError('fetch failed', { cause: undiciCause('bad port') })],
		['undici: GET with a body', new TypeError('Request with GET/HEAD method cannot have body.')],
		['Deno: bad header name', new TypeError('Invalid header name: "a b"')],
		['Deno: blocked port', new TypeError('Fetch failed: Requests to port 1 are blocked')],
		['Deno: bad scheme', new TypeError("Url scheme 'ftp' not supported")],
		['Bun: bad header value', new TypeError("Header 'a' has invalid value")],
		['Bun: bad URL', new TypeError('fetch() URL is invalid')],
		['workerd: bad header value', new TypeError('Invalid header value.')],
		['workerd: bad scheme', new TypeError('Fetch API cannot load: ftp://127.0.0.1/')],
	])('%s', async (_runtime, refused) => {
		const fetch = scriptedFetch(refused, json({ result: 'never' }));
		const { outcome, clock } = await sendWith(fetch.fetch);
		expect(fetch.calls).toHaveLength(1);
		expect(clock.now()).toBe(0);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 1, error: { name: 'ConfigError', field: 'fetch', target, cause: refused } });
		expect(outcome.status === 'failed' && outcome.error.message).toContain(`fetch refused the request before sending it: TypeError: ${refused.message}`);
	});

	test('network TypeErrors are still retried', async () => {
		const fetch = scriptedFetch(new TypeError('Failed to fetch'), new TypeError('fetch failed', { cause: undiciCause('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED') }), json({ jsonrpc: '2.0', id: '00000000-0000-4000-8000-000000000002', result: 'ok' }));
		const { outcome } = await sendWith(fetch.fetch);
		expect(outcome).toMatchObject({ status: 'replied', text: 'ok', attempts: 3 });
	});

	test('a malformed response header (undici: a parse error in the cause) is a network failure, retried', async () => {
		const parseError = Object.assign(new Error('Parse Error: Invalid header value char'), { name: 'HTTPParserError', code: 'HPE_INVALID_HEADER_TOKEN' });
		const fetch = scriptedFetch(new TypeError('fetch failed', { cause: parseError }), json({ jsonrpc: '2.0', id: '00000000-0000-4000-8000-000000000002', result: 'ok' }));
		const { outcome } = await sendWith(fetch.fetch);
		expect(outcome).toMatchObject({ status: 'replied', attempts: 2 });
	});

	test('workerd network failures, plain Errors, are ConnectErrors and retried', async () => {
		const fetch = scriptedFetch(new Error('Network connection lost.'), new Error('internal error; reference = 3cba4vo4q3ch748h3iormpqf'), json({ jsonrpc: '2.0', id: '00000000-0000-4000-8000-000000000002', result: 'ok' }));
		const { client, clock, logs } = testClient(fetch.fetch);
		const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(outcome).toMatchObject({ status: 'replied', attempts: 3 });
		expect(logs.filter((line) => line.startsWith('warn '))).toEqual([
			expect.stringContaining('transient ConnectError on attempt 1/5'),
			expect.stringContaining('transient ConnectError on attempt 2/5'),
		]);
	});

	test('listPeers names a refused fetch, not the token', async () => {
		const { client } = testClient(() => {
			throw new TypeError('Illegal invocation');
		});
		const { diagnostic } = await client.listPeers();
		expect(diagnostic).toBe(
			`Cannot reach platform at ${PLATFORM_URL}: fetch refused the request before sending it: TypeError: Illegal invocation; pass a bound function, e.g. (request) => env.SERVICE.fetch(request)`,
		);
	});
});
