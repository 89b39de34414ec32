import { describe, expect, test } from 'vitest';
import { agents, type DevWorkspace } from '../../src/dev/index.js';
import { as, bearer, canvas, id, messageSend, send, setup } from './helpers.js';

const lead = id(1);
const worker = id(2);
const inbox = id(3);

const org = (): DevWorkspace[] => [
	{ id: lead, name: 'Lead', role: 'lead', tokens: ['lead-token'], agent: agents.reply('ok') },
	{ id: worker, name: 'Worker', parentId: lead, tokens: ['worker-token'], agent: agents.echo() },
	{ id: inbox, name: 'Inbox', parentId: lead, tokens: ['inbox-token'], deliveryMode: 'poll' },
];

const fromLead = as(lead, 'lead-token');
const workerAuth = bearer('worker-token');
const inboxAuth = bearer('inbox-token');
const activity = (workspaceId: string, query = ''): string => `/workspaces/${workspaceId}/activity${query}`;
const rowsOf = (json: unknown): Record<string, unknown>[] => json as Record<string, unknown>[];

async function poll(platform: ReturnType<typeof setup>['platform'], texts: readonly string[]): Promise<void> {
	for (const text of texts) await send(platform, `/workspaces/${inbox}/a2a`, { headers: fromLead, body: messageSend(text, text) });
}

describe('GET /workspaces/:id/activity (addendum §8.1)', () => {
	test('needs a token of that workspace: WorkspaceAuth does not grandfather', async () => {
		const { platform } = setup(org());
		expect((await send(platform, activity(worker))).json).toEqual({ error: 'missing workspace auth token' });
		const wrong = await send(platform, activity(worker), { headers: bearer('lead-token') });
		expect(wrong.status).toBe(401);
		expect(wrong.json).toEqual({ error: 'invalid workspace auth token' });
	});

	test('accepts the admin token', async () => {
		const { platform } = setup(org());
		expect((await send(platform, activity(worker), { headers: canvas })).status).toBe(200);
	});

	test('accepts an org API token of its organisation, and refuses an anchored one of another with 403', async () => {
		const { platform } = setup(org(), { orgTokens: [{ token: 'ours', org: lead }, { token: 'theirs', org: id(99) }] });
		expect((await send(platform, activity(worker), { headers: bearer('ours') })).status).toBe(200);
		const other = await send(platform, activity(worker), { headers: bearer('theirs') });
		expect(other.status).toBe(403);
		expect(other.json).toEqual({ error: "org token not authorized for this workspace's org" });
	});

	// Updated for addendum §1 #1: the canvas turn needs the admin token now; it is still recorded with no source.
	test('lists a2a_receive rows newest first, filtered by source', async () => {
		const { platform } = setup(org());
		await send(platform, `/workspaces/${worker}/a2a`, { headers: canvas, body: messageSend('from the canvas', 'm-1') });
		await send(platform, `/workspaces/${worker}/a2a`, { headers: fromLead, body: messageSend('from the lead', 'm-2') });
		const rows = rowsOf((await send(platform, activity(worker), { headers: workerAuth })).json);
		expect(rows.map((row) => row['source_id'])).toEqual([lead, null]);
		expect(rows[0]).toMatchObject({ activity_type: 'a2a_receive', method: 'message/send', summary: 'message/send → Worker', status: 'ok' });
		const fromCanvas = await send(platform, activity(worker, '?source=canvas'), { headers: workerAuth });
		expect(rowsOf(fromCanvas.json)).toHaveLength(1);
	});

	test('an unknown source answers 400', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, activity(worker, '?source=robot'), { headers: workerAuth });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: "source must be 'canvas' or 'agent'" });
	});

	test('every row carries a seq that grows with each row, across workspaces', async () => {
		const { platform } = setup(org());
		await poll(platform, ['one']);
		await send(platform, `/workspaces/${worker}/a2a`, { headers: fromLead, body: messageSend('two', 'two') });
		await poll(platform, ['three']);
		expect(platform.activity.map((row) => row.seq)).toEqual([1, 2, 3]);
		const rows = rowsOf((await send(platform, activity(inbox), { headers: inboxAuth })).json);
		expect(rows.map((row) => row['seq'])).toEqual([3, 1]);
	});

	// Updated for addendum §8.1: the 410 now explains itself.
	test('since_id answers the rows after it, oldest first, and 410 for an unknown cursor', async () => {
		const { platform } = setup(org());
		await poll(platform, ['one', 'two', 'three']);
		const first = platform.activity[0]?.id ?? '';
		const after = await send(platform, activity(inbox, `?since_id=${first}`), { headers: inboxAuth });
		expect(rowsOf(after.json).map((row) => row['request_body'])).toMatchObject([
			{ params: { message: { messageId: 'two' } } },
			{ params: { message: { messageId: 'three' } } },
		]);
		const unknown = await send(platform, activity(inbox, '?since_id=00000000-0000-0000-0000-000000000000'), { headers: inboxAuth });
		expect(unknown.status).toBe(410);
		expect(unknown.json).toEqual({
			error: 'since_id cursor not found (row may have been pruned or belongs to a different workspace); omit since_id to reset',
		});
	});

	test("since_id naming another workspace's row answers 410", async () => {
		const { platform } = setup(org());
		await send(platform, `/workspaces/${worker}/a2a`, { headers: fromLead, body: messageSend('elsewhere') });
		const answer = await send(platform, activity(inbox, `?since_id=${platform.activity[0]?.id ?? ''}`), { headers: inboxAuth });
		expect(answer.status).toBe(410);
	});

	test.each([
		['since_secs=0', 'since_secs must be a positive integer'],
		['since_secs=soon', 'since_secs must be a positive integer'],
		['before_ts=yesterday', 'before_ts must be an RFC3339 timestamp (e.g. 2026-05-01T00:00:00Z)'],
		['peer_id=ws-abc', 'peer_id must be a UUID'],
	])('%s answers 400 %s', async (query, error) => {
		const { platform } = setup(org());
		const answer = await send(platform, activity(inbox, `?${query}`), { headers: inboxAuth });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error });
	});

	test('since_secs, before_ts and peer_id keep the rows they describe', async () => {
		const { platform } = setup(org());
		await poll(platform, ['one']);
		await send(platform, `/workspaces/${inbox}/a2a`, { headers: canvas, body: messageSend('from a human', 'human') });
		const count = async (query: string): Promise<number> => rowsOf((await send(platform, activity(inbox, query), { headers: inboxAuth })).json).length;
		expect(await count('?since_secs=60')).toBe(2);
		expect(await count('?before_ts=2026-05-01T12:00:00Z')).toBe(0);
		expect(await count('?before_ts=2026-05-01T12:00:01Z')).toBe(2);
		expect(await count(`?peer_id=${lead.toUpperCase()}`)).toBe(1);
	});

	test('include=peer_info adds the sender name and role, its agent card URL and the attachments', async () => {
		const { platform } = setup(org());
		const body = messageSend('see attached', 'with-file');
		const message = (body['params'] as { message: { parts: unknown[] } }).message;
		message.parts.push({ kind: 'file', file: { uri: 'workspace:/tmp/a.png', name: 'a.png', mimeType: 'image/png' } });
		await send(platform, `/workspaces/${inbox}/a2a`, { headers: fromLead, body });
		const [row] = rowsOf((await send(platform, activity(inbox, '?include=peer_info'), { headers: inboxAuth })).json);
		expect(row).toMatchObject({
			peer_name: 'Lead',
			peer_role: 'lead',
			agent_card_url: `http://dev.platform/registry/discover/${lead}`,
			attachments: [{ kind: 'image', uri: 'workspace:/tmp/a.png', mime_type: 'image/png', name: 'a.png' }],
		});
	});
});

