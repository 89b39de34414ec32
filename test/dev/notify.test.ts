// Contract §15 (addendum §9.3): POST /workspaces/:id/notify, the agent talking to its user.
import { describe, expect, test } from 'vitest';
import type { DevWorkspace } from '../../src/dev/index.js';
import { bearer, canvas, id, send, setup, withoutActivity } from './helpers.js';

const agent = id(1);

const org = (extra: Partial<DevWorkspace> = {}): DevWorkspace[] => [{ id: agent, name: 'Helper', tokens: ['agent-token'], deliveryMode: 'poll', ...extra }];
const notify = `/workspaces/${agent}/notify`;
const asAgent = bearer('agent-token');

describe('POST /workspaces/:id/notify (contract §15)', () => {
	test('answers 200 sent', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, notify, { headers: asAgent, body: { message: 'Working on it' } });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ status: 'sent' });
	});

	test('writes an a2a_receive row with method notify, no source and the message as result', async () => {
		const { platform } = setup(org());
		await send(platform, notify, { headers: asAgent, body: { message: 'Working on it' } });
		expect(platform.activity).toEqual([
			expect.objectContaining({
				workspace_id: agent,
				activity_type: 'a2a_receive',
				method: 'notify',
				source_id: null,
				target_id: null,
				summary: 'Agent message: Working on it',
				response_body: { result: 'Working on it' },
				status: 'ok',
			}),
		]);
	});

	test("the row is the agent's own echo in its inbox: a since_id poll sees it", async () => {
		const { platform } = setup(org());
		await send(platform, notify, { headers: asAgent, body: { message: 'first' } });
		const [first] = platform.activity;
		await send(platform, notify, { headers: asAgent, body: { message: 'second' } });
		const answer = await send(platform, `/workspaces/${agent}/activity?since_id=${first?.id}&type=a2a_receive&include=peer_info`, { headers: asAgent });
		expect(answer.json).toEqual([expect.objectContaining({ method: 'notify', source_id: null, response_body: { result: 'second' }, attachments: [] })]);
	});

	test('attachments become file parts of the row and ride on the AGENT_MESSAGE event', async () => {
		const { platform } = setup(org());
		const attachments = [{ uri: 'workspace:/workspace/report.pdf', name: 'report.pdf', mimeType: 'application/pdf', size: 12 }, { uri: 'workspace:/a.txt', name: 'a.txt' }];
		await send(platform, notify, { headers: asAgent, body: { message: 'Here you go', attachments } });
		expect(platform.activity[0]?.response_body).toEqual({ result: 'Here you go', parts: attachments.map((file) => ({ kind: 'file', file })) });
		expect(withoutActivity(platform)).toEqual([
			{ event: 'AGENT_MESSAGE', workspace_id: agent, timestamp: '2026-05-01T12:00:00.000Z', payload: { message: 'Here you go', workspace_id: agent, name: 'Helper', attachments } },
		]);
	});

	test('an event without attachments has no attachments key', async () => {
		const { platform } = setup(org());
		await send(platform, notify, { headers: asAgent, body: { message: 'hi', attachments: [] } });
		expect(platform.events[0]?.payload).toEqual({ message: 'hi', workspace_id: agent, name: 'Helper' });
	});

	test('a long message is summarised by its first 80 characters', async () => {
		const { platform } = setup(org());
		await send(platform, notify, { headers: asAgent, body: { message: '🙂'.repeat(100) } });
		expect(platform.activity[0]?.summary).toBe(`Agent message: ${'🙂'.repeat(80)}…`);
	});

	test('no message, an empty one or a body that does not bind answers 400 message is required', async () => {
		const { platform } = setup(org());
		for (const body of [{}, { message: '' }, { message: 7 }, { message: 'x', attachments: 'file' }, 'nope']) {
			const answer = await send(platform, notify, { headers: asAgent, body });
			expect(answer.status).toBe(400);
			expect(answer.json).toEqual({ error: 'message is required' });
		}
		expect(platform.activity).toEqual([]);
	});

	test('an attachment without uri or name answers 400 naming its index', async () => {
		const { platform } = setup(org());
		const answer = await send(platform, notify, { headers: asAgent, body: { message: 'x', attachments: [{ uri: 'a', name: 'a' }, { uri: 'b' }] } });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ error: 'attachment[1]: uri and name are required' });
	});

	test('a workspace with talk to user disabled answers 403 talk_to_user_disabled with a hint, and nothing is sent', async () => {
		const { platform } = setup(org({ talkToUserEnabled: false }));
		const answer = await send(platform, notify, { headers: asAgent, body: { message: 'hi' } });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: 'talk_to_user_disabled', hint: expect.any(String) });
		expect(platform.activity).toEqual([]);
		expect(platform.events).toEqual([]);
	});

	test('talk to user shows in the workspace info, and turning it back on lets messages through', async () => {
		const { platform } = setup(org({ talkToUserEnabled: false }));
		expect((await send(platform, `/workspaces/${agent}`)).json).toMatchObject({ talk_to_user_enabled: false });
		platform.update(agent, { talkToUserEnabled: true });
		expect((await send(platform, notify, { headers: asAgent, body: { message: 'hi' } })).status).toBe(200);
	});

	test('an unknown or removed workspace answers 404 workspace not found (to the admin token)', async () => {
		const { platform } = setup(org());
		expect((await send(platform, `/workspaces/${id(9)}/notify`, { headers: canvas, body: { message: 'hi' } })).json).toEqual({ error: 'workspace not found' });
		platform.update(agent, { status: 'removed' });
		const removed = await send(platform, notify, { headers: canvas, body: { message: 'hi' } });
		expect(removed.status).toBe(404);
	});

	test('needs WorkspaceAuth', async () => {
		const { platform } = setup(org());
		expect((await send(platform, notify, { body: { message: 'hi' } })).json).toEqual({ error: 'missing workspace auth token' });
	});
});
