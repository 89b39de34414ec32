// Issue 10: ky builds each request (the platform URL as prefix, the query, the JSON body, the headers
// in a hook); the runtime's own fetch then gets URL and init, not ky's Request, so it neither copies
// the request nor follows a second signal. An injected fetch still gets one Request.
import { afterEach, expect, test, vi } from 'vitest';
import { createA2AClient } from '../../src/index.js';
import { FakeClock, drive } from '../helpers/fake-clock.js';
import { PEER_ID, PLATFORM_URL, sequentialUuid, TOKEN, WORKSPACE_ID } from '../helpers/ids.js';
import { json } from '../helpers/scripted-fetch.js';

afterEach(() => {
	vi.unstubAllGlobals();
});

const reply = (): Response => json({ jsonrpc: '2.0', id: '00000000-0000-4000-8000-000000000002', result: 'pong' });

test("the runtime's fetch gets the URL and an init: method, headers, the JSON text, a live signal, no redirects", async () => {
	const runtimeFetch = vi.fn(async (_input: unknown, _init?: RequestInit) => reply());
	vi.stubGlobal('fetch', runtimeFetch);
	const clock = new FakeClock();
	const client = createA2AClient({ workspaceId: WORKSPACE_ID, platformUrl: PLATFORM_URL, token: TOKEN, clock, uuid: sequentialUuid(), origin: 'https://canvas.test' });
	expect(await drive(client.sendMessage(PEER_ID, 'ping'), clock)).toMatchObject({ status: 'replied', text: 'pong' });
	const [input, init] = runtimeFetch.mock.calls[0] ?? [];
	expect(input).toBe(`${PLATFORM_URL}/workspaces/${PEER_ID}/a2a`);
	expect(init).toMatchObject({ method: 'POST', redirect: 'manual' });
	expect(Object.fromEntries(new Headers(init?.headers))).toEqual({
		authorization: `Bearer ${TOKEN}`,
		'content-type': 'application/json',
		origin: 'https://canvas.test',
		'x-workspace-id': WORKSPACE_ID,
	});
	expect(JSON.parse(init?.body as string)).toMatchObject({ jsonrpc: '2.0', method: 'message/send', params: { message: { parts: [{ kind: 'text', text: 'ping' }] } } });
	expect(init?.signal?.aborted).toBe(false);
});

test("the runtime's fetch is looked up for each request, so one installed later is used", async () => {
	const first = vi.fn(async () => json([]));
	const second = vi.fn(async () => json([]));
	vi.stubGlobal('fetch', first);
	const client = createA2AClient({ workspaceId: WORKSPACE_ID, platformUrl: PLATFORM_URL });
	await client.listPeers();
	vi.stubGlobal('fetch', second);
	await client.listPeers();
	expect([first.mock.calls.length, second.mock.calls.length]).toEqual([1, 1]);
});

test('a GET carries no body and no Content-Type, and its query comes from the parameters', async () => {
	const runtimeFetch = vi.fn(async (_input: unknown, _init?: RequestInit) => json([]));
	vi.stubGlobal('fetch', runtimeFetch);
	const client = createA2AClient({ workspaceId: WORKSPACE_ID, platformUrl: PLATFORM_URL });
	await client.listPeers({ q: 'a&b=c' });
	const [input, init] = runtimeFetch.mock.calls[0] ?? [];
	expect(new URL(input as string).searchParams.get('q')).toBe('a&b=c');
	expect(init).toMatchObject({ method: 'GET', body: null });
	expect(new Headers(init?.headers).has('content-type')).toBe(false);
});

test('an injected fetch gets one Request, which carries the same request and the deadline as its signal', async () => {
	const seen: Request[] = [];
	const clock = new FakeClock();
	const client = createA2AClient({
		workspaceId: WORKSPACE_ID,
		platformUrl: PLATFORM_URL,
		token: TOKEN,
		clock,
		uuid: sequentialUuid(),
		timeouts: { sendMs: 1000 },
		retry: { maxAttempts: 1 },
		fetch: (request) => {
			seen.push(request);
			return new Promise(() => {});
		},
	});
	const outcome = await drive(client.sendMessage(PEER_ID, 'ping'), clock);
	expect(outcome).toMatchObject({ status: 'failed', error: { name: 'TransportError', kind: 'ReadTimeout' } });
	expect(seen).toHaveLength(1);
	const [request] = seen;
	expect([request?.method, request?.url, request?.headers.get('content-type'), request?.redirect]).toEqual(['POST', `${PLATFORM_URL}/workspaces/${PEER_ID}/a2a`, 'application/json', 'manual']);
	expect(request?.signal.aborted).toBe(true);
});
