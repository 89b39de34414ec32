import { afterEach, describe, expect, test } from 'vitest';
import type { CanvasEvent } from '../../src/canvas/index.js';
import { isHttpError, isUnexpectedResponseError } from '../../src/index.js';
import { drive } from '../helpers/fake-clock.js';
import { PLATFORM_URL, TOKEN } from '../helpers/ids.js';
import { ScriptedBody } from '../helpers/scripted-body.js';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';
import { LEAD, testCanvas, WORKER } from './helpers.js';

const sseResponse = (body: ScriptedBody) => new Response(body.stream, { headers: { 'content-type': 'text/event-stream' } });
const frame = (type: string, data: unknown, id?: string) => `${id ? `id: ${id}\n` : ''}data: ${JSON.stringify({ type, timestamp: Date.UTC(2026, 10, 30, 6), data })}\n\n`;

const controllers: AbortController[] = [];
afterEach(() => controllers.splice(0).forEach((controller) => controller.abort()));

function subscribe(fetch: Parameters<typeof testCanvas>[0], overrides: Parameters<typeof testCanvas>[1] = {}) {
	const controller = new AbortController();
	controllers.push(controller);
	const test = testCanvas(fetch, overrides);
	const iterator = test.canvas.events({ workspaceId: LEAD, signal: controller.signal })[Symbol.asyncIterator]();
	const next = async (): Promise<CanvasEvent> => {
		const result = await drive(iterator.next(), test.clock);
		if (result.done) throw new Error('the events ended');
		return result.value;
	};
	return { ...test, controller, iterator, next };
}

