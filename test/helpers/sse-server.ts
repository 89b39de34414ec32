// A loopback server of server-sent events that does, on cue, what real agents' servers never do in
// the conformance suite: keep-alive comments, a cut in the middle of an event, a clean close before
// the task ends, an `event: error`, a JSON error instead of a stream, a 5 MiB event, and silence.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the server does with one request: write to `response` (see the helpers below), or nothing. */
export type Respond = (response: ServerResponse, request: IncomingMessage) => void | Promise<void>;

export interface LoggedExchange {
	/** The request's path, e.g. `/stream` or `/subscribe/t-1`. */
	readonly path: string;
	/** Whether the response (and so the request) has ended, cleanly or not. */
	closed: boolean;
}

export interface SseServer {
	/** `http://127.0.0.1:<port>`. */
	readonly url: string;
	/** Every request, in order. */
	readonly log: readonly LoggedExchange[];
	/** Connections open right now. */
	readonly sockets: number;
	/** Replaces the script: per path prefix (`/stream`, `/subscribe`), the answers in order; the last repeats. */
	script(routes: Record<string, Respond[]>): void;
	/** Stops listening and destroys every socket. */
	close(): Promise<void>;
}

/** Starts the answer as an event stream: status 200, `text/event-stream`, headers sent at once. */
export function open(response: ServerResponse): ServerResponse {
	if (!response.headersSent) {
		response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
		response.flushHeaders();
	}
	return response;
}

/** Writes one event carrying `data` as JSON (a string as is), named `event` when given. */
export function send(response: ServerResponse, data: unknown, event?: string): void {
	open(response).write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

/** Writes a keep-alive comment. */
export function keepAlive(response: ServerResponse): void {
	open(response).write(': keep-alive\n\n');
}

/** Drops the connection without ending the response, optionally after the first half of one more event. */
export function cut(response: ServerResponse, halfOf?: unknown): void {
	if (halfOf !== undefined) {
		const frame = `data: ${JSON.stringify(halfOf)}\n\n`;
		open(response).write(frame.slice(0, Math.floor(frame.length / 2)));
	}
	// Once what was written has left: a cut after the bytes, not instead of them.
	open(response).write('', () => response.socket?.destroy());
}

/** Ends the response cleanly. */
export function end(response: ServerResponse): void {
	open(response).end();
}

/** Answers with JSON instead of a stream. */
export function json(response: ServerResponse, body: unknown, status = 200): void {
	response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Starts a server on 127.0.0.1, port 0. */
export async function startSseServer(): Promise<SseServer> {
	let routes: Record<string, Respond[]> = {};
	const served: Record<string, number> = {};
	const log: LoggedExchange[] = [];
	const sockets = new Set<Socket>();
	const server = createServer((request, response) => {
		const path = request.url ?? '/';
		const entry: LoggedExchange = { path, closed: false };
		log.push(entry);
		response.once('close', () => (entry.closed = true));
		const prefix = Object.keys(routes).find((key) => path.startsWith(key));
		const answers = prefix === undefined ? [] : (routes[prefix] ?? []);
		const index = Math.min((served[prefix ?? ''] = (served[prefix ?? ''] ?? -1) + 1), answers.length - 1);
		const respond = answers[index];
		if (!respond) {
			response.writeHead(404).end();
			return;
		}
		// The request body is not needed; read it so the exchange can go on.
		request.resume();
		Promise.resolve(respond(response, request)).catch(() => response.socket?.destroy());
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		log,
		get sockets() {
			return sockets.size;
		},
		script(next) {
			routes = next;
			for (const key of Object.keys(served)) delete served[key];
			log.length = 0;
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
