// A burst of peer lookups over real HTTP on 127.0.0.1, against a registry that serves a few requests
// at a time. Real time on purpose: the fault is requests timing out while the server works through a
// queue, and fake time only moves while no request is in flight.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createA2AClient } from '../../src/index.js';
import { WORKSPACE_ID } from '../helpers/ids.js';

const burst = 800;
/**
 * The registry serves 16 requests at a time, 48 ms each, so the burst takes at least 2.4 s there
 * whatever the client does. Sent all at once, the last lookups wait that long at the registry, beyond
 * the default 2 s metadata timeout; sent 32 at a time, each waits about two rounds (96 ms), which
 * leaves room for the stalls of a loaded machine.
 */
const workers = 16;
const serviceMs = 48;

const peerId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** The registry knows every 100th peer and the last one; the others are 404, remembered as null. */
const known = (n: number): boolean => n % 100 === 0 || n === burst;

let server: Server;
let url: string;
const sockets = new Set<Socket>();
const stats = { answered: 0, abandoned: 0, inFlight: 0, mostInFlight: 0 };

beforeAll(async () => {
	let busy = 0;
	const queue: (() => void)[] = [];
	const turn = (): Promise<void> => (busy < workers ? (busy++, Promise.resolve()) : new Promise((resolve) => queue.push(resolve)));
	const done = (): void => {
		const next = queue.shift();
		if (next) next();
		else busy--;
	};
	server = createServer((request, response) => {
		stats.mostInFlight = Math.max(stats.mostInFlight, ++stats.inFlight);
		response.once('close', () => {
			stats.inFlight--;
			if (response.writableFinished) stats.answered++;
			else stats.abandoned++;
		});
		void turn().then(() =>
			setTimeout(() => {
				done();
				if (response.destroyed) return;
				const id = request.url?.split('/').pop() ?? '';
				const n = Number(id.slice(-12));
				const [status, body] = known(n) ? [200, { id, url: `http://ws-${n}:8000`, name: `Peer ${n}` }] : [404, { error: 'workspace not found' }];
				response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
			}, serviceMs),
		);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('error', () => {});
		socket.once('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	for (const socket of sockets) socket.destroy();
	await new Promise((resolve) => server.close(resolve));
});

describe('a burst of lookups over HTTP', () => {
	test(`${burst} concurrent getPeerMetadata calls on distinct ids all finish within their timeout, and a known peer resolves`, async () => {
		const client = createA2AClient({ workspaceId: WORKSPACE_ID, platformUrl: url });
		const ids = Array.from({ length: burst }, (_, index) => peerId(index + 1));
		const records = await Promise.all(ids.map((id) => client.getPeerMetadata(id)));
		// The server counts an exchange once its response closes, a moment after the client has read it.
		for (let turn = 0; stats.inFlight > 0 && turn < 1000; turn++) await new Promise((resolve) => setImmediate(resolve));

		const last = peerId(burst);
		expect(records.at(-1)).toMatchObject({ id: last, name: `Peer ${burst}` });
		expect(client.peekPeerMetadata(last)).toMatchObject({ id: last });
		expect(records.filter((record) => record !== null)).toHaveLength(ids.filter((_, index) => known(index + 1)).length);
		// Every request was answered: none was given up on by a timeout.
		expect(stats).toMatchObject({ answered: burst, abandoned: 0 });
		expect(stats.mostInFlight).toBeLessThanOrEqual(32);
	});
});
