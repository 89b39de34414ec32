// The canvas client against the dev platform's canvas routes: chat history, a session, the live
// events over SSE (in process, one fake clock) and over /ws (the Node adapter on 127.0.0.1, port 0,
// Node's own WebSocket), with the platform cutting the connections as a network would.
import { afterEach, describe, expect, test } from 'vitest';
import { createCanvasClient, type CanvasClient, type CanvasClientOptions, type CanvasEvent } from '../../src/canvas/index.js';
import { agents, createDevPlatform, type DevWorkspace } from '../../src/dev/index.js';
import { serve, type RunningServer } from '../../src/node/serve.js';
import { drive, FakeClock } from '../helpers/fake-clock.js';
import { sequentialUuid } from '../helpers/ids.js';
import { isHttpError } from '../../src/index.js';

const platformUrl = 'http://dev.platform';
const adminToken = 'admin-token-0123456789abcdef';
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const [lead, echo, slow] = [id(1), id(2), id(3)];
const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const org: DevWorkspace[] = [
	{ id: lead, name: 'Lead', tokens: ['lead-token'] },
	{ id: echo, name: 'Echo', parentId: lead, tokens: ['echo-token'], agent: agents.echo() },
	{ id: slow, name: 'Slow', parentId: lead, tokens: ['slow-token'], agent: agents.slow(120_000, 'finally') },
];

const controllers: AbortController[] = [];
const servers: RunningServer[] = [];
afterEach(async () => {
	controllers.splice(0).forEach((controller) => controller.abort());
	await Promise.all(servers.splice(0).map((server) => server.close()));
});

function setup(options: Partial<CanvasClientOptions> = {}, platformOptions: { sessionCookies?: string[] } = {}) {
	const clock = new FakeClock();
	let n = 0;
	const platform = createDevPlatform({ workspaces: org, clock, adminToken, uuid: () => `00000000-0000-4000-9000-${String(++n).padStart(12, '0')}`, wallClock: () => new Date(Date.UTC(2026, 10, 30, 6)), ...platformOptions });
	const canvas = createCanvasClient({ platformUrl, auth: { token: adminToken }, fetch: platform.fetch, clock, random: () => 0, uuid: sequentialUuid(), ...options });
	return { clock, platform, canvas };
}

/** The events of `canvas`, one at a time; `next` lets fake time run while it waits (reconnect waits are drawn as 0). */
function listen(canvas: CanvasClient, clock: FakeClock, workspaceId?: string) {
	const controller = new AbortController();
	controllers.push(controller);
	const iterator = canvas.events({ ...(workspaceId ? { workspaceId } : {}), signal: controller.signal })[Symbol.asyncIterator]();
	const next = async (): Promise<CanvasEvent> => {
		const pending = iterator.next();
		let settled = false;
		void pending.then(
			() => (settled = true),
			() => (settled = true),
		);
		for (let turn = 0; !settled && turn < 10_000; turn++) {
			await macrotask();
			clock.advance(0);
		}
		const result = await pending;
		if (result.done) throw new Error('the events ended');
		return result.value;
	};
	/** The next event of `type`, skipping the others. */
	const nextOf = async <T extends CanvasEvent['type']>(type: T): Promise<Extract<CanvasEvent, { type: T }>> => {
		for (;;) {
			const event = await next();
			if (event.type === type) return event as Extract<CanvasEvent, { type: T }>;
		}
	};
	return { controller, iterator, next, nextOf };
}

describe('chat history and sessions on the dev platform', () => {
	test("a canvas turn and its reply read back as the workspace's chat history", async () => {
		const { canvas } = setup();
		await canvas.send(echo, 'hello');
		const history = await canvas.chatHistory(echo);
		expect(history.messages.map(({ role, text, isError }) => ({ role, text, isError }))).toEqual([
			{ role: 'user', text: 'hello', isError: false },
			{ role: 'agent', text: 'echo: hello', isError: false },
		]);
		expect(history.reachedEnd).toBe(true);
	});

	test('a session cookie authenticates the canvas: requests carry credentials, the platform reads its cookie', async () => {
		const { platform } = setup({}, { sessionCookies: ['dev-session-value'] });
		// What a browser does with credentials 'include': it adds the cookie it holds.
		const browserFetch = (request: Request) => {
			const headers = new Headers(request.headers);
			if (request.credentials === 'include') headers.set('Cookie', 'molecule_dev_session=dev-session-value');
			return platform.fetch(new Request(request, { headers }));
		};
		const canvas = createCanvasClient({ platformUrl, auth: { session: true }, fetch: browserFetch });
		expect((await canvas.listWorkspaces()).roots().map((workspace) => workspace.name)).toEqual(['Lead']);
	});
});

