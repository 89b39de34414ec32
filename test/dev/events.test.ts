// Issue 13: the events the platform broadcasts to the canvas (addendum §4.4, §9.3, §9.14), as
// `platform.events` keeps them; the SSE and /ws tests check that the same events reach the wire.
import { describe, expect, test } from 'vitest';
import { agents, type DevPlatform, type DevWorkspace, type PlatformEvent } from '../../src/dev/index.js';
import { as, bearer, canvas, id, messageSend, send, setup } from './helpers.js';

const lead = id(1);
const target = id(2);
const a2a = `/workspaces/${target}/a2a`;

const org = (agent = agents.echo()): DevWorkspace[] => [
	{ id: lead, name: 'Lead', tokens: ['lead-token'] },
	{ id: target, name: 'Target', parentId: lead, tokens: ['target-token'], agent },
];

const named = (platform: DevPlatform, name: string): PlatformEvent[] => platform.events.filter((event) => event.event === name);

describe('events of a chat turn (addendum §4.4)', () => {
	test("a canvas send's reply is broadcast as A2A_RESPONSE {response_body, method, duration_ms, message_id}", async () => {
		const { platform } = setup(org());
		const answer = await send(platform, a2a, { headers: canvas, body: messageSend('hello', 'm-1') });
		expect(named(platform, 'A2A_RESPONSE')).toEqual([
			{ event: 'A2A_RESPONSE', workspace_id: target, timestamp: '2026-05-01T12:00:00.000Z', payload: { response_body: answer.json, method: 'message/send', duration_ms: 0, message_id: 'm-1' } },
		]);
	});

	test("a canvas send is echoed as USER_MESSAGE {message_id, content, workspace_id} before the reply's events", async () => {
		const { platform } = setup(org());
		await send(platform, a2a, { headers: canvas, body: messageSend('hello', 'm-1') });
		expect(platform.events[0]).toEqual({ event: 'USER_MESSAGE', workspace_id: target, timestamp: '2026-05-01T12:00:00.000Z', payload: { message_id: 'm-1', content: 'hello', workspace_id: target } });
		expect(platform.events.map((event) => event.event)).toEqual(['USER_MESSAGE', 'ACTIVITY_LOGGED', 'ACTIVITY_LOGGED', 'A2A_RESPONSE']);
	});

	test("USER_MESSAGE carries the message's file parts as attachments {name, uri, mimeType, size}", async () => {
		const { platform } = setup(org());
		const message = {
			role: 'user',
			messageId: 'm-2',
			parts: [
				{ kind: 'text', text: 'see attached' },
				{ kind: 'file', file: { uri: 'platform-pending:x/1', name: 'a.png', mimeType: 'image/png', size: 3 } },
			],
		};
		await send(platform, a2a, { headers: canvas, body: { jsonrpc: '2.0', id: 1, method: 'message/send', params: { message } } });
		expect(named(platform, 'USER_MESSAGE')[0]?.payload).toEqual({
			message_id: 'm-2',
			content: 'see attached',
			workspace_id: target,
			attachments: [{ name: 'a.png', uri: 'platform-pending:x/1', mimeType: 'image/png', size: 3 }],
		});
	});

	test("a workspace caller's turn is agent traffic: no USER_MESSAGE and no A2A_RESPONSE", async () => {
		const { platform } = setup(org());
		await send(platform, a2a, { headers: as(lead, 'lead-token'), body: messageSend('hello') });
		expect(platform.events.map((event) => event.event)).toEqual(['ACTIVITY_LOGGED', 'ACTIVITY_LOGGED']);
	});

	test('an admin caller claiming a workspace is recorded as that caller: no USER_MESSAGE, no A2A_RESPONSE', async () => {
		const { platform } = setup(org());
		await send(platform, a2a, { headers: { ...canvas, 'X-Workspace-ID': lead }, body: messageSend('hello') });
		expect(named(platform, 'USER_MESSAGE')).toEqual([]);
		expect(named(platform, 'A2A_RESPONSE')).toEqual([]);
	});

	test('an agent answering 500 gets no A2A_RESPONSE', async () => {
		const { platform } = setup(org(agents.httpStatus(500, { error: 'boom' })));
		const answer = await send(platform, a2a, { headers: canvas, body: messageSend('hello') });
		expect(answer.status).toBe(500);
		expect(named(platform, 'A2A_RESPONSE')).toEqual([]);
	});

	test('a push-async turn (cut off after 90 s) delivers its reply later as A2A_RESPONSE', async () => {
		const { platform, clock } = setup(org(agents.slow(120_000, 'late reply')));
		const pending = send(platform, a2a, { headers: canvas, body: messageSend('hi', 'm-late') });
		await clock.run(90_000);
		expect((await pending).json).toEqual({ status: 'queued', delivery_mode: 'push-async', method: 'message/send' });
		expect(named(platform, 'A2A_RESPONSE')).toEqual([]);
		await clock.run(30_000);
		await platform.settled();
		const [reply] = named(platform, 'A2A_RESPONSE');
		expect(reply?.payload).toMatchObject({ method: 'message/send', duration_ms: 120_000, message_id: 'm-late', response_body: { result: { parts: [{ kind: 'text', text: 'late reply' }] } } });
	});

	test("a busy target's queued canvas turn (202) delivers its reply as A2A_RESPONSE when a heartbeat drains it", async () => {
		const { platform } = setup(org(agents.sequence(agents.busy(), 'after the drain')));
		const answer = await send(platform, a2a, { headers: canvas, body: messageSend('hi', 'm-q') });
		expect(answer.status).toBe(202);
		await send(platform, '/registry/heartbeat', { headers: bearer('target-token'), body: { workspace_id: target, active_tasks: 0 } });
		await platform.settled();
		const [reply] = named(platform, 'A2A_RESPONSE');
		expect(reply).toMatchObject({ workspace_id: target, payload: { method: 'message/send', message_id: 'm-q', response_body: { result: { parts: [{ text: 'after the drain' }] } } } });
	});
});

