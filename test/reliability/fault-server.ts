// A loopback HTTP server that misbehaves on cue: each request takes the next scripted fault (the last repeats).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FIRST_REQUEST_ID } from '../helpers/ids.js';

type Headers = Readonly<Record<string, string>>;

export type Fault =
	/** An ordinary answer. */
	| { kind: 'respond'; status?: number; headers?: Headers; body?: string }
	/** TCP reset once the request is read, before any byte of the response. */
	| { kind: 'resetBeforeHeaders' }
	/** Headers (declaring the whole body's length unless `chunked`) and the first `sentBytes` of `body`, then a TCP reset. */
	| { kind: 'resetMidBody'; status?: number; headers?: Headers; body: string; sentBytes: number; chunked?: boolean }
	/** Reads the request and never answers. */
	| { kind: 'stallHeaders' }
	/** Sends the headers and `partial`, then nothing more. */
	| { kind: 'stallBody'; headers?: Headers; partial: string }
	/** `bytes` of filler, streamed with backpressure, with or without `Content-Length`. */
	| { kind: 'largeBody'; bytes: number; declareLength: boolean }
	| { kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308; location: string }
	/** Forwards the request to `upstream` and relays the answer, or loses it: reset before the headers, or halfway through the body. */
	| { kind: 'forward'; upstream: string; lose?: 'beforeHeaders' | 'midBody' };

export interface LoggedRequest {
	readonly method: string;
	/** Path and query. */
	readonly path: string;
	/** Header names lower-cased. */
	readonly headers: Readonly<Record<string, string>>;
	body: string;
	readonly fault: Fault['kind'];
	/** `held` while a stall keeps the exchange open; `closed` when the connection ended before the response did. */
	state: 'reading' | 'held' | 'writing' | 'finished' | 'reset' | 'closed';
	/** Response body bytes handed to the socket. */
	bytesSent: number;
}

export interface FaultServer {
	/** `http://127.0.0.1:<port>`. */
	readonly url: string;
	readonly port: number;
	/** Every request received, in order. */
	readonly log: readonly LoggedRequest[];
	/** Exchanges a stall is holding open right now. */
	readonly stalled: number;
	/** Replaces the script and clears the log. */
	script(...faults: Fault[]): void;
	/** Stops listening and destroys every socket. */
	close(): Promise<void>;
}

export const jsonHeaders: Headers = { 'content-type': 'application/json; charset=utf-8' };

/** An answer with a JSON body. */
export function respondJson(body: unknown, status = 200, headers: Headers = {}): Fault {
	return { kind: 'respond', status, headers: { ...jsonHeaders, ...headers }, body: JSON.stringify(body) };
}

/** A JSON-RPC Message reply with one text part. */
export function replyFault(text: string, headers: Headers = jsonHeaders): Fault {
	const result = { kind: 'message', role: 'agent', messageId: 'reply-1', parts: [{ kind: 'text', text }] };
	return { kind: 'respond', headers, body: JSON.stringify({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, result }) };
}

const hopByHop = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** Resolves once the response can take more, or is gone; leaves no listener behind either way. */
function drained(response: ServerResponse): Promise<void> {
	return new Promise((resolve) => {
		const done = (): void => {
			response.off('drain', done).off('close', done);
			resolve();
		};
		response.on('drain', done).on('close', done);
	});
}

/** Writes `bytes` of filler, waiting for the socket to drain, until done or the connection is gone. */
async function stream(response: ServerResponse, entry: LoggedRequest, bytes: number): Promise<void> {
	const chunk = Buffer.alloc(64 * 1024, 0x78);
	while (entry.bytesSent < bytes && !response.destroyed) {
		const piece = chunk.subarray(0, Math.min(chunk.byteLength, bytes - entry.bytesSent));
		entry.bytesSent += piece.byteLength;
		if (!response.write(piece)) await drained(response);
	}
	if (!response.destroyed) response.end();
}

