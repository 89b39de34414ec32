import { describe, expect, test } from 'vitest';
import { demoOrg } from '../../src/dev/index.js';
import { as, messageSend, send, setup } from './helpers.js';

function demo() {
	const org = demoOrg();
	const { platform, clock } = setup(org.workspaces);
	const message = (name: string, text = 'hello') =>
		send(platform, `/workspaces/${org.ids[name] ?? ''}/a2a`, { headers: as(org.caller, 'dev-token-orchestrator'), body: messageSend(text) });
	return { org, platform, clock, message };
}

describe('demoOrg()', () => {
	test('has fixed ids, readable tokens and a description for every workspace', () => {
		const { workspaces, ids, caller } = demoOrg();
		expect(caller).toBe(ids['orchestrator']);
		expect(ids['echo']).toBe('a2a00000-0000-4000-8000-000000000002');
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
		const { org, platform } = demo();
		expect((await send(platform, `/workspaces/${org.ids['archived'] ?? ''}`)).status).toBe(410);
	});

	test('Auditor is outside the hierarchy: 403 from the proxy and discover; Finance is reachable', async () => {
		const { org, platform, message } = demo();
		expect((await message('auditor')).status).toBe(403);
		const discovered = await send(platform, `/registry/discover/${org.ids['auditor'] ?? ''}`, { headers: as(org.caller, 'dev-token-orchestrator') });
		expect(discovered.status).toBe(403);
		expect((await message('finance')).status).toBe(200);
	});

	test('each call builds fresh workspaces', () => {
		const first = demoOrg();
		const [orchestrator] = first.workspaces;
		if (orchestrator) orchestrator.name = 'Changed';
		expect(demoOrg().workspaces[0]?.name).toBe('Orchestrator');
	});
});