describe('live events over SSE on the dev platform', () => {
	test('a turn shows as USER_MESSAGE, then its reply as A2A_RESPONSE with the messageId of the send', async () => {
		const { canvas, clock } = setup();
		const events = listen(canvas, clock, echo);
		const userMessage = events.nextOf('USER_MESSAGE');
		await macrotask();
		const outcome = await canvas.send(echo, 'hi');
		expect(await userMessage).toMatchObject({ workspaceId: echo, role: 'user', text: 'hi', messageId: outcome.messageId });
		expect(await events.nextOf('A2A_RESPONSE')).toMatchObject({ workspaceId: echo, text: 'echo: hi', messageId: outcome.messageId });
	});

	test('a push-async turn: the send is queued, and the reply comes later as an A2A_RESPONSE', async () => {
		const { canvas, clock } = setup();
		const events = listen(canvas, clock, slow);
		const response = events.nextOf('A2A_RESPONSE');
		const sending = canvas.send(slow, 'take your time');
		await clock.run(90_000);
		const outcome = await sending;
		expect(outcome).toMatchObject({ status: 'queued', deliveryMode: 'push-async' });
		await clock.run(30_000);
		expect(await response).toMatchObject({ text: 'finally', messageId: outcome.messageId });
	});

	test('cut 20 times: each cut is reported, the stream reopens, and events keep coming', async () => {
		const { canvas, clock, platform } = setup();
		const events = listen(canvas, clock, echo);
		const kinds: string[] = [];
		for (let cut = 0; cut <= 20; cut++) {
			const reply = events.nextOf('A2A_RESPONSE');
			await macrotask();
			await canvas.send(echo, `turn ${cut}`);
			expect((await reply).text).toBe(`echo: turn ${cut}`);
			if (cut === 20) break;
			expect(platform.cutEventStreams()).toBe(1);
			kinds.push((await events.next()).type, (await events.next()).type);
		}
		expect(kinds).toEqual(Array.from({ length: 20 }, () => ['reconnecting', 'reconnected']).flat());
	});

	test('a workspace token of another workspace is refused for good: the iteration ends with the 401', async () => {
		const { clock, platform } = setup();
		const canvas = createCanvasClient({ platformUrl, auth: { token: 'lead-token' }, fetch: platform.fetch, clock });
		const error = await drive(canvas.events({ workspaceId: echo })[Symbol.asyncIterator]().next(), clock).catch((thrown: unknown) => thrown);
		expect(error).toMatchObject({ name: 'HttpError', status: 401 });
	});
});

describe('live events over /ws on the Node adapter', () => {
	/** Node's own WebSocket, counting the sockets that opened, so a test sends only once the canvas listens. */
	function openedSockets() {
		const opened: WebSocket[] = [];
		const waiting: (() => void)[] = [];
		class Counting extends WebSocket {
			constructor(url: string, protocols?: string | string[]) {
				super(url, protocols);
				this.addEventListener('open', () => {
					opened.push(this);
					waiting.splice(0).forEach((wake) => wake());
				});
			}
		}
		const until = async (count: number): Promise<void> => {
			while (opened.length < count) await new Promise<void>((resolve) => waiting.push(resolve));
		};
		return { WebSocket: Counting, until };
	}

	/** A dev platform served on 127.0.0.1 with /ws, and a canvas with `token` listening to every event over it. */
	async function overSockets(token: string) {
		const platform = createDevPlatform({ workspaces: org, adminToken });
		const server = await serve(platform.fetch, { host: '127.0.0.1', port: 0, webSocket: platform.webSocket });
		servers.push(server);
		const clock = new FakeClock();
		const sockets = openedSockets();
		const canvas = createCanvasClient({ platformUrl: server.url, auth: { token }, clock, random: () => 0, WebSocket: sockets.WebSocket });
		return { platform, canvas, sockets, events: listen(canvas, clock) };
	}

	test('the ADMIN token opens /ws through the sub-protocols, and every workspace event comes', async () => {
		const { canvas, sockets, events } = await overSockets(adminToken);
		const reply = events.nextOf('A2A_RESPONSE');
		await sockets.until(1);
		const outcome = await canvas.send(echo, 'over the socket');
		expect(await reply).toMatchObject({ workspaceId: echo, text: 'echo: over the socket', messageId: outcome.messageId });
	});

	test('a refused token ends the /ws iteration with the 401, after asking the platform why the socket would not open', async () => {
		const { events } = await overSockets('not-a-token');
		const seen: string[] = [];
		const error = await (async () => {
			for (;;) seen.push((await events.next()).type);
		})().catch((caught: unknown) => caught);
		expect(seen).toEqual(['reconnecting', 'reconnecting']);
		expect(isHttpError(error) && [error.status, error.platformError]).toEqual([401, 'invalid canvas auth token']);
		expect(String(error)).not.toContain('not-a-token');
	});

	test('a cut socket is reported and reopened, and events keep coming', async () => {
		const { platform, canvas, sockets, events } = await overSockets(adminToken);
		const first = events.nextOf('A2A_RESPONSE');
		await sockets.until(1);
		await canvas.send(echo, 'one');
		await first;
		expect(platform.cutEventStreams()).toBe(1);
		expect(await events.next()).toMatchObject({ type: 'reconnecting', attempt: 1 });
		expect(await events.next()).toEqual({ type: 'reconnected', attempt: 1 });
		const second = events.nextOf('A2A_RESPONSE');
		await canvas.send(echo, 'two');
		expect((await second).text).toBe('echo: two');
	});
});
