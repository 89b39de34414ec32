import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { checkOptions, type OptionChecks } from '../arguments.js';
import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { webSocketUpgrades, type WebSocketHandshake } from './upgrade.js';

/**
 * Where `serve` listens. A member that is not what it should be rejects with a `ConfigError` naming it.
 *
 * @example
 * await serve(platform.fetch, { host: '0.0.0.0', port: 8080 });
 */
export interface ServeOptions {
	/**
	 * The interface to bind, a host name or IP address. The default lets nothing outside this machine connect.
	 *
	 * @default '127.0.0.1'
	 */
	host?: string;
	/**
	 * The port, a whole number from 0 to 65535; `0` lets the system choose a free one (read it from `RunningServer.port`).
	 *
	 * @default 0
	 */
	port?: number;
	/**
	 * Serves WebSocket upgrades (with the `ws` package): each handshake goes to this hook, which
	 * answers the accepted socket or the refusal. Pass the dev platform's `webSocket` to serve its
	 * `/ws` (docs/platform-contract.md §15.4). Without it, upgrade requests are dropped.
	 *
	 * @default none
	 */
	webSocket?: WebSocketHandshake;
}

const serveOptionChecks: OptionChecks = {
	host: [(value) => typeof value === 'string' && value.trim() !== '', 'a host name or IP address'],
	port: [(value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 65_535, 'a whole number from 0 to 65535'],
	webSocket: [(value) => typeof value === 'function', 'a WebSocket handshake function (platform.webSocket)'],
};

/**
 * A server `serve` started.
 *
 * @example
 * const server = await serve(platform.fetch);
 * const client = createA2AClient({ workspaceId, token, platformUrl: server.url });
 * await server.close();
 */
export interface RunningServer {
	/** `http://<host>:<port>`, no trailing slash; an IPv6 host in brackets. */
	readonly url: string;
	/** The port it listens on: the one asked for, or the one the system chose. */
	readonly port: number;
	/**
	 * Stops listening and destroys open connections; resolves once the server is closed.
	 *
	 * @example
	 * afterAll(() => server.close());
	 */
	close(): Promise<void>;
}

/** A WHATWG body that pulls from the Node stream only as fast as the handler reads. */
function bodyOf(incoming: IncomingMessage): ReadableStream<Uint8Array> {
	const chunks = incoming[Symbol.asyncIterator]();
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { done, value } = (await chunks.next()) as IteratorResult<Uint8Array>;
			if (done) controller.close();
			else controller.enqueue(new Uint8Array(value));
		},
		cancel() {
			incoming.destroy();
		},
	});
}

function toRequest(incoming: IncomingMessage, origin: string): Request {
	const headers = new Headers();
	for (let index = 0; index + 1 < incoming.rawHeaders.length; index += 2) {
		headers.append(incoming.rawHeaders[index] ?? '', incoming.rawHeaders[index + 1] ?? '');
	}
	const method = incoming.method ?? 'GET';
	const url = new URL(incoming.url ?? '/', origin);
	const init: RequestInit & { duplex?: 'half' } = { method, headers };
	if (method !== 'GET' && method !== 'HEAD') {
		init.body = bodyOf(incoming);
		init.duplex = 'half';
	}
	return new Request(url, init);
}

async function writeResponse(response: Response, outgoing: ServerResponse, method: string): Promise<void> {
	const headers: Record<string, string | string[]> = {};
	response.headers.forEach((value, name) => {
		if (name !== 'set-cookie') headers[name] = value;
	});
	const cookies = response.headers.getSetCookie();
	if (cookies.length > 0) headers['set-cookie'] = cookies;
	outgoing.writeHead(response.status, headers);
	if (!response.body || method === 'HEAD') {
		await response.body?.cancel();
		outgoing.end();
		return;
	}
	const reader = response.body.getReader();
	outgoing.once('close', () => void reader.cancel().catch(() => {}));
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		if (!outgoing.write(value)) await drained(outgoing);
	}
	outgoing.end();
}

/** Resolves once the socket drains or closes, leaving no listener behind either way. */
function drained(outgoing: ServerResponse): Promise<void> {
	return new Promise((resolve) => {
		const done = (): void => {
			outgoing.off('drain', done).off('close', done);
			resolve();
		};
		outgoing.on('drain', done).on('close', done);
	});
}

/**
 * Serves a fetch handler over node:http: the dev platform in a Node process, reachable by a
 * browser, another process or the CLI; with `webSocket`, its `/ws` too. A handler that rejects gets its connection destroyed
 * with no response, which the client sees as a dropped connection. A handler that is not a function,
 * or an option that is not what it should be, rejects with a `ConfigError` naming it before anything listens.
 *
 * @returns The `RunningServer`, once it listens.
 * @throws {ConfigError} naming `handler`, `options`, `options.host`, `options.port` or `options.webSocket` when it is not what it should be.
 * @example
 * const platform = createDevPlatform({ workspaces: demoOrg().workspaces });
 * const server = await serve(platform.fetch, { port: 8080, webSocket: platform.webSocket });
 */
export async function serve(handler: (request: Request) => Promise<Response>, options?: ServeOptions): Promise<RunningServer> {
	// Checked before the server exists: a wrong argument leaves nothing listening.
	if (typeof handler !== 'function') throw new ConfigError('handler', `must be a fetch handler function, got ${kindOf(handler)}`);
	const checked = checkOptions(options, serveOptionChecks);
	const host = checked.host ?? '127.0.0.1';
	const sockets = new Set<Socket>();
	const hostInUrl = host.includes(':') ? `[${host}]` : host;
	let origin = '';

	// The Host header names the origin the client used; fall back to where we listen.
	const requestOf = (incoming: IncomingMessage): Request => toRequest(incoming, incoming.headers.host ? `http://${incoming.headers.host}` : origin);
	const server = createServer((incoming, outgoing) => {
		let request: Request;
		try {
			request = requestOf(incoming);
		} catch {
			outgoing.writeHead(400, { 'Content-Type': 'text/plain' }).end('400 Bad Request');
			return;
		}
		const respond = async (): Promise<void> => {
			await writeResponse(await handler(request), outgoing, request.method);
		};
		respond().catch(() => {
			outgoing.destroy();
			incoming.socket.destroy();
		});
	});
	const upgrades = checked.webSocket ? webSocketUpgrades(checked.webSocket, requestOf) : undefined;
	if (upgrades) server.on('upgrade', upgrades.upgrade);
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(checked.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	origin = `http://${hostInUrl}:${port}`;
	return {
		url: origin,
		port,
		close: () =>
			new Promise<void>((resolve, reject) => {
				upgrades?.close();
				for (const socket of sockets) socket.destroy();
				if (!server.listening) resolve();
				else server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}