describe('ACTIVITY_LOGGED (addendum §9.14)', () => {
	test('every activity row is broadcast on its workspace with its columns, bodies and message id', async () => {
		const { platform } = setup(org());
		await send(platform, a2a, { headers: canvas, body: messageSend('hello', 'm-1') });
		const [ingest, replied] = named(platform, 'ACTIVITY_LOGGED');
		expect(ingest?.workspace_id).toBe(target);
		expect(ingest?.payload).toEqual({
			activity_type: 'a2a_receive',
			method: 'message/send',
			summary: 'message/send → Target',
			status: 'ok',
			source_id: null,
			target_id: target,
			duration_ms: null,
			request_body: expect.objectContaining({ method: 'message/send' }),
			message_id: 'm-1',
		});
		expect(replied?.payload).toMatchObject({ duration_ms: 0, response_body: { result: { parts: [{ text: 'echo: hello' }] } }, message_id: 'm-1' });
	});

	test("an agent's reported row is broadcast too, its error_detail cut to 4096 characters", async () => {
		const { platform } = setup(org());
		const detail = 'x'.repeat(5000);
		await send(platform, `/workspaces/${lead}/activity`, { headers: bearer('lead-token'), body: { activity_type: 'error', summary: 'oops', status: 'error', error_detail: detail } });
		const [logged] = named(platform, 'ACTIVITY_LOGGED');
		expect(logged?.workspace_id).toBe(lead);
		expect(logged?.payload['error_detail']).toBe('x'.repeat(4096));
		expect(logged?.payload).not.toHaveProperty('message_id');
		expect(logged?.payload).not.toHaveProperty('request_body');
	});
});

