// events() over a real WebSocket (Node's own client, the `ws` package as the server) on 127.0.0.1,
// port 0: the sub-protocols as the platform reads them (addendum §9.14), frames, a server-side drop
// and the abort, on the fake clock (reconnect waits are drawn as 0 and fired with advance(0)).
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { CanvasEvent } from '../../src/canvas/index.js';
import { LEAD, testCanvas } from './helpers.js';

const token = 'org-token-for-the-socket-0123456789';
const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const frame = (n: number) => JSON.stringify({ event: 'WORKSPACE_HEARTBEAT', workspace_id: LEAD, timestamp: '2026-11-30T06:00:00Z', payload: { n } });

interface Server {
	url: string;
	/** The sub-protocols each connection offered, in order. */
	offers: string[][];
	sockets: ServerSocket[];
	close(): Promise<void>;
}

/** A /ws server that selects `molecule-ws` as the platform does, and refuses any other path. */
async function server(): Promise<Server> {
	const offers: string[][] = [];
	const sockets: ServerSocket[] = [];
	const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws', handleProtocols: (protocols) => (protocols.has('molecule-ws') ? 'molecule-ws' : false) });
	wss.on('connection', (socket, request) => {
		offers.push((request.headers['sec-websocket-protocol'] ?? '').split(',').map((item) => item.trim()));
		sockets.push(socket);
		socket.send(frame(sockets.length));
	});
	await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
	const { port } = wss.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		offers,
		sockets,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of wss.clients) socket.terminate();
				wss.close(() => resolve());
			}),
	};
}

let running: Server | undefined;
afterEach(async () => {
	await running?.close();
	running = undefined;
});

/** A canvas subscribed to the running server's /ws, its `next()` firing due fake timers while it waits. */
function subscribe(url: string) {
	const controller = new AbortController();
	const { canvas, clock } = testCanvas(async () => new Response('unused'), { platformUrl: url, auth: { token }, random: () => 0 });
	const iterator = canvas.events({ signal: controller.signal })[Symbol.asyncIterator]();
	const next = async (): Promise<CanvasEvent> => {
		const pending = iterator.next();
		let settled = false;
		void pending.finally(() => (settled = true));
		while (!settled) {
			await macrotask();
			clock.advance(0);
		}
		return (await pending).value as CanvasEvent;
	};
	return { controller, clock, iterator, next };
}

describe('events() over a real /ws', () => {
	test('offers molecule-ws, then molecule-auth. and the hex of the token', async () => {
		running = await server();
		const { next, controller } = subscribe(running.url);
		await next();
		const [offered] = running.offers;
		expect(offered?.[0]).toBe('molecule-ws');
		expect(Buffer.from(offered?.[1]?.replace(/^molecule-auth\./, '') ?? '', 'hex').toString('utf8')).toBe(token);
		controller.abort();
	});

	test("passes the server's frames on, typed", async () => {
		running = await server();
		const { next, controller } = subscribe(running.url);
		expect(await next()).toEqual({ type: 'WORKSPACE_HEARTBEAT', workspaceId: LEAD, at: '2026-11-30T06:00:00Z', payload: { n: 1 } });
		controller.abort();
	});

	test('a socket the server drops is reported and opened again', async () => {
		running = await server();
		const { next, controller } = subscribe(running.url);
		await next();
		running.sockets[0]?.terminate();
		expect(await next()).toMatchObject({ type: 'reconnecting', attempt: 1, delayMs: 0 });
		expect(await next()).toEqual({ type: 'reconnected', attempt: 1 });
		expect(await next()).toMatchObject({ type: 'WORKSPACE_HEARTBEAT', payload: { n: 2 } });
		controller.abort();
	});

	test('the abort closes the socket (code 1000) and leaves no timer', async () => {
		running = await server();
		const { next, controller, iterator, clock } = subscribe(running.url);
		await next();
		const closed = new Promise<number>((resolve) => running?.sockets[0]?.once('close', (code) => resolve(code)));
		const ending = iterator.next();
		controller.abort();
		expect(await ending).toEqual({ done: true, value: undefined });
		expect(await closed).toBe(1000);
		expect(clock.pendingTimers).toBe(0);
	});
});
