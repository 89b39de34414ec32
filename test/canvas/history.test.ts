import { describe, expect, test } from 'vitest';
import { isConfigError } from '../../src/index.js';
import { PLATFORM_URL } from '../helpers/ids.js';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';
import { LEAD, rejection, testCanvas } from './helpers.js';

const at = '2026-11-30T06:00:00.123456Z';

describe('chatHistory', () => {
	test('reads GET /chat-history into messages { id, role, text, files, at, isError } and reachedEnd', async () => {
		const fake = scriptedFetch(
			json({
				messages: [
					{ id: 'r1:user', role: 'user', content: 'hello', timestamp: at, attachments: [{ name: 'a.csv', uri: 'workspace:/a.csv', mimeType: 'text/csv', size: 3 }] },
					{ id: 'r1:agent', role: 'agent', content: 'hi', timestamp: at, tool_trace: [] },
					{ id: 'n1', role: 'system', content: 'Session reset', timestamp: at, systemKind: 'notice' },
				],
				reached_end: true,
			}),
		);
		const { canvas } = testCanvas(fake.fetch);
		const page = await canvas.chatHistory(LEAD);
		expect(fake.calls[0]?.url).toBe(`${PLATFORM_URL}/workspaces/${LEAD}/chat-history`);
		expect(page).toEqual({
			reachedEnd: true,
			messages: [
				{ id: 'r1:user', role: 'user', text: 'hello', files: [{ name: 'a.csv', uri: 'workspace:/a.csv', mimeType: 'text/csv', size: 3 }], at, isError: false },
				{ id: 'r1:agent', role: 'agent', text: 'hi', files: [], at, isError: false },
				{ id: 'n1', role: 'system', text: 'Session reset', files: [], at, isError: false, systemKind: 'notice' },
			],
		});
	});

	test("a failed agent turn, which the platform gives as a system message, is an error", async () => {
		const fake = scriptedFetch(json({ messages: [{ id: 'r2:agent', role: 'system', content: 'Agent error: RuntimeError: tool call failed', timestamp: at }], reached_end: true }));
		const { canvas } = testCanvas(fake.fetch);
		const page = await canvas.chatHistory(LEAD);
		expect(page.messages.map(({ role, isError }) => ({ role, isError }))).toEqual([{ role: 'system', isError: true }]);
	});

	test('limit and before are sent as limit and before_ts', async () => {
		const fake = scriptedFetch(json({ messages: [], reached_end: false }));
		const { canvas } = testCanvas(fake.fetch);
		await canvas.chatHistory(LEAD, { limit: 50, before: new Date(Date.UTC(2026, 10, 30, 6)) });
		await canvas.chatHistory(LEAD, { before: at });
		expect(fake.calls.map((call) => new URL(call.url).search)).toEqual(['?limit=50&before_ts=2026-11-30T06%3A00%3A00.000Z', `?before_ts=${encodeURIComponent(at)}`]);
	});

	test("an agent turn that failed is an error bubble", async () => {
		const fake = scriptedFetch(json({ messages: [{ id: 'r:agent', role: 'agent', content: 'Agent error: ReadTimeout', timestamp: at }, { id: 's:agent', role: 'agent', content: '[A2A_ERROR] ConnectError', timestamp: at }], reached_end: true }));
		const { canvas } = testCanvas(fake.fetch);
		expect((await canvas.chatHistory(LEAD)).messages.map((message) => message.isError)).toEqual([true, true]);
	});

	test("the heartbeat's own prompt is hidden", async () => {
		const fake = scriptedFetch(
			json({ messages: [{ id: 'h:user', role: 'user', content: 'Delegation results are ready. Review them and take appropriate action: …', timestamp: at }, { id: 'h:agent', role: 'agent', content: 'Reviewed', timestamp: at }] }),
		);
		const { canvas } = testCanvas(fake.fetch);
		expect((await canvas.chatHistory(LEAD)).messages.map((message) => message.id)).toEqual(['h:agent']);
	});

	test('a row that is not a message is skipped with a logged reason, not thrown', async () => {
		const fake = scriptedFetch(json({ messages: [{ id: 'x', role: 'robot', content: 'beep', timestamp: at }, 'junk', { id: 'ok:user', role: 'user', content: 'fine', timestamp: at }], reached_end: true }));
		const { canvas, logs } = testCanvas(fake.fetch);
		expect((await canvas.chatHistory(LEAD)).messages.map((message) => message.id)).toEqual(['ok:user']);
		expect(logs).toEqual([expect.stringMatching(/^warn chatHistory: skipped message 0: .*role/), expect.stringMatching(/^warn chatHistory: skipped message 1: /)]);
	});

	test('a limit over 1000 or a before that is not a time is refused naming the option', async () => {
		const { canvas } = testCanvas(scriptedFetch(json({ messages: [] })).fetch);
		const tooMany = await rejection(canvas.chatHistory(LEAD, { limit: 1001 }));
		const notTime = await rejection(canvas.chatHistory(LEAD, { before: 'yesterday' }));
		expect([isConfigError(tooMany) && tooMany.field, isConfigError(notTime) && notTime.field]).toEqual(['options.limit', 'options.before']);
	});
});