describe('workspace lifecycle events (addendum §9.14)', () => {
	test('register announces WORKSPACE_ONLINE {url, agent_card, delivery_mode}', async () => {
		const { platform } = setup([{ id: lead, name: 'Lead', status: 'provisioning' }]);
		const card = { name: 'Lead agent' };
		await send(platform, '/registry/register', { body: { id: lead, url: 'http://localhost:9000', agent_card: card } });
		expect(named(platform, 'WORKSPACE_ONLINE')).toEqual([expect.objectContaining({ workspace_id: lead, payload: { url: 'http://localhost:9000', agent_card: card, delivery_mode: 'push' } })]);
	});

	test('a heartbeat with a high error rate announces WORKSPACE_DEGRADED {error_rate, sample_error}, and recovery WORKSPACE_ONLINE', async () => {
		const { platform } = setup(org());
		const beat = (body: Record<string, unknown>) => send(platform, '/registry/heartbeat', { headers: bearer('lead-token'), body: { workspace_id: lead, ...body } });
		await beat({ error_rate: 0.9, sample_error: 'rate limited' });
		await beat({ error_rate: 0 });
		expect(platform.events.map(({ event, payload }) => ({ event, payload }))).toEqual([
			{ event: 'WORKSPACE_DEGRADED', payload: { error_rate: 0.9, sample_error: 'rate limited' } },
			{ event: 'WORKSPACE_ONLINE', payload: {} },
		]);
	});

	test('a heartbeat whose current task changed announces TASK_UPDATED {current_task, active_tasks}; the same task again does not', async () => {
		const { platform } = setup(org());
		const beat = () => send(platform, '/registry/heartbeat', { headers: bearer('lead-token'), body: { workspace_id: lead, current_task: 'writing', active_tasks: 1 } });
		await beat();
		await beat();
		expect(named(platform, 'TASK_UPDATED')).toEqual([expect.objectContaining({ workspace_id: lead, payload: { current_task: 'writing', active_tasks: 1 } })]);
	});

	test('update() announces the new status: offline, paused, removed {cascade_deleted: 0}; the same status again is silent', () => {
		const { platform } = setup(org());
		platform.update(lead, { status: 'offline' });
		platform.update(lead, { status: 'offline' });
		platform.update(lead, { status: 'paused' });
		platform.update(lead, { status: 'removed' });
		expect(platform.events.map(({ event, payload }) => ({ event, payload }))).toEqual([
			{ event: 'WORKSPACE_OFFLINE', payload: {} },
			{ event: 'WORKSPACE_PAUSED', payload: {} },
			{ event: 'WORKSPACE_REMOVED', payload: { cascade_deleted: 0 } },
		]);
	});

	test('a hibernated workspace woken by a message announces WORKSPACE_ONLINE once it is back, 15 s later', async () => {
		const { platform, clock } = setup(org());
		platform.update(target, { status: 'hibernated' });
		expect((await send(platform, a2a, { headers: as(lead, 'lead-token'), body: messageSend('wake up') })).status).toBe(503);
		await clock.run(15_000);
		expect(platform.workspace(target)?.status).toBe('online');
		expect(named(platform, 'WORKSPACE_ONLINE')).toEqual([expect.objectContaining({ workspace_id: target, payload: {} })]);
	});
});

describe('platform.subscribe (docs/platform-contract.md §15.2)', () => {
	test('a listener hears each event as it is broadcast, until the function it got back is called', async () => {
		const { platform } = setup(org());
		const heard: string[] = [];
		const stop = platform.subscribe((event) => heard.push(`${event.event} ${String(event.payload['message'] ?? '')}`));
		await send(platform, `/workspaces/${target}/notify`, { headers: bearer('target-token'), body: { message: 'one' } });
		stop();
		await send(platform, `/workspaces/${target}/notify`, { headers: bearer('target-token'), body: { message: 'two' } });
		expect(heard).toEqual(['AGENT_MESSAGE one', 'ACTIVITY_LOGGED ']);
	});

	test('a listener that throws does not keep the event from the others, nor fail the route', async () => {
		const { platform } = setup(org());
		const heard: string[] = [];
		platform.subscribe(() => {
			throw new Error('broken subscriber');
		});
		platform.subscribe((event) => heard.push(event.event));
		const answer = await send(platform, `/workspaces/${target}/notify`, { headers: bearer('target-token'), body: { message: 'one' } });
		expect(answer.status).toBe(200);
		expect(heard).toEqual(['AGENT_MESSAGE', 'ACTIVITY_LOGGED']);
	});

	test('a listener that is not a function is a ConfigError naming it', () => {
		const { platform } = setup(org());
		expect(() => platform.subscribe('events' as unknown as () => void)).toThrow(expect.objectContaining({ name: 'ConfigError', message: expect.stringContaining('listener') }));
	});
});
