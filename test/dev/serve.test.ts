import { afterEach, describe, expect, test } from 'vitest';
import { agents, createDevPlatform } from '../../src/dev/index.js';
import { serve, type RunningServer } from '../../src/node/serve.js';
import { id, messageSend } from './helpers.js';

const running: RunningServer[] = [];

async function start(handler: (request: Request) => Promise<Response>): Promise<RunningServer> {
	const server = await serve(handler, { host: '127.0.0.1', port: 0 });
	running.push(server);
	return server;
}

afterEach(async () => {
	await Promise.all(running.splice(0).map((server) => server.close()));
});

describe('serve (Node adapter)', () => {
	test('listens on 127.0.0.1 on a free port by default', async () => {
		const server = await serve(async () => new Response('ok'));
		running.push(server);
		expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
		expect(server.port).toBeGreaterThan(0);
	});

	test('serves the dev platform: a message round trip over real HTTP', async () => {
		const target = id(1);
		const platform = createDevPlatform({ workspaces: [{ id: target, name: 'Echo', tokens: ['echo-token'], agent: agents.echo() }] });
		const server = await start(platform.fetch);
		const response = await fetch(`${server.url}/workspaces/${target}/a2a`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: 'Bearer echo-token' },
			body: JSON.stringify(messageSend('over the wire')),
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ result: { parts: [{ text: 'echo: over the wire' }] } });
		expect(platform.requests[0]).toMatchObject({ method: 'POST', path: `/workspaces/${target}/a2a`, headers: { host: `127.0.0.1:${server.port}` } });
	});

	test('the request URL, method, headers and streamed body reach the handler', async () => {
		const server = await start(async (request) => {
			const body = await request.text();
			return Response.json({ url: request.url, method: request.method, header: request.headers.get('x-custom'), length: body.length });
		});
		const big = 'x'.repeat(3 * 1024 * 1024);
		const response = await fetch(`${server.url}/path?q=1`, { method: 'PUT', headers: { 'X-Custom': 'yes' }, body: big });
		expect(await response.json()).toEqual({ url: `${server.url}/path?q=1`, method: 'PUT', header: 'yes', length: big.length });
	});

	test('a streamed response body arrives whole, with status and headers', async () => {
		const encoder = new TextEncoder();
		const server = await start(async () => {
			let sent = 0;
			const body = new ReadableStream<Uint8Array>({
				pull(controller) {
					if (sent++ === 100) controller.close();
					else controller.enqueue(encoder.encode('chunk '.repeat(1000)));
				},
			});
			return new Response(body, { status: 207, headers: { 'Content-Type': 'text/plain', 'X-Answer': '42' } });
		});
		const response = await fetch(server.url);
		expect(response.status).toBe(207);
		expect(response.headers.get('x-answer')).toBe('42');
		expect((await response.text()).length).toBe(100 * 6000);
	});

	test('several Set-Cookie headers stay separate', async () => {
		const server = await start(async () => {
			const headers = new Headers();
			headers.append('Set-Cookie', 'a=1; Path=/');
			headers.append('Set-Cookie', 'b=2, with comma; Path=/');
			return new Response(null, { status: 204, headers });
		});
		const response = await fetch(server.url);
		expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2, with comma; Path=/']);
	});

	test('a HEAD request gets headers and no body', async () => {
		const server = await start(async () => new Response('body', { headers: { 'X-Seen': 'yes' } }));
		const response = await fetch(server.url, { method: 'HEAD' });
		expect(response.headers.get('x-seen')).toBe('yes');
		expect(await response.text()).toBe('');
	});

	test('a handler that rejects becomes a dropped connection, which fetch reports as a TypeError', async () => {
		const server = await start(async () => {
			throw new Error('no');
		});
		await expect(fetch(server.url)).rejects.toBeInstanceOf(TypeError);
	});

	test("the dev platform's dropConnections drops real connections", async () => {
		const platform = createDevPlatform({ workspaces: [] });
		const server = await start(platform.fetch);
		platform.dropConnections(1);
		await expect(fetch(`${server.url}/health`)).rejects.toBeInstanceOf(TypeError);
		expect((await fetch(`${server.url}/health`)).status).toBe(200);
	});

	test('close() stops listening and destroys open connections', async () => {
		let arrived = (): void => {};
		const reached = new Promise<void>((resolve) => (arrived = resolve));
		const server = await start(() => {
			arrived();
			return new Promise<Response>(() => {});
		});
		const outcome = fetch(server.url).then(
			() => 'answered',
			(error: unknown) => error,
		);
		await reached;
		await server.close();
		expect(await outcome).toBeInstanceOf(TypeError);
		await expect(fetch(server.url)).rejects.toBeInstanceOf(TypeError);
	});
});
