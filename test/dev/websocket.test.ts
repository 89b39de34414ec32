// Issue 13: GET /ws (addendum §9.14) served by the Node adapter with the `ws` package, over real
// HTTP on 127.0.0.1 (docs/platform-contract.md §15.4).
import { afterEach, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { agents, type DevPlatform, type DevWorkspace, type PlatformEvent } from '../../src/dev/index.js';
import { serve, type RunningServer } from '../../src/node/serve.js';
import { macrotask } from '../helpers/settled.js';
import { adminToken, bearer, canvas, id, origin, send, setup } from './helpers.js';

const lead = id(1);
const target = id(2);
const otherRoot = id(3);
const org = (): DevWorkspace[] => [
	{ id: lead, name: 'Lead', tokens: ['lead-token'] },
	{ id: target, name: 'Target', parentId: lead, tokens: ['target-token'], agent: agents.echo() },
	{ id: otherRoot, name: 'Elsewhere', tokens: ['other-token'] },
];

const hex = (token: string): string => Buffer.from(token, 'utf8').toString('hex');
const browserProtocols = (token: string): string[] => [`molecule-auth.${hex(token)}`, 'molecule-ws'];

const running: RunningServer[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
	for (const socket of sockets.splice(0)) socket.terminate();
	await Promise.all(running.splice(0).map((server) => server.close()));
});

async function served(platform: DevPlatform): Promise<RunningServer> {
	const server = await serve(platform.fetch, { host: '127.0.0.1', port: 0, webSocket: platform.webSocket });
	running.push(server);
	return server;
}

/** A connected socket, with the frames it received. */
interface Connected {
	socket: WebSocket;
	frames: PlatformEvent[];
	/** Resolves with the close code. */
	closed: Promise<number>;
}