describe('events({ workspaceId }) over SSE', () => {
	test("opens the workspace's event stream with the token and no X-Workspace-ID", async () => {
		const body = new ScriptedBody(': ping\n\n', frame('WORKSPACE_ONLINE', { delivery_mode: 'push' }));
		const fake = scriptedFetch(() => sseResponse(body));
		const { next } = subscribe(fake.fetch);
		expect(await next()).toEqual({ type: 'WORKSPACE_ONLINE', workspaceId: LEAD, at: '2026-11-30T06:00:00.000Z', payload: { delivery_mode: 'push' } });
		expect(fake.calls[0]).toMatchObject({ method: 'GET', url: `${PLATFORM_URL}/workspaces/${LEAD}/events/stream` });
		expect(fake.calls[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
		expect(fake.calls[0]?.headers['x-workspace-id']).toBeUndefined();
	});

	test('chat events are typed: a pushed reply, an agent message, a user message, a delegation', async () => {
		const body = new ScriptedBody(
			frame('A2A_RESPONSE', { response_body: { jsonrpc: '2.0', result: { parts: [{ kind: 'text', text: 'later reply' }] } }, method: 'message/send', duration_ms: 95_000, message_id: 'm-1' }),
			frame('AGENT_MESSAGE', { message: 'report ready', name: 'Lead', attachments: [{ uri: 'workspace:/r.pdf', name: 'r.pdf' }] }),
			frame('USER_MESSAGE', { content: 'hello', message_id: 'm-2' }),
			frame('DELEGATION_COMPLETE', { delegation_id: 'd-1', target_id: WORKER, response_preview: 'done' }),
		);
		const { next } = subscribe(scriptedFetch(() => sseResponse(body)).fetch);
		expect(await next()).toMatchObject({ type: 'A2A_RESPONSE', text: 'later reply', messageId: 'm-1', method: 'message/send', durationMs: 95_000 });
		expect(await next()).toMatchObject({ type: 'AGENT_MESSAGE', text: 'report ready', name: 'Lead', files: [{ uri: 'workspace:/r.pdf', name: 'r.pdf' }] });
		expect(await next()).toMatchObject({ type: 'USER_MESSAGE', role: 'user', text: 'hello', messageId: 'm-2', files: [] });
		expect(await next()).toEqual({ type: 'DELEGATION_COMPLETE', workspaceId: LEAD, at: '2026-11-30T06:00:00.000Z', delegationId: 'd-1', targetId: WORKER, preview: 'done' });
	});

	test('non-JSON data, unknown types and missing bodies are skipped with a logged reason, never thrown', async () => {
		const body = new ScriptedBody(
			'data: not json\n\n',
			frame('SOMETHING_NEW', { x: 1 }),
			`data: ${JSON.stringify({ type: 'AGENT_MESSAGE', timestamp: 1 })}\n\n`,
			frame('A2A_RESPONSE', { method: 'message/send' }),
			frame('AGENT_MESSAGE', { message: 'still here' }),
		);
		const { next, logs } = subscribe(scriptedFetch(() => sseResponse(body)).fetch);
		expect(await next()).toMatchObject({ type: 'AGENT_MESSAGE', text: 'still here' });
		expect(logs).toEqual([
			expect.stringMatching(/^warn events: skipped an event: data is not JSON/),
			'warn events: skipped an event: unknown event type "SOMETHING_NEW"',
			'warn events: skipped an event: AGENT_MESSAGE has no payload',
			expect.stringMatching(/^warn events: skipped an event: A2A_RESPONSE payload: .*response_body/),
		]);
	});

	test('an event is never delivered twice in one connection, by id or by identical data', async () => {
		const body = new ScriptedBody(frame('AGENT_MESSAGE', { message: 'a' }, '7'), frame('AGENT_MESSAGE', { message: 'a again' }, '7'), frame('AGENT_MESSAGE', { message: 'b' }), frame('AGENT_MESSAGE', { message: 'b' }), frame('AGENT_MESSAGE', { message: 'c' }));
		const { next } = subscribe(scriptedFetch(() => sseResponse(body)).fetch);
		const texts = [];
		for (let index = 0; index < 3; index++) texts.push(((await next()) as { text: string }).text);
		expect(texts).toEqual(['a', 'b', 'c']);
	});

	test('after a drop it says reconnecting, waits the jittered backoff on the clock, and says reconnected', async () => {
		const bodies = [new ScriptedBody(frame('AGENT_MESSAGE', { message: 'before' })).end(), new ScriptedBody(frame('AGENT_MESSAGE', { message: 'before' }), frame('AGENT_MESSAGE', { message: 'after' }))];
		let call = 0;
		const { next, clock } = subscribe(scriptedFetch(() => sseResponse(bodies[call++] as ScriptedBody)).fetch, { retry: { baseDelayMs: 1000, maxDelayMs: 8000 } });
		expect(await next()).toMatchObject({ text: 'before' });
		expect(await next()).toEqual({ type: 'reconnecting', attempt: 1, delayMs: 500, reason: 'the connection closed' });
		const reconnectedAt = next();
		expect(await reconnectedAt).toEqual({ type: 'reconnected', attempt: 1 });
		expect(clock.now()).toBe(500);
		// A new connection: the event seen on the last one comes again.
		expect(await next()).toMatchObject({ text: 'before' });
		expect(await next()).toMatchObject({ text: 'after' });
	});

	test('a 503 while connecting is retried with backoff', async () => {
		const body = new ScriptedBody(frame('AGENT_MESSAGE', { message: 'up' }));
		const { next } = subscribe(scriptedFetch(json({ error: 'platform datastore unavailable', code: 'platform_unavailable' }, 503), () => sseResponse(body)).fetch);
		expect(await next()).toMatchObject({ type: 'reconnecting', attempt: 1, reason: 'HTTP 503 platform datastore unavailable' });
		expect(await next()).toEqual({ type: 'reconnected', attempt: 1 });
		expect(await next()).toMatchObject({ text: 'up' });
	});

	test('a refused token ends the iteration with the 401, without reconnecting', async () => {
		const fake = scriptedFetch(json({ error: 'invalid workspace auth token' }, 401));
		const { iterator, clock } = subscribe(fake.fetch);
		const error = await drive(iterator.next(), clock).catch((thrown: unknown) => thrown);
		expect(isHttpError(error) && error.status).toBe(401);
		expect(fake.calls).toHaveLength(1);
	});

	test('an answer that is not an event stream is an UnexpectedResponseError', async () => {
		const { iterator, clock } = subscribe(scriptedFetch(new Response('<html>', { headers: { 'content-type': 'text/html' } })).fetch);
		expect(isUnexpectedResponseError(await drive(iterator.next(), clock).catch((thrown: unknown) => thrown))).toBe(true);
	});

	test('a workspace id that is not a UUID, or an unknown option, is refused at the call, before any request', () => {
		const fake = scriptedFetch(json({}));
		const { canvas } = testCanvas(fake.fetch);
		expect(() => canvas.events({ workspaceId: '../admin' })).toThrow(expect.objectContaining({ name: 'InvalidPeerIdError' }));
		expect(() => canvas.events({ workspace: LEAD } as never)).toThrow(expect.objectContaining({ name: 'ConfigError', field: 'options.workspace' }));
		expect(fake.calls).toEqual([]);
	});

	test('an abort ends the iteration quietly, cancels the body and leaves no timer', async () => {
		const body = new ScriptedBody(frame('AGENT_MESSAGE', { message: 'one' }));
		const { next, iterator, controller, clock } = subscribe(scriptedFetch(() => sseResponse(body)).fetch);
		await next();
		const pending = iterator.next();
		controller.abort();
		expect(await pending).toEqual({ done: true, value: undefined });
		expect(body.cancelled).toBeDefined();
		expect(clock.pendingTimers).toBe(0);
	});
});
