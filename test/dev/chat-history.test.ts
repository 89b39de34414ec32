// Issue 13: GET /workspaces/:id/chat-history (addendum §9.8), the canvas's chat, derived from activity rows.
import { describe, expect, test } from 'vitest';
import { agents, type DevWorkspace } from '../../src/dev/index.js';
import { as, bearer, canvas, id, messageSend, send, setup } from './helpers.js';

const lead = id(1);
const target = id(2);
const a2a = `/workspaces/${target}/a2a`;
const history = `/workspaces/${target}/chat-history`;

const org = (agent = agents.echo()): DevWorkspace[] => [
	{ id: lead, name: 'Lead', tokens: ['lead-token'] },
	{ id: target, name: 'Target', parentId: lead, tokens: ['target-token'], agent },
];

/** A wall clock one second further on every call, from 12:00:00 (each row gets its own time). */
function ticking(): () => Date {
	let seconds = 0;
	return () => new Date(Date.UTC(2026, 4, 1, 12, 0, seconds++));
}

describe('GET /workspaces/:id/chat-history (addendum §9.8)', () => {
	test("a canvas turn is a user bubble then the agent's, ids <row id>:user|agent, with the row's time", async () => {
		const { platform } = setup(org());
		await send(platform, a2a, { headers: canvas, body: messageSend('hello') });
		const answer = await send(platform, history, { headers: canvas });
		expect(answer.status).toBe(200);
		const rowId = platform.activity[0]?.id;
		expect(answer.json).toEqual({
			messages: [
				{ id: `${rowId}:user`, role: 'user', content: 'hello', timestamp: '2026-05-01T12:00:00Z' },
				{ id: `${rowId}:agent`, role: 'agent', content: 'echo: hello', timestamp: '2026-05-01T12:00:00Z' },
			],
			reached_end: true,
		});
	});

	test("a workspace's own turns to this one are agent traffic, not chat", async () => {
		const { platform } = setup(org());
		await send(platform, a2a, { headers: as(lead, 'lead-token'), body: messageSend('between agents') });
		expect((await send(platform, history, { headers: canvas })).json).toEqual({ messages: [], reached_end: true });
	});

	test("the agent's notify messages are agent bubbles, with their files", async () => {
		const { platform } = setup(org());
		const attachments = [{ uri: 'workspace:/out/report.pdf', name: 'report.pdf', mimeType: 'application/pdf', size: 12 }];
		await send(platform, `/workspaces/${target}/notify`, { headers: bearer('target-token'), body: { message: 'done', attachments } });
		const { messages } = (await send(platform, history, { headers: canvas })).json as { messages: unknown[] };
		expect(messages).toEqual([expect.objectContaining({ role: 'agent', content: 'done', attachments })]);
	});

	test("a failed turn's reply text is a system bubble", async () => {
		const { platform } = setup(org(agents.httpStatus(500, { result: 'model overloaded' })));
		await send(platform, a2a, { headers: canvas, body: messageSend('hello') });
		const { messages } = (await send(platform, history, { headers: canvas })).json as { messages: { role: string; content: string }[] };
		expect(messages.map((message) => message.role)).toEqual(['user', 'system']);
	});

	test('the heartbeat\'s "Delegation results are ready" self-message shows no user bubble', async () => {
		const { platform } = setup(org(agents.reply('noted')));
		await send(platform, a2a, { headers: canvas, body: messageSend('Delegation results are ready. Review them and take appropriate action: …') });
		const { messages } = (await send(platform, history, { headers: canvas })).json as { messages: { role: string }[] };
		expect(messages.map((message) => message.role)).toEqual(['agent']);
	});

	test('limit counts rows, newest first, and the page comes oldest first; reached_end says whether older rows remain', async () => {
		const { platform } = setup(org(), { wallClock: ticking() });
		for (const text of ['one', 'two', 'three']) await send(platform, a2a, { headers: canvas, body: messageSend(text, `m-${text}`) });
		const answer = await send(platform, `${history}?limit=2`, { headers: canvas });
		const { messages, reached_end } = answer.json as { messages: { content: string }[]; reached_end: boolean };
		expect(messages.map((message) => message.content)).toEqual(['two', 'echo: two', 'three', 'echo: three']);
		expect(reached_end).toBe(false);
	});

	test('before_ts pages back to the rows strictly older than it', async () => {
		const { platform } = setup(org(), { wallClock: ticking() });
		for (const text of ['one', 'two', 'three']) await send(platform, a2a, { headers: canvas, body: messageSend(text, `m-${text}`) });
		const second = platform.activity.find((row) => row.request_body !== undefined && JSON.stringify(row.request_body).includes('"two"'));
		const answer = await send(platform, `${history}?limit=2&before_ts=${second?.created_at}`, { headers: canvas });
		const { messages, reached_end } = answer.json as { messages: { content: string }[]; reached_end: boolean };
		expect(messages.map((message) => message.content)).toEqual(['one', 'echo: one']);
		expect(reached_end).toBe(true);
	});

	test('a before_ts that is not RFC 3339 answers 400', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, `${history}?before_ts=yesterday`, { headers: canvas });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'before_ts must be an RFC3339 timestamp (e.g. 2026-05-01T00:00:00Z)' });
	});

	test('a junk or zero limit means 100; above 1000 means 1000', async () => {
		const { platform } = setup(org());
		await send(platform, a2a, { headers: canvas, body: messageSend('hello') });
		for (const limit of ['abc', '0', '5000']) expect((await send(platform, `${history}?limit=${limit}`, { headers: canvas })).json).toMatchObject({ reached_end: true });
	});

	test('an id that is not a UUID answers 400 workspace id must be a UUID', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, '/workspaces/not-a-uuid/chat-history', { headers: canvas });
		expect(answer).toMatchObject({ status: 400, json: { error: 'workspace id must be a UUID' } });
	});

	test('WorkspaceAuth: no token 401, another workspace\'s token 401, an anchored org token of another org 403', async () => {
		const { platform } = setup(org(), { orgTokens: [{ token: 'other-org', org: id(9) }] });
		expect((await send(platform, history)).json).toEqual({ error: 'missing workspace auth token' });
		expect((await send(platform, history, { headers: bearer('lead-token') })).status).toBe(401);
		expect(await send(platform, history, { headers: bearer('other-org') })).toMatchObject({ status: 403, json: { error: "org token not authorized for this workspace's org" } });
	});
});
