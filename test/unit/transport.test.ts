import { describe, expect, test } from 'vitest';
import { formatA2AError, TransportError, UnexpectedResponseError } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { PEER_ID, PLATFORM_URL } from '../helpers/ids.js';
import { json, networkError, scriptedFetch, type Step } from '../helpers/scripted-fetch.js';

const target = `${PLATFORM_URL}/workspaces/${PEER_ID}/a2a`;

async function failure(step: Step) {
	const { client } = testClient(scriptedFetch(step).fetch, { retry: { maxAttempts: 1 } });
	const outcome = await client.sendMessage(PEER_ID, 'x');
	if (outcome.status !== 'failed') throw new Error(`expected a failure, got ${outcome.status}`);
	return outcome.error;
}

describe('transport failure mapping', () => {
	test.each([
		['Node: refused', networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), 'ConnectError', 'connect ECONNREFUSED 127.0.0.1:1'],
		['Node: DNS', networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND h'), 'ConnectError', 'getaddrinfo ENOTFOUND h'],
		['Node: reset before headers', networkError('ECONNRESET', 'read ECONNRESET'), 'RemoteProtocolError', 'read ECONNRESET'],
		['Node: closed before headers', networkError('UND_ERR_SOCKET', 'other side closed'), 'RemoteProtocolError', 'other side closed'],
		['Node: connect timeout', networkError('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error'), 'ConnectTimeout', 'Connect Timeout Error'],
		['Bun: refused', Object.assign(new TypeError('ECONNREFUSED: Unable to connect.'), { code: 'ECONNREFUSED' }), 'ConnectError', 'ECONNREFUSED: Unable to connect.'],
		['Bun: reset', Object.assign(new TypeError('ECONNRESET: The socket connection was closed unexpectedly.'), { code: 'ECONNRESET' }), 'RemoteProtocolError', 'ECONNRESET: The socket connection was closed unexpectedly.'],
		['Deno: closed', new TypeError('fetch failed', { cause: new Error('client error (SendRequest): connection closed before message completed') }), 'RemoteProtocolError', 'client error (SendRequest): connection closed before message completed'],
		['browser', new TypeError('Failed to fetch'), 'ConnectError', 'Failed to fetch'],
		['workerd', new TypeError('Network connection lost.'), 'ConnectError', 'Network connection lost.'],
	])('%s is a %s', async (_runtime, error, kind, message) => {
		const mapped = await failure(error);
		expect(mapped).toBeInstanceOf(TransportError);
		expect(mapped).toMatchObject({ kind, message, target });
	});

	test('a body that breaks off mid-read is a ReadError', async () => {
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new TextEncoder().encode('{"jsonrpc":'));
				controller.error(new TypeError('terminated', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }));
			},
		});
		const mapped = await failure(() => new Response(body, { status: 200 }));
		expect(mapped).toMatchObject({ kind: 'ReadError', message: 'read ECONNRESET' });
		expect(formatA2AError(mapped)).toBe(`[A2A_ERROR] ReadError: read ECONNRESET [target=${target}]`);
	});

	test('a network failure without a message keeps the Python fallback wording', async () => {
		expect(formatA2AError(await failure(new TypeError('')))).toBe(
			`[A2A_ERROR] ConnectError (no message — likely connection reset or silent timeout) [target=${target}]`,
		);
	});
});

describe('transport limits', () => {
	// Updated for addendum §4.1: the platform relays replies up to 64 MiB (was 10 MiB), and so does the client.
	test('refuses a declared body over 64 MiB without reading it', async () => {
		let pulled = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				pulled++;
				controller.enqueue(new Uint8Array(1024));
			},
		});
		const mapped = await failure(() => new Response(body, { headers: { 'content-length': String(64 * 1024 * 1024 + 1) } }));
		expect(mapped).toBeInstanceOf(UnexpectedResponseError);
		expect(mapped.message).toBe('response body exceeds 67108864 bytes; not read further');
		expect(pulled).toBeLessThanOrEqual(1);
	});

	test('stops reading an undeclared body once it passes 64 MiB', async () => {
		let sent = 0;
		const chunk = new Uint8Array(1024 * 1024).fill(32);
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				sent += chunk.byteLength;
				controller.enqueue(chunk);
			},
		});
		const mapped = await failure(() => new Response(body));
		expect(mapped).toBeInstanceOf(UnexpectedResponseError);
		expect(sent).toBeGreaterThan(64 * 1024 * 1024);
		expect(sent).toBeLessThanOrEqual(66 * 1024 * 1024);
	});

	test('does not follow a redirect, and reports its status', async () => {
		const fetch = scriptedFetch(new Response(null, { status: 307, headers: { location: 'https://elsewhere.example/steal' } }));
		const { client } = testClient(fetch.fetch, { retry: { maxAttempts: 1 } });
		const outcome = await client.sendMessage(PEER_ID, 'x');
		expect(outcome).toMatchObject({ status: 'failed', error: { name: 'HttpError', status: 307 } });
		expect(fetch.calls).toHaveLength(1);
	});

	test('asks fetch not to follow redirects', async () => {
		let mode: RequestRedirect | undefined;
		const { client } = testClient(
			scriptedFetch((request) => {
				mode = request.redirect;
				return json({ result: 'ok' });
			}).fetch,
		);
		await client.sendMessage(PEER_ID, 'x');
		expect(mode).toBe('manual');
	});

	test('an opaque redirect (browsers) is an UnexpectedResponseError', async () => {
		const opaque = Object.defineProperty(new Response(null, { status: 200 }), 'type', { value: 'opaqueredirect' });
		const mapped = await failure(() => opaque);
		expect(mapped).toMatchObject({ name: 'UnexpectedResponseError', message: 'the platform answered with a redirect, which is not followed' });
	});
});
