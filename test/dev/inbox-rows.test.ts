// Contract §9.2 (addendum §8.1): the rows a poll-mode agent's inbox poller sees, with include=peer_info.
import { describe, expect, test } from 'vitest';
import type { DevPlatform, DevWorkspace } from '../../src/dev/index.js';
import { as, bearer, canvas, id, messageSend, origin, send, setup } from './helpers.js';

const lead = id(1);
const agent = id(2);

const org = (): DevWorkspace[] => [
	{ id: lead, name: 'Lead', role: 'coordinator', tokens: ['lead-token'] },
	{ id: agent, name: 'Inbox agent', parentId: lead, tokens: ['agent-token'], deliveryMode: 'poll' },
];
const asAgent = bearer('agent-token');
type Row = Record<string, unknown>;

/** File ids must be UUIDs for the pending-upload routes, so this platform mints UUIDs. */
function uuids(): () => string {
	let next = 100;
	return () => id(next++);
}

async function inbox(platform: DevPlatform, sinceId?: string): Promise<Row[]> {
	const cursor = sinceId === undefined ? '' : `&since_id=${sinceId}`;
	const answer = await send(platform, `/workspaces/${agent}/activity?type=a2a_receive&include=peer_info${cursor}`, { headers: asAgent });
	expect(answer.status).toBe(200);
	return answer.json as Row[];
}

async function uploadAsHuman(platform: DevPlatform, file: File): Promise<void> {
	const data = new FormData();
	data.append('files', file);
	const encoded = new Response(data);
	const body = new Uint8Array(await encoded.arrayBuffer());
	await platform.fetch(new Request(`${origin}/workspaces/${agent}/chat/uploads`, { method: 'POST', headers: { ...canvas, 'Content-Type': encoded.headers.get('Content-Type') ?? '' }, body }));
}

describe('the rows an inbox poller sees (contract §9.2)', () => {
	test('a peer turn, a human turn, its own notify echo and an upload, newest first, each telling who it is from', async () => {
		const { platform } = setup(org(), { uuid: uuids() });
		await send(platform, `/workspaces/${agent}/a2a`, { headers: as(lead, 'lead-token'), body: messageSend('from the lead', 'peer-1') });
		await send(platform, `/workspaces/${agent}/a2a`, { headers: canvas, body: messageSend('from a human', 'human-1') });
		await send(platform, `/workspaces/${agent}/notify`, { headers: asAgent, body: { message: 'on it' } });
		await uploadAsHuman(platform, new File(['%PDF'], 'brief.pdf', { type: 'application/pdf' }));
		const rows = await inbox(platform);
		expect(rows.map((row) => row['method'])).toEqual(['chat_upload_receive', 'notify', 'message/send', 'message/send']);
		const [upload, echo, human, peer] = rows;
		expect(peer).toMatchObject({
			source_id: lead,
			peer_name: 'Lead',
			peer_role: 'coordinator',
			agent_card_url: `${origin}/registry/discover/${lead}`,
			attachments: [],
			request_body: { params: { message: { messageId: 'peer-1', parts: [{ kind: 'text', text: 'from the lead' }] } } },
		});
		expect(human).toMatchObject({ source_id: null, request_body: { params: { message: { messageId: 'human-1' }, metadata: { source: 'canvas_user' } } } });
		expect(human).not.toHaveProperty('peer_name');
		expect(human).not.toHaveProperty('agent_card_url');
		expect(echo).toMatchObject({ source_id: null, response_body: { result: 'on it' } });
		expect(upload).toMatchObject({ source_id: null, attachments: [{ kind: 'file', uri: expect.stringMatching(new RegExp(`^platform-pending:${agent}/`)), mime_type: 'application/pdf', name: 'brief.pdf' }] });
		expect(rows.map((row) => row['seq'])).toEqual([...rows.map((row) => row['seq'] as number)].sort((left, right) => right - left));
	});

	test('a since_id poll answers only what came after, and acking the last seq is remembered', async () => {
		const { platform } = setup(org());
		await send(platform, `/workspaces/${agent}/a2a`, { headers: as(lead, 'lead-token'), body: messageSend('one', 'm-1') });
		const [first] = await inbox(platform);
		await send(platform, `/workspaces/${agent}/a2a`, { headers: as(lead, 'lead-token'), body: messageSend('two', 'm-2') });
		const after = await inbox(platform, String(first?.['id']));
		expect(after.map((row) => (row['request_body'] as { params: { message: { messageId: string } } }).params.message.messageId)).toEqual(['m-2']);
		const acked = await send(platform, `/workspaces/${agent}/activity/ack`, { headers: asAgent, body: { acked_seq: after[0]?.['seq'] } });
		expect(acked.json).toEqual({ last_acked_seq: after[0]?.['seq'] });
		expect(platform.ackedSeq).toEqual({ [agent]: after[0]?.['seq'] });
	});

	test("its own delegations are activity of type delegation: type=a2a_receive keeps them out of the inbox", async () => {
		const { platform } = setup(org());
		await send(platform, `/workspaces/${agent}/delegate`, { headers: asAgent, body: { target_id: lead, task: 'x' } });
		await platform.settled();
		expect(await inbox(platform)).toEqual([]);
		const all = (await send(platform, `/workspaces/${agent}/activity`, { headers: asAgent })).json as Row[];
		expect(all.map((row) => row['activity_type'])).toEqual(['delegation', 'delegation']);
	});

	test('a reply sent to a peer carries in_reply_to through the proxy, for the peer to read', async () => {
		const { platform } = setup(org());
		platform.update(lead, { deliveryMode: 'poll' });
		const reply = messageSend('the answer', 'reply-1');
		(reply['params'] as { message: Record<string, unknown> }).message['metadata'] = { in_reply_to: 'peer-1' };
		await send(platform, `/workspaces/${lead}/a2a`, { headers: as(agent, 'agent-token'), body: reply });
		const rows = (await send(platform, `/workspaces/${lead}/activity?include=peer_info`, { headers: bearer('lead-token') })).json as Row[];
		expect(rows[0]).toMatchObject({ source_id: agent, peer_name: 'Inbox agent', request_body: { params: { message: { metadata: { in_reply_to: 'peer-1' } } } } });
	});
});
