// Issue 13: GET /workspaces/:id/events/stream (addendum §9.13) over real HTTP on 127.0.0.1, its end on
// close(), on the client's abort and on the cut hook (docs/platform-contract.md §15.3, §15.5).
import { afterEach, describe, expect, test } from 'vitest';
import { agents, type DevPlatform, type DevWorkspace } from '../../src/dev/index.js';
import { serve, type RunningServer } from '../../src/node/serve.js';
import { macrotask } from '../helpers/settled.js';
import { adminToken, bearer, canvas, id, messageSend, origin, send, setup } from './helpers.js';

const lead = id(1);
const target = id(2);
const otherRoot = id(3);
const org = (): DevWorkspace[] => [
	{ id: lead, name: 'Lead', tokens: ['lead-token'] },
	{ id: target, name: 'Target', parentId: lead, tokens: ['target-token'], agent: agents.echo() },
	{ id: otherRoot, name: 'Elsewhere', tokens: ['other-token'] },
];
const streamPath = (workspace: string): string => `/workspaces/${workspace}/events/stream`;

const running: RunningServer[] = [];
afterEach(async () => {
	await Promise.all(running.splice(0).map((server) => server.close()));
});

async function served(platform: DevPlatform): Promise<RunningServer> {
	const server = await serve(platform.fetch, { host: '127.0.0.1', port: 0 });
	running.push(server);
	return server;
}

/** Reads SSE blocks (separated by a blank line) off a body, as raw text. */
class Blocks {
	readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
	readonly #decoder = new TextDecoder();
	#buffer = '';

	constructor(body: ReadableStream<Uint8Array>) {
		this.#reader = body.getReader();
	}

	async next(): Promise<string> {
		for (;;) {
			const end = this.#buffer.indexOf('\n\n');
			if (end !== -1) {
				const block = this.#buffer.slice(0, end);
				this.#buffer = this.#buffer.slice(end + 2);
				return block;
			}
			const { done, value } = await this.#reader.read();
			if (done) throw new Error('the stream ended');
			this.#buffer += this.#decoder.decode(value, { stream: true });
		}
	}

	/** The next `data:` block's JSON. */
	async data(): Promise<{ type: string; timestamp: number; data: Record<string, unknown> }> {
		const block = await this.next();
		expect(block.startsWith('data: ')).toBe(true);
		return JSON.parse(block.slice('data: '.length)) as { type: string; timestamp: number; data: Record<string, unknown> };
	}

	read(): Promise<ReadableStreamReadResult<Uint8Array>> {
		return this.#reader.read();
	}

	cancel(): Promise<void> {
		return this.#reader.cancel();
	}
}

/** Opens the stream over HTTP and reads past its `: ping`. */
async function open(server: RunningServer, workspace = target, headers: Record<string, string> = canvas): Promise<{ response: Response; blocks: Blocks }> {
	const response = await fetch(server.url + streamPath(workspace), { headers });
	expect(response.status).toBe(200);
	const blocks = new Blocks(response.body as ReadableStream<Uint8Array>);
	expect(await blocks.next()).toBe(': ping');
	return { response, blocks };
}


describe('GET /workspaces/:id/events/stream (addendum §9.13)', () => {
	test('answers 200 text/event-stream, not cached, and starts with a ": ping" comment', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const { response, blocks } = await open(server);
		expect(response.headers.get('Content-Type')).toBe('text/event-stream');
		expect(response.headers.get('Cache-Control')).toBe('no-cache');
		await blocks.cancel();
	});

	test('each event of the workspace is one "data:" line {type, timestamp (unix ms), data}, with no event: or id: line', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const { blocks } = await open(server);
		await send(platform, `/workspaces/${target}/notify`, { headers: bearer('target-token'), body: { message: 'done' } });
		const block = await blocks.next();
		expect(block.split('\n')).toHaveLength(1);
		expect(JSON.parse(block.slice('data: '.length))).toEqual({
			type: 'AGENT_MESSAGE',
			timestamp: Date.parse('2026-05-01T12:00:00Z'),
			data: { message: 'done', workspace_id: target, name: 'Target' },
		});
		await blocks.cancel();
	});

	test("a canvas send streams the turn's events in order: USER_MESSAGE, ACTIVITY_LOGGED (in), ACTIVITY_LOGGED (reply), A2A_RESPONSE", async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const { blocks } = await open(server);
		await send(platform, `/workspaces/${target}/a2a`, { headers: canvas, body: messageSend('hello', 'm-1') });
		const types = [await blocks.data(), await blocks.data(), await blocks.data(), await blocks.data()];
		expect(types.map((event) => event.type)).toEqual(['USER_MESSAGE', 'ACTIVITY_LOGGED', 'ACTIVITY_LOGGED', 'A2A_RESPONSE']);
		expect(types[3]?.data).toMatchObject({ method: 'message/send', message_id: 'm-1', response_body: { result: { parts: [{ text: 'echo: hello' }] } } });
		await blocks.cancel();
	});

	test("another workspace's events are not on this stream", async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const { blocks } = await open(server);
		await send(platform, `/workspaces/${lead}/notify`, { headers: bearer('lead-token'), body: { message: 'not for target' } });
		await send(platform, `/workspaces/${target}/notify`, { headers: bearer('target-token'), body: { message: 'for target' } });
		expect((await blocks.data()).data['message']).toBe('for target');
		await blocks.cancel();
	});

	test("the workspace's own token may read its stream", async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const { blocks } = await open(server, target, bearer('target-token'));
		await blocks.cancel();
	});

	test("WorkspaceAuth: no token 401, another workspace's token 401, an anchored org token of another org 403", async () => {
		const { platform } = setup(org(), { orgTokens: [{ token: 'org-lead', org: lead }] });
		expect(await send(platform, streamPath(target))).toMatchObject({ status: 401, json: { error: 'missing workspace auth token' } });
		expect(await send(platform, streamPath(target), { headers: bearer('lead-token') })).toMatchObject({ status: 401, json: { error: 'invalid workspace auth token' } });
		expect(await send(platform, streamPath(otherRoot), { headers: bearer('org-lead') })).toMatchObject({ status: 403, json: { error: "org token not authorized for this workspace's org" } });
	});

	test('an unknown workspace answers 404 workspace not found', async () => {
		const { platform } = setup(org());
		expect(await send(platform, streamPath(id(99)), { headers: canvas })).toMatchObject({ status: 404, json: { error: 'workspace not found' } });
	});
});

