import { describe, expect, test } from 'vitest';
import { demoAdminToken, demoOrg } from '../../src/dev/index.js';
import { as, bearer, messageSend, send, setup } from './helpers.js';

function demo() {
	const org = demoOrg();
	const { platform, clock } = setup(org.workspaces, { adminToken: org.adminToken });
	const id = (name: string): string => org.ids[name] ?? '';
	const message = (name: string, text = 'hello', from = 'orchestrator') =>
		send(platform, `/workspaces/${id(name)}/a2a`, { headers: as(id(from), `dev-token-${from}`), body: messageSend(text) });
	return { org, platform, clock, id, message };
}

describe('demoOrg()', () => {
	test('has fixed ids, readable tokens, the admin token and a description for every workspace', () => {
		const { workspaces, ids, caller, adminToken } = demoOrg();
		expect(caller).toBe(ids['orchestrator']);
		expect(ids['echo']).toBe('a2a00000-0000-4000-8000-000000000002');
		expect(adminToken).toBe('dev-admin-token');
		expect(demoAdminToken).toBe(adminToken);
		for (const workspace of workspaces) {
			const name = Object.entries(ids).find(([, value]) => value === workspace.id)?.[0];
			expect(workspace.tokens).toEqual([`dev-token-${name}`]);
			expect(workspace.description).toBeTruthy();
		}
		expect(workspaces.find((workspace) => workspace.id === caller)).toMatchObject({ name: 'Orchestrator', role: 'coordinator' });
	});

	test('Echo echoes', async () => {
		const { message } = demo();
		expect((await message('echo', 'ping')).json).toMatchObject({ result: { parts: [{ text: 'echo: ping' }] } });
	});

	test('Researcher replies with a completed Task holding an artifact', async () => {
		const { message } = demo();
		expect((await message('researcher')).json).toMatchObject({
			result: { kind: 'task', status: { state: 'completed' }, artifacts: [{ parts: [{ kind: 'text' }] }] },
		});
	});

	test('Flaky answers a JSON-RPC error', async () => {
		const { message } = demo();
		expect((await message('flaky')).json).toMatchObject({ error: { code: -32603, message: 'Internal error: model quota exhausted' } });
	});

	test('Crasher answers "Agent error: …"', async () => {
		const { message } = demo();
		expect((await message('crasher')).json).toMatchObject({ result: { parts: [{ text: expect.stringMatching(/^Agent error: /) as unknown }] } });
	});

	test('Busy queues every message', async () => {
		const { message } = demo();
		expect((await message('busy')).status).toBe(202);
	});

	test('Sleeper answers 503 waking, then replies 15 s later', async () => {
		const { message, clock } = demo();
		expect((await message('sleeper')).status).toBe(503);
		await clock.run(15_000);
		expect((await message('sleeper')).status).toBe(200);
	});

	test('Archived answers 410 from info', async () => {
		const { platform, id } = demo();
		expect((await send(platform, `/workspaces/${id('archived')}`)).status).toBe(410);
	});

	test('Inbox is in poll mode: 200 queued, and the message waits in its activity (addendum §4.3 row 14)', async () => {
		const { platform, id, message } = demo();
		const answer = await message('inbox', 'for later');
		expect(answer.json).toEqual({ status: 'queued', delivery_mode: 'poll', method: 'message/send' });
		const rows = await send(platform, `/workspaces/${id('inbox')}/activity?since_id=`, { headers: bearer('dev-token-inbox') });
		expect(rows.json).toMatchObject([{ source_id: id('orchestrator'), request_body: messageSend('for later') }]);
	});

	// Updated for addendum §1 #5: Finance, a second root, used to be reachable from the Orchestrator.
	test('Finance and its Auditor are another organisation: 403 from the proxy and discover', async () => {
		const { platform, id, message } = demo();
		expect((await message('finance')).status).toBe(403);
		expect((await message('auditor')).status).toBe(403);
		const discovered = await send(platform, `/registry/discover/${id('auditor')}`, { headers: as(id('orchestrator'), 'dev-token-orchestrator') });
		expect(discovered.status).toBe(403);
	});

	test('Finance reaches its Auditor', async () => {
		const { message } = demo();
		expect((await message('auditor', 'the books', 'finance')).json).toMatchObject({ result: { parts: [{ text: 'audited: the books' }] } });
	});

	test("the Orchestrator's peers are its children, without the removed one", async () => {
		const { platform, id } = demo();
		const peers = await send(platform, `/registry/${id('orchestrator')}/peers`, { headers: bearer('dev-token-orchestrator') });
		expect((peers.json as { name: string }[]).map((peer) => peer.name)).toEqual(['Echo', 'Researcher', 'Flaky', 'Crasher', 'Busy', 'Sleeper', 'Inbox']);
	});

	test('the admin token makes canvas-class calls to any workspace (addendum §4.2)', async () => {
		const { platform, id } = demo();
		const answer = await send(platform, `/workspaces/${id('auditor')}/a2a`, { headers: bearer(demoAdminToken), body: messageSend('hi') });
		expect(answer.json).toMatchObject({ result: { parts: [{ text: 'audited: hi' }] } });
	});

	test('each call builds fresh workspaces', () => {
		const first = demoOrg();
		const [orchestrator] = first.workspaces;
		if (orchestrator) orchestrator.name = 'Changed';
		expect(demoOrg().workspaces[0]?.name).toBe('Orchestrator');
	});
});
