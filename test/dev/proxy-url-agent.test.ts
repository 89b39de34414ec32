import { describe, expect, test } from 'vitest';
import { as, id, messageSend, send, setup } from './helpers.js';

const target = id(1);
const agentUrl = 'https://agent.example.com/a2a';
const a2a = `/workspaces/${target}/a2a`;

type FetchLike = (request: Request) => Promise<Response>;

function platformWith(fetch: FetchLike) {
	return setup([{ id: target, name: 'Remote', tokens: ['target-token'], inboundSecret: 'remote-secret', agent: agentUrl }], { fetch }).platform;
}

const self = as(target, 'target-token');

/** A network failure as undici reports it: a TypeError whose cause carries the code. */
function networkError(code: string, message: string): TypeError {
	return new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
}

describe('POST /workspaces/:id/a2a: agents reached by URL', () => {
	test('the envelope is POSTed to the agent URL as JSON', async () => {
		const seen: Request[] = [];
		const platform = platformWith(async (request) => {
			seen.push(request);
			return new Response('{}');
		});
		await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(seen[0]?.url).toBe(agentUrl);
		expect(seen[0]?.method).toBe('POST');
		expect(seen[0]?.headers.get('Content-Type')).toBe('application/json');
	});

	test("a 2xx answer is passed through byte for byte, whatever the agent's content type", async () => {
		const raw = '{"jsonrpc":"2.0","id":"request-1","result":{"kind":"message","parts":[]}}  ';
		const platform = platformWith(async () => new Response(raw, { status: 200, headers: { 'Content-Type': 'text/plain' } }));
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.text).toBe(raw);
		expect(answer.headers.get('Content-Type')).toBe('application/json');
	});

	test("a non-2xx answer becomes {error} with the agent's status", async () => {
		const platform = platformWith(async () => new Response('<html>oops</html>', { status: 503 }));
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.status).toBe(503);
		expect(answer.json).toEqual({ error: 'Service Unavailable' });
	});

	test('a connection reset is a busy agent: the request is queued', async () => {
		const platform = platformWith(async () => {
			throw networkError('ECONNRESET', 'read ECONNRESET');
		});
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.status).toBe(202);
	});

	test('a server that closed without answering (EOF) is a busy agent', async () => {
		const platform = platformWith(async () => {
			throw networkError('UND_ERR_SOCKET', 'other side closed');
		});
		expect((await send(platform, a2a, { headers: self, body: messageSend('hi') })).status).toBe(202);
	});

	test('a refused connection answers 502 failed to reach workspace agent', async () => {
		const platform = platformWith(async () => {
			throw networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9');
		});
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.status).toBe(502);
		expect(answer.json).toEqual({ error: 'failed to reach workspace agent' });
	});

	test('a body that breaks off after the headers answers 502 with delivery_confirmed true', async () => {
		const broken = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new TextEncoder().encode('{"jsonrpc":'));
				controller.error(new TypeError('terminated'));
			},
		});
		const platform = platformWith(async () => new Response(broken, { status: 200 }));
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.status).toBe(502);
		expect(answer.json).toEqual({ error: 'failed to read agent response', delivery_confirmed: true, truncated: false, max_bytes: 67108864 });
	});

	test('a body lost after a 4xx status is reported with delivery_confirmed false', async () => {
		const broken = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.error(new TypeError('terminated'));
			},
		});
		const platform = platformWith(async () => new Response(broken, { status: 400 }));
		// Updated for addendum §4.3 row 29: a lost body after a status >= 300 keeps the agent's status.
		const answer = await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'failed to read agent response', delivery_confirmed: false, truncated: false, max_bytes: 67108864 });
	});

	test('a workspace with only a registered url is dispatched to it', async () => {
		const seen: string[] = [];
		const { platform } = setup([{ id: target, name: 'Registered', url: 'https://registered.example.com', tokens: ['target-token'] }], {
			fetch: async (request) => {
				seen.push(request.url);
				return new Response('{}');
			},
		});
		await send(platform, a2a, { headers: self, body: messageSend('hi') });
		expect(seen).toEqual(['https://registered.example.com/']);
	});
});