describe('the end of an event stream (docs/platform-contract.md §15.3)', () => {
	test('close() ends an open stream cleanly and leaves no subscriber, socket or timer', async () => {
		const { platform, clock } = setup(org());
		const server = await served(platform);
		const { blocks } = await open(server);
		await platform.close();
		expect(await blocks.read()).toEqual({ done: true, value: undefined });
		expect(platform.openEventStreams).toBe(0);
		expect(clock.pendingTimers).toBe(0);
	});

	test("the client's abort ends the stream in the platform (in process: the request's signal)", async () => {
		const { platform } = setup(org());
		const controller = new AbortController();
		const response = await platform.fetch(new Request(origin + streamPath(target), { headers: canvas, signal: controller.signal }));
		const reader = (response.body as ReadableStream<Uint8Array>).getReader();
		await reader.read();
		expect(platform.openEventStreams).toBe(1);
		controller.abort();
		expect(await reader.read()).toEqual({ done: true, value: undefined });
		expect(platform.openEventStreams).toBe(0);
	});

	test("the client's abort ends the stream in the platform (over HTTP: the socket closes)", async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const controller = new AbortController();
		const response = await fetch(server.url + streamPath(target), { headers: canvas, signal: controller.signal });
		await new Blocks(response.body as ReadableStream<Uint8Array>).next();
		expect(platform.openEventStreams).toBe(1);
		controller.abort();
		for (let turn = 0; turn < 100 && platform.openEventStreams > 0; turn++) await macrotask();
		expect(platform.openEventStreams).toBe(0);
	});
});

describe('the cut hook (docs/platform-contract.md §15.5)', () => {
	test('cutEventStreams() drops every open stream as a lost connection: the reader fails, and says how many it dropped', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const first = await open(server);
		const second = await open(server, lead);
		expect(platform.cutEventStreams()).toBe(2);
		await expect(first.blocks.read()).rejects.toThrow(TypeError);
		await expect(second.blocks.read()).rejects.toThrow(TypeError);
		expect(platform.cutEventStreams()).toBe(0);
	});

	test('a client can reconnect after each of 20 cuts in a row and still receives the events sent after it', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		for (let cut = 0; cut < 20; cut++) {
			const { blocks } = await open(server);
			await send(platform, `/workspaces/${target}/notify`, { headers: bearer('target-token'), body: { message: `after ${cut}` } });
			expect((await blocks.data()).data['message']).toBe(`after ${cut}`);
			expect(platform.cutEventStreams()).toBe(1);
			await expect(blocks.read()).rejects.toThrow();
		}
	});

	test('with dropConnections(n) the next n reconnections fail too, then one gets through', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const { blocks } = await open(server);
		platform.cutEventStreams();
		platform.dropConnections(2);
		await expect(blocks.read()).rejects.toThrow();
		await expect(fetch(server.url + streamPath(target), { headers: canvas })).rejects.toThrow();
		await expect(fetch(server.url + streamPath(target), { headers: canvas })).rejects.toThrow();
		const again = await open(server);
		await again.blocks.cancel();
	});

	test('POST /dev/event-streams/cut does it over HTTP, behind AdminAuth: 200 {"cut": n}', async () => {
		const { platform } = setup(org());
		const server = await served(platform);
		const { blocks } = await open(server);
		const refused = await fetch(`${server.url}/dev/event-streams/cut`, { method: 'POST' });
		expect(refused.status).toBe(401);
		const answer = await fetch(`${server.url}/dev/event-streams/cut`, { method: 'POST', headers: { Authorization: `Bearer ${adminToken}` } });
		expect(await answer.json()).toEqual({ cut: 1 });
		await expect(blocks.read()).rejects.toThrow();
	});
});
