import { describe, expect, test } from 'vitest';
import { formatA2AError, isConfigError, isHttpError, isInvalidPeerIdError } from '../../src/index.js';
import { hintForFailure } from '../../src/hints.js';
import { PLATFORM_URL } from '../helpers/ids.js';
import { json, scriptedFetch, type SeenRequest } from '../helpers/scripted-fetch.js';
import { drive } from '../helpers/fake-clock.js';
import { LEAD, testCanvas } from './helpers.js';

/** The JSON-RPC id of a test canvas's first send (its second uuid; the first is the messageId). */
const FIRST_REQUEST_ID = '00000000-0000-4000-8000-000000000002';
const reply = (text: string) => json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, result: { kind: 'message', role: 'agent', parts: [{ kind: 'text', text }] } });
const paramsOf = (call: SeenRequest | undefined) => (call?.json as { params: Record<string, unknown> }).params;

describe('send', () => {
	test('posts message/send to the workspace as a canvas-class caller: no X-Workspace-ID', async () => {
		const platform = scriptedFetch(reply('hi'));
		const { canvas } = testCanvas(platform.fetch);
		await canvas.send(LEAD, 'hello');
		expect(platform.calls[0]).toMatchObject({ method: 'POST', url: `${PLATFORM_URL}/workspaces/${LEAD}/a2a` });
		expect(platform.calls[0]?.headers['x-workspace-id']).toBeUndefined();
		expect(platform.calls[0]?.json).toMatchObject({ jsonrpc: '2.0', method: 'message/send', params: { message: { role: 'user', parts: [{ kind: 'text', text: 'hello' }] } } });
	});

	test('the reply is read with the core extraction: text of parts and artifacts', async () => {
		const platform = scriptedFetch(json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, result: { kind: 'task', status: { state: 'completed' }, artifacts: [{ parts: [{ type: 'text', text: 'done' }] }] } }));
		const { canvas } = testCanvas(platform.fetch);
		const outcome = await canvas.send(LEAD, 'go');
		expect(outcome).toMatchObject({ status: 'replied', text: 'done', taskState: 'completed', attempts: 1, messageId: '00000000-0000-4000-8000-000000000001' });
	});

	test('history goes in params.metadata.history as text parts, the last 20 user and agent turns', async () => {
		const platform = scriptedFetch(reply('ok'));
		const { canvas } = testCanvas(platform.fetch);
		const turns = Array.from({ length: 25 }, (_, index) => ({ role: index % 2 === 0 ? ('user' as const) : ('agent' as const), text: `turn ${index}` }));
		await canvas.send(LEAD, 'next', { history: turns });
		const history = (paramsOf(platform.calls[0])['metadata'] as { history: unknown[] }).history;
		expect(history).toHaveLength(20);
		expect(history[0]).toEqual({ role: 'agent', parts: [{ kind: 'text', text: 'turn 5' }] });
		expect(history[19]).toEqual({ role: 'user', parts: [{ kind: 'text', text: 'turn 24' }] });
	});

	test('system turns, failed turns and empty turns are not sent as history', async () => {
		const platform = scriptedFetch(reply('ok'));
		const { canvas } = testCanvas(platform.fetch);
		await canvas.send(LEAD, 'next', {
			history: [
				{ role: 'user', text: 'a' },
				{ role: 'system', text: 'session reset' },
				{ role: 'agent', text: 'Agent error: boom', isError: true },
				{ role: 'agent', text: '  ' },
				{ role: 'agent', text: 'b' },
			],
		});
		expect((paramsOf(platform.calls[0])['metadata'] as { history: { role: string }[] }).history.map((turn) => turn.role)).toEqual(['user', 'agent']);
	});

	test('without history the envelope has no params.metadata', async () => {
		const platform = scriptedFetch(reply('ok'));
		const { canvas } = testCanvas(platform.fetch);
		await canvas.send(LEAD, 'hello', { history: [] });
		expect(paramsOf(platform.calls[0])).not.toHaveProperty('metadata');
	});

	test("the platform's 90 s push-async answer is a queued outcome, not a reply", async () => {
		const platform = scriptedFetch(json({ status: 'queued', delivery_mode: 'push-async', method: 'message/send' }));
		const { canvas } = testCanvas(platform.fetch);
		const outcome = await canvas.send(LEAD, 'long task');
		expect(outcome).toEqual({ status: 'queued', deliveryMode: 'push-async', method: 'message/send', attempts: 1, messageId: '00000000-0000-4000-8000-000000000001' });
	});

	test('a busy agent (202) is queued with its queue id', async () => {
		const queueId = '40000000-0000-4000-8000-000000000001';
		const { canvas } = testCanvas(scriptedFetch(json({ queued: true, queue_id: queueId, queue_depth: 2, message: 'workspace agent busy' }, 202)).fetch);
		expect(await canvas.send(LEAD, 'hello')).toMatchObject({ status: 'queued', queueId, queueDepth: 2 });
	});

	test('a failure is the core typed error, with its [A2A_ERROR] line and hint', async () => {
		const { canvas } = testCanvas(scriptedFetch(json({ error: 'workspace not found' }, 404)).fetch);
		const outcome = await canvas.send(LEAD, 'hello');
		expect(outcome.status === 'failed' && isHttpError(outcome.error) && outcome.error.status).toBe(404);
		expect(outcome.status === 'failed' && formatA2AError(outcome.error)).toMatch(/^\[A2A_ERROR\] .*workspace not found/);
		expect(outcome.status === 'failed' && hintForFailure(outcome.error)).toMatch(/can't be reached/);
	});

	test('a transient 503 with a wait is retried with the same messageId', async () => {
		const platform = scriptedFetch(json({ error: 'workspace is waking', retry_after: 15 }, 503), reply('awake'));
		const { canvas, clock } = testCanvas(platform.fetch);
		const outcome = await drive(canvas.send(LEAD, 'wake up'), clock);
		expect(outcome).toMatchObject({ status: 'replied', text: 'awake', attempts: 2 });
		const ids = platform.calls.map((call) => (paramsOf(call)['message'] as { messageId: string }).messageId);
		expect(new Set(ids).size).toBe(1);
		expect(clock.sleeps).toContain(15_000);
	});

	test('a workspace id that is not a UUID fails before sending', async () => {
		const platform = scriptedFetch(reply('never'));
		const { canvas } = testCanvas(platform.fetch);
		const outcome = await canvas.send('not-a-uuid', 'hello');
		expect(outcome.status === 'failed' && isInvalidPeerIdError(outcome.error)).toBe(true);
		expect(platform.calls).toEqual([]);
	});

	test('a history that is not turns fails naming options.history, before sending', async () => {
		const platform = scriptedFetch(reply('never'));
		const { canvas } = testCanvas(platform.fetch);
		const outcome = await canvas.send(LEAD, 'hello', { history: [{ role: 'bot', text: 'x' }] as never });
		expect(outcome.status === 'failed' && isConfigError(outcome.error) && outcome.error.field).toBe('options.history');
		expect(platform.calls).toEqual([]);
	});

	test('file parts from uploadFiles travel with the text', async () => {
		const platform = scriptedFetch(reply('got it'));
		const { canvas } = testCanvas(platform.fetch);
		const file = { kind: 'file' as const, file: { uri: 'workspace:/uploads/a.csv', name: 'a.csv', mimeType: 'text/csv', size: 3 } };
		await canvas.send(LEAD, { parts: [{ kind: 'text', text: 'read this' }, file] });
		expect((paramsOf(platform.calls[0])['message'] as { parts: unknown[] }).parts[1]).toEqual(file);
	});

	test('an abort rejects with the reason', async () => {
		const controller = new AbortController();
		controller.abort(new Error('closed the tab'));
		const { canvas } = testCanvas(scriptedFetch(reply('never')).fetch);
		await expect(canvas.send(LEAD, 'hello', { signal: controller.signal })).rejects.toThrow('closed the tab');
	});
});