describe('POST /workspaces/:id/activity/ack (addendum §8.2)', () => {
	const ack = (body: unknown, headers = inboxAuth) => ({ headers, body });

	test('stores the acknowledged seq and answers it', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, activity(inbox, '/ack'), ack({ acked_seq: 2 }));
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ last_acked_seq: 2 });
		expect(platform.ackedSeq).toEqual({ [inbox]: 2 });
	});

	test('only moves forward: a stale ack answers the stored value', async () => {
		const { platform } = setup(org());
		await send(platform, activity(inbox, '/ack'), ack({ acked_seq: 5 }));
		expect((await send(platform, activity(inbox, '/ack'), ack({ acked_seq: 3 }))).json).toEqual({ last_acked_seq: 5 });
	});

	test.each([[{}], [{ acked_seq: 'three' }], [{ acked_seq: 1.5 }], [{ acked_seq: null }], ['not json']])('%j answers 400 acked_seq is required', async (body) => {
		const { platform } = setup(org());
		expect((await send(platform, activity(inbox, '/ack'), ack(body))).json).toEqual({ error: 'acked_seq is required' });
	});

	test('a negative seq answers 400 acked_seq must be >= 0', async () => {
		const { platform } = setup(org());
		expect((await send(platform, activity(inbox, '/ack'), ack({ acked_seq: -1 }))).json).toEqual({ error: 'acked_seq must be >= 0' });
	});

	test('needs WorkspaceAuth for that workspace', async () => {
		const { platform } = setup(org());
		expect((await send(platform, activity(inbox, '/ack'), ack({ acked_seq: 1 }, workerAuth))).status).toBe(401);
	});
});