/** Opens `/ws`; rejects with `{status, body}` when the handshake is refused. */
function connect(server: RunningServer, options: { protocols?: string[]; headers?: Record<string, string> } = {}): Promise<Connected> {
	const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws`, options.protocols ?? [], { headers: options.headers ?? {} });
	sockets.push(socket);
	const frames: PlatformEvent[] = [];
	socket.on('message', (data) => frames.push(JSON.parse(String(data)) as PlatformEvent));
	const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
	return new Promise((resolve, reject) => {
		socket.once('open', () => resolve({ socket, frames, closed }));
		socket.once('unexpected-response', (_request, response) => {
			let body = '';
			response.on('data', (chunk: Buffer) => (body += String(chunk)));
			response.on('end', () => reject({ status: response.statusCode, body: body === '' ? '' : (JSON.parse(body) as unknown) }));
		});
		socket.once('error', (error) => reject(error));
	});
}

/** Waits until `connected` holds `count` frames (a few turns of the event loop). */
async function frames(connected: Connected, count: number): Promise<PlatformEvent[]> {
	for (let turn = 0; turn < 200 && connected.frames.length < count; turn++) await macrotask();
	return connected.frames;
}

const notify = (platform: DevPlatform, workspace: string, token: string, message: string) =>
	send(platform, `/workspaces/${workspace}/notify`, { headers: bearer(token), body: { message } });

describe('GET /ws: the canvas (addendum §9.14)', () => {
	test('a browser offering molecule-auth.<hex token> and molecule-ws connects; the server selects molecule-ws', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const { socket } = await connect(server, { protocols: browserProtocols(adminToken) });
		expect(socket.protocol).toBe('molecule-ws');
	});

	test('every event of the organisation arrives as one frame {event, workspace_id, timestamp, payload}', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const connected = await connect(server, { protocols: browserProtocols(adminToken) });
		await notify(platform, target, 'target-token', 'one');
		await notify(platform, otherRoot, 'other-token', 'two');
		const received = (await frames(connected, 4)).filter((frame) => frame.event === 'AGENT_MESSAGE');
		expect(received).toEqual([
			{ event: 'AGENT_MESSAGE', workspace_id: target, timestamp: '2026-05-01T12:00:00.000Z', payload: { message: 'one', workspace_id: target, name: 'Target' } },
			{ event: 'AGENT_MESSAGE', workspace_id: otherRoot, timestamp: '2026-05-01T12:00:00.000Z', payload: { message: 'two', workspace_id: otherRoot, name: 'Elsewhere' } },
		]);
	});

	test('a native client may send Authorization instead; without an offer no sub-protocol is selected', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const { socket } = await connect(server, { headers: canvas });
		expect(socket.protocol).toBe('');
	});

	test('the dev session cookie opens the canvas stream too', async () => {
		const { platform } = setup(org(), { sessionCookies: ['s-1'] });
		const server = await served(platform);
		await expect(connect(server, { headers: { Cookie: 'molecule_dev_session=s-1' }, protocols: ['molecule-ws'] })).resolves.toBeDefined();
	});

	test("an anchored org token sees its organisation's events only", async () => {
		const { platform } = setup(org(), { orgTokens: [{ token: 'org-lead', org: lead }] });
		const server = await served(platform);
		const connected = await connect(server, { protocols: browserProtocols('org-lead') });
		await notify(platform, otherRoot, 'other-token', 'not yours');
		await notify(platform, target, 'target-token', 'yours');
		const messages = (await frames(connected, 2)).filter((frame) => frame.event === 'AGENT_MESSAGE').map((frame) => frame.payload['message']);
		expect(messages).toEqual(['yours']);
	});

	test('no credential answers 401 canvas auth required, before any upgrade', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		await expect(connect(server, { protocols: ['molecule-ws'] })).rejects.toEqual({ status: 401, body: { error: 'canvas auth required' } });
	});

	test("a workspace token cannot open the canvas's stream: 401 invalid canvas auth token", async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		await expect(connect(server, { protocols: browserProtocols('lead-token') })).rejects.toEqual({ status: 401, body: { error: 'invalid canvas auth token' } });
	});

	test('malformed hex, two auth offers, or an offer that differs from Authorization answer 401 invalid WebSocket credential', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const refused = { status: 401, body: { error: 'invalid WebSocket credential' } };
		await expect(connect(server, { protocols: ['molecule-auth.zz', 'molecule-ws'] })).rejects.toEqual(refused);
		await expect(connect(server, { protocols: ['molecule-auth.abc', 'molecule-ws'] })).rejects.toEqual(refused);
		await expect(connect(server, { protocols: [`molecule-auth.${hex(adminToken)}`, `molecule-auth.${hex('org')}`, 'molecule-ws'] })).rejects.toEqual(refused);
		await expect(connect(server, { protocols: browserProtocols(adminToken), headers: bearer('something-else') })).rejects.toEqual(refused);
		await expect(connect(server, { protocols: ['molecule-ws'], headers: { Authorization: adminToken } })).rejects.toEqual(refused);
	});

	test('offering the credential without molecule-ws: the server selects nothing, so the client fails the handshake', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		await expect(connect(server, { protocols: [`molecule-auth.${hex(adminToken)}`] })).rejects.toThrow(/subprotocol/i);
	});

	test('an origin the CORS list does not name is refused 403, as every route is', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		await expect(connect(server, { protocols: browserProtocols(adminToken), headers: { Origin: 'https://evil.example.com' } })).rejects.toMatchObject({ status: 403 });
	});
});

describe('GET /ws: an agent (addendum §9.14)', () => {
	test('X-Workspace-ID with its own token sees the events of the workspaces it may talk to only', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const connected = await connect(server, { headers: { 'X-Workspace-ID': lead, ...bearer('lead-token') } });
		await notify(platform, otherRoot, 'other-token', 'unrelated');
		await notify(platform, target, 'target-token', 'from my child');
		const messages = (await frames(connected, 2)).filter((frame) => frame.event === 'AGENT_MESSAGE').map((frame) => frame.payload['message']);
		expect(messages).toEqual(['from my child']);
	});

	test('no token 401 missing workspace auth token; another workspace\'s token 401 invalid workspace auth token', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		await expect(connect(server, { headers: { 'X-Workspace-ID': lead } })).rejects.toEqual({ status: 401, body: { error: 'missing workspace auth token' } });
		await expect(connect(server, { headers: { 'X-Workspace-ID': lead, ...bearer('target-token') } })).rejects.toEqual({
			status: 401,
			body: { error: 'invalid workspace auth token' },
		});
	});
});

describe('the end of a /ws connection (docs/platform-contract.md §15.4)', () => {
	test('cutEventStreams() drops the socket as a lost connection (1006); a new connection works', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const first = await connect(server, { protocols: browserProtocols(adminToken) });
		expect(platform.openEventStreams).toBe(1);
		expect(platform.cutEventStreams()).toBe(1);
		expect(await first.closed).toBe(1006);
		const second = await connect(server, { protocols: browserProtocols(adminToken) });
		await notify(platform, target, 'target-token', 'after the cut');
		expect((await frames(second, 1))[0]?.event).toBe('AGENT_MESSAGE');
	});

	test('close() closes every socket with 1001 and leaves nothing open or timed', async () => {
		const { platform, clock } = setup(org());
		const server = await served(platform);
		const connected = await connect(server, { protocols: browserProtocols(adminToken) });
		await platform.close();
		expect(await connected.closed).toBe(1001);
		expect(platform.openEventStreams).toBe(0);
		expect(clock.pendingTimers).toBe(0);
	});

	test("the client's close ends the subscription in the platform", async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const connected = await connect(server, { protocols: browserProtocols(adminToken) });
		connected.socket.close();
		await connected.closed;
		for (let turn = 0; turn < 100 && platform.openEventStreams > 0; turn++) await macrotask();
		expect(platform.openEventStreams).toBe(0);
	});

	test("the server's close() terminates open sockets", async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const connected = await connect(server, { protocols: browserProtocols(adminToken) });
		await server.close();
		expect(await connected.closed).toBe(1006);
	});
});

describe('GET /ws through a plain fetch handler', () => {
	test('an authenticated request that is no handshake answers 400 Bad Request, as gorilla does', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/ws', { headers: canvas });
		expect(answer).toMatchObject({ status: 400, text: 'Bad Request\n' });
	});

	test('a handshake through fetch answers 501, naming platform.webSocket', async () => {
		const { platform } = setup(org());
		const response = await platform.fetch(new Request(`${origin}/ws`, { headers: { ...canvas, Upgrade: 'websocket', Connection: 'Upgrade' } }));
		expect(response.status).toBe(501);
		expect(await response.text()).toContain('platform.webSocket(request)');
	});

	test('platform.webSocket answers a refusal as a Response, and the accepted handshake with the protocol to select', async () => {
		const { platform } = setup(org());
		const upgrade = { Upgrade: 'websocket', Connection: 'Upgrade' };
		const refused = await platform.webSocket(new Request(`${origin}/ws`, { headers: upgrade }));
		expect(refused).toBeInstanceOf(Response);
		expect((refused as Response).status).toBe(401);
		const accepted = await platform.webSocket(new Request(`${origin}/ws`, { headers: { ...upgrade, 'Sec-WebSocket-Protocol': browserProtocols(adminToken).join(', ') } }));
		expect(accepted).not.toBeInstanceOf(Response);
		expect((accepted as { protocol?: string }).protocol).toBe('molecule-ws');
	});
});