async function play(fault: Fault, request: IncomingMessage, response: ServerResponse, entry: LoggedRequest): Promise<void> {
	const send = (status: number, headers: Headers, body: string): void => {
		entry.state = 'writing';
		entry.bytesSent = Buffer.byteLength(body);
		response.writeHead(status, { connection: 'close', ...headers }).end(body);
	};
	const cut = (status: number, headers: Headers, body: string, sentBytes: number, chunked = false): void => {
		const bytes = Buffer.from(body);
		entry.state = 'writing';
		response.writeHead(status, { connection: 'close', ...headers, ...(!chunked && { 'content-length': String(bytes.byteLength) }) });
		response.write(bytes.subarray(0, sentBytes));
		entry.bytesSent = sentBytes;
		// Let the partial body reach the client before the reset overtakes it.
		setTimeout(() => {
			entry.state = 'reset';
			request.socket.resetAndDestroy();
		}, 20);
	};
	switch (fault.kind) {
		case 'respond':
			return send(fault.status ?? 200, fault.headers ?? {}, fault.body ?? '');
		case 'resetBeforeHeaders':
			entry.state = 'reset';
			request.socket.resetAndDestroy();
			return;
		case 'resetMidBody':
			return cut(fault.status ?? 200, fault.headers ?? jsonHeaders, fault.body, fault.sentBytes, fault.chunked);
		case 'stallHeaders':
			entry.state = 'held';
			return;
		case 'stallBody':
			response.writeHead(200, { connection: 'close', ...jsonHeaders, ...fault.headers });
			response.write(fault.partial);
			entry.bytesSent = Buffer.byteLength(fault.partial);
			entry.state = 'held';
			return;
		case 'largeBody':
			entry.state = 'writing';
			response.writeHead(200, { connection: 'close', ...jsonHeaders, ...(fault.declareLength && { 'content-length': String(fault.bytes) }) });
			return stream(response, entry, fault.bytes);
		case 'redirect':
			return send(fault.status, { location: fault.location, 'content-type': 'text/plain' }, 'Temporary Redirect');
		case 'forward': {
			const headers = Object.fromEntries(Object.entries(entry.headers).filter(([name]) => !hopByHop.has(name)));
			const upstream = await fetch(fault.upstream + entry.path, { method: entry.method, headers, body: entry.method === 'GET' ? null : entry.body });
			const body = await upstream.text();
			const relayed = Object.fromEntries([...upstream.headers].filter(([name]) => !hopByHop.has(name)));
			if (fault.lose === 'midBody') return cut(upstream.status, relayed, body, Math.floor(Buffer.byteLength(body) / 2));
			if (fault.lose === 'beforeHeaders') {
				entry.state = 'reset';
				request.socket.resetAndDestroy();
				return;
			}
			return send(upstream.status, relayed, body);
		}
	}
}

/** Starts a fault server on 127.0.0.1 and a free port. */
export async function startFaultServer(...faults: Fault[]): Promise<FaultServer> {
	let script = faults;
	let log: LoggedRequest[] = [];
	const sockets = new Set<Socket>();
	const server = createServer((request, response) => {
		const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
		const index = log.length;
		const fault = script[Math.min(index, script.length - 1)] ?? { kind: 'respond' };
		const entry: LoggedRequest = { method: request.method ?? 'GET', path: request.url ?? '/', headers, body: '', fault: fault.kind, state: 'reading', bytesSent: 0 };
		log.push(entry);
		response.once('finish', () => {
			entry.state = 'finished';
		});
		response.once('close', () => {
			if (entry.state !== 'finished' && entry.state !== 'reset') entry.state = 'closed';
		});
		readBody(request)
			.then((body) => {
				entry.body = body;
				return play(fault, request, response, entry);
			})
			.catch(() => request.socket.destroy());
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		// Writes into a socket the client has dropped fail with EPIPE or ECONNRESET: expected here.
		socket.on('error', () => {});
		socket.once('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		get log() {
			return log;
		},
		get stalled() {
			return log.filter((entry) => entry.state === 'held').length;
		},
		script(...next) {
			script = next;
			log = [];
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

/** A loopback URL with nothing listening: a port the system gave out, then took back. */
export async function refusedUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}`;
}
