import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CanvasEvent } from '../../src/canvas/index.js';
import { PLATFORM_URL, TOKEN } from '../helpers/ids.js';
import { scriptedFetch } from '../helpers/scripted-fetch.js';
import { FakeWebSocket } from './fake-websocket.js';
import { LEAD, testCanvas, WORKER } from './helpers.js';

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');
const frame = (event: string, workspaceId: string | undefined, payload: unknown) => JSON.stringify({ event, workspace_id: workspaceId, timestamp: '2026-11-30T06:00:00Z', payload });

/** The `index`th socket the client made, once it made it. */
async function socket(index: number): Promise<FakeWebSocket> {
	for (let turn = 0; turn < 100; turn++) {
		const made = FakeWebSocket.sockets[index];
		if (made) return made;
		await macrotask();
	}
	throw new Error(`socket ${index} was never made`);
}

const controllers: AbortController[] = [];
beforeEach(() => {
	FakeWebSocket.sockets = [];
});
afterEach(() => controllers.splice(0).forEach((controller) => controller.abort()));

function subscribe(overrides: Parameters<typeof testCanvas>[1] = {}) {
	const controller = new AbortController();
	controllers.push(controller);
	const test = testCanvas(scriptedFetch(new Response('unused')).fetch, { WebSocket: FakeWebSocket as never, ...overrides });
	const iterator = test.canvas.events({ signal: controller.signal })[Symbol.asyncIterator]();
	const next = async (): Promise<CanvasEvent> => {
		const result = await iterator.next();
		if (result.done) throw new Error('the events ended');
		return result.value;
	};
	return { ...test, controller, iterator, next };
}

describe('events() over /ws', () => {
	test('opens ws(s)://<platform>/ws offering molecule-ws and molecule-auth.<hex token>', async () => {
		const { next } = subscribe();
		const pending = next();
		const ws = await socket(0);
		expect(ws.url).toBe(`${PLATFORM_URL.replace('http', 'ws')}/ws`);
		expect(ws.protocols).toEqual(['molecule-ws', `molecule-auth.${hex(TOKEN)}`]);
		ws.open().send(frame('WORKSPACE_ONLINE', LEAD, { delivery_mode: 'poll' }));
		expect(await pending).toEqual({ type: 'WORKSPACE_ONLINE', workspaceId: LEAD, at: '2026-11-30T06:00:00Z', payload: { delivery_mode: 'poll' } });
	});

	test('a session offers only molecule-ws: the browser sends its cookies', async () => {
		const { next } = subscribe({ auth: { session: true } });
		void next().catch(() => {});
		expect((await socket(0)).protocols).toEqual(['molecule-ws']);
	});

	test('every workspace event comes typed with the workspace its frame names; a frame naming none is skipped', async () => {
		const { next, logs } = subscribe();
		const first = next();
		(await socket(0))
			.open()
			.send(frame('AGENT_MESSAGE', undefined, { message: 'whose?' }))
			.send(frame('AGENT_MESSAGE', WORKER, { message: 'from the worker', name: 'Worker' }));
		expect(await first).toMatchObject({ type: 'AGENT_MESSAGE', workspaceId: WORKER, text: 'from the worker', name: 'Worker' });
		expect(logs).toEqual(['warn events: skipped an event: AGENT_MESSAGE names no workspace_id']);
	});

	test('a binary frame is skipped with a logged reason', async () => {
		const { next, logs } = subscribe();
		const first = next();
		(await socket(0)).open().send(new ArrayBuffer(4)).send(frame('USER_MESSAGE', LEAD, { content: 'text' }));
		expect(await first).toMatchObject({ type: 'USER_MESSAGE', text: 'text' });
		expect(logs).toEqual(['warn events: skipped a binary frame (the platform sends JSON text)']);
	});

	test('a dropped socket is reported, reopened after the backoff, and reported reopened', async () => {
		const { next, clock } = subscribe();
		const first = next();
		const ws = await socket(0);
		ws.open().send(frame('WORKSPACE_ONLINE', LEAD, {}));
		await first;
		const dropped = next();
		ws.drop();
		expect(await dropped).toEqual({ type: 'reconnecting', attempt: 1, delayMs: 500, reason: 'the connection closed' });
		const reopened = next();
		await macrotask();
		clock.advance(500);
		(await socket(1)).open();
		expect(await reopened).toEqual({ type: 'reconnected', attempt: 1 });
	});

	test('a socket that never opens times out after timeouts.requestMs and is tried again', async () => {
		const { next, clock } = subscribe({ timeouts: { requestMs: 5000 } });
		const pending = next();
		const ws = await socket(0);
		clock.advance(5000);
		expect(await pending).toMatchObject({ type: 'reconnecting', attempt: 1, reason: 'ConnectTimeout: WebSocket did not open within 5000 ms' });
		expect(ws.closedWith).toBe(1000);
	});

	test('neither the token nor its hex appears in the log of a socket refused before it opened', async () => {
		const { next, logs } = subscribe();
		const pending = next();
		(await socket(0)).drop(1006);
		expect(await pending).toMatchObject({ type: 'reconnecting', reason: 'ConnectError: WebSocket closed before it opened (code 1006)' });
		expect(logs.join('\n')).toContain('reconnecting');
		expect(logs.join('\n')).not.toContain(TOKEN);
		expect(logs.join('\n')).not.toContain(hex(TOKEN));
	});

	test('an abort closes the socket, ends the iteration quietly and leaves no listener or timer', async () => {
		const { next, iterator, controller, clock } = subscribe();
		const first = next();
		const ws = await socket(0);
		ws.open().send(frame('WORKSPACE_ONLINE', LEAD, {}));
		await first;
		const pending = iterator.next();
		controller.abort();
		expect(await pending).toEqual({ done: true, value: undefined });
		expect(ws.closedWith).toBe(1000);
		expect(ws.listeners).toBe(0);
		expect(clock.pendingTimers).toBe(0);
	});

	test('an abort while connecting closes the half-open socket', async () => {
		const { next, controller, clock } = subscribe();
		const pending = next().catch((error: unknown) => error);
		const ws = await socket(0);
		controller.abort();
		await pending;
		expect(ws.closedWith).toBe(1000);
		expect(ws.listeners).toBe(0);
		expect(clock.pendingTimers).toBe(0);
	});
});
