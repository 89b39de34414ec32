// The canvas client against the dev platform, in process on one fake clock: workspaces, the proxy as
// a canvas-class caller, uploads, activity and the registry. Chat history, sessions and the live
// events are in dev-events.test.ts.
import { describe, expect, test } from 'vitest';
import { createCanvasClient } from '../../src/canvas/index.js';
import { agents, createDevPlatform, type DevWorkspace } from '../../src/dev/index.js';
import { isHttpError } from '../../src/index.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { sequentialUuid } from '../helpers/ids.js';

const platformUrl = 'http://dev.platform';
const adminToken = 'admin-token-0123456789abcdef';
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const [lead, echo, slow, poller] = [id(1), id(2), id(3), id(4)];

const org: DevWorkspace[] = [
	{ id: lead, name: 'Lead', tokens: ['lead-token'] },
	{ id: echo, name: 'Echo', parentId: lead, tokens: ['echo-token'], agent: agents.echo() },
	{ id: slow, name: 'Slow', parentId: lead, tokens: ['slow-token'], agent: agents.slow(120_000, 'finally') },
	{ id: poller, name: 'Poller', parentId: lead, tokens: ['poller-token'], deliveryMode: 'poll' },
];

function setup(token = adminToken) {
	const clock = new FakeClock();
	let n = 0;
	const platform = createDevPlatform({ workspaces: org, clock, adminToken, uuid: () => `00000000-0000-4000-9000-${String(++n).padStart(12, '0')}`, wallClock: () => new Date(Date.UTC(2026, 10, 30, 6)) });
	const canvas = createCanvasClient({ platformUrl, auth: { token }, fetch: platform.fetch, clock, random: () => 0.5, uuid: sequentialUuid() });
	return { clock, platform, canvas };
}

describe('the canvas on the dev platform', () => {
	test('lists the organisation as a tree with the ADMIN token', async () => {
		const { canvas } = setup();
		const tree = await canvas.listWorkspaces();
		expect(tree.roots().map((workspace) => workspace.name)).toEqual(['Lead']);
		expect(tree.childrenOf(lead).map((workspace) => workspace.name)).toEqual(['Echo', 'Slow', 'Poller']);
	});

	test('a workspace token cannot list the organisation: the 401 comes back as an HttpError', async () => {
		const { canvas } = setup('lead-token');
		const error = await canvas.listWorkspaces().catch((thrown: unknown) => thrown);
		expect(isHttpError(error) && error.status).toBe(401);
	});

	test('send is a canvas-class turn: the agent replies, and the activity records no caller', async () => {
		const { canvas, platform } = setup();
		const outcome = await canvas.send(echo, 'hello', { history: [{ role: 'user', text: 'earlier' }] });
		expect(outcome).toMatchObject({ status: 'replied', text: 'echo: hello' });
		await platform.settled();
		expect(platform.activity.find((row) => row.workspace_id === echo && row.activity_type === 'a2a_receive')).toMatchObject({
			source_id: null,
			request_body: { params: { metadata: { history: [{ role: 'user', parts: [{ kind: 'text', text: 'earlier' }] }] } } },
		});
	});

	test('a turn past 90 s is queued push-async', async () => {
		const { canvas, clock } = setup();
		const pending = canvas.send(slow, 'take your time');
		await clock.run(90_000);
		expect(await pending).toMatchObject({ status: 'queued', deliveryMode: 'push-async' });
		await clock.run(30_000);
	});

	test('a poll-mode workspace queues the turn, and its upload is staged on the platform', async () => {
		const { canvas } = setup();
		expect(await canvas.send(poller, 'when you can')).toMatchObject({ status: 'queued', deliveryMode: 'poll' });
		const [part] = await canvas.uploadFiles(poller, [new File(['a,b\n1,2'], 'data.csv', { type: 'text/csv' })]);
		expect(part).toMatchObject({ kind: 'file', file: { name: 'data.csv', uri: expect.stringMatching(/^platform-pending:/) } });
	});

	test("the lead's delegation shows in its agent comms and in the topology", async () => {
		const { canvas, platform, clock } = setup();
		const delegated = await platform.fetch(
			new Request(`${platformUrl}/workspaces/${lead}/delegate`, { method: 'POST', headers: { Authorization: 'Bearer lead-token', 'Content-Type': 'application/json' }, body: JSON.stringify({ target_id: echo, task: 'summarise' }) }),
		);
		expect(delegated.status).toBe(202);
		await clock.run(1000);
		await platform.settled();
		const comms = await canvas.agentComms(lead);
		expect(comms.map(({ kind, direction, text }) => ({ kind, direction, text }))).toEqual([
			{ kind: 'delegation', direction: 'out', text: 'summarise' },
			{ kind: 'delegation', direction: 'in', text: expect.stringContaining('summarise') },
		]);
		expect(await canvas.delegationTopology([lead, echo], { now: Date.UTC(2026, 10, 30, 6, 1) })).toEqual([{ source: lead, target: echo, count: 1, latest: '2026-11-30T06:00:00.000Z', hot: true }]);
	});

	test('peers of the lead are its children, read with the ADMIN token', async () => {
		const { canvas } = setup();
		expect((await canvas.peers(lead)).map((peer) => peer.name).sort()).toEqual(['Echo', 'Poller', 'Slow']);
	});
});
