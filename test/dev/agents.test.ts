import { describe, expect, test } from 'vitest';
import { agents, createDevPlatform, type AgentHandler } from '../../src/dev/index.js';
import { as, id, messageSend, send, setup } from './helpers.js';

const target = id(1);
const a2a = `/workspaces/${target}/a2a`;

function platformWith(agent: AgentHandler) {
	return setup([{ id: target, name: 'Target', tokens: ['target-token'], agent }]);
}

const self = as(target, 'target-token');

const textOf = (json: unknown): unknown => (json as { result?: { parts?: { text?: string }[] } }).result?.parts?.[0]?.text;

describe('agents helpers', () => {
	test('echo repeats every text part after its prefix, reading kind or the v0 type', async () => {
		const { platform } = platformWith(agents.echo('> '));
		const body = messageSend('a');
		(body['params'] as { message: { parts: unknown[] } }).message.parts.push({ type: 'text', text: 'b' }, { kind: 'data', data: 1 });
		expect(textOf((await send(platform, a2a, { headers: self, body })).json)).toBe('> a\nb');
	});

	test('reply always answers the same text', async () => {
		const { platform } = platformWith(agents.reply('fixed'));
		expect(textOf((await send(platform, a2a, { headers: self, body: messageSend('anything') })).json)).toBe('fixed');
	});

	test('sequence answers in order, then repeats the last reply', async () => {
		const { platform } = platformWith(agents.sequence(agents.busy(), 'second', agents.reply('last')));
		const statuses: unknown[] = [];
		for (let call = 0; call < 4; call++) {
			const answer = await send(platform, a2a, { headers: self, body: messageSend('hi', `m-${call}`) });
			statuses.push(answer.status === 200 ? textOf(answer.json) : answer.status);
		}
		expect(statuses).toEqual([202, 'second', 'last', 'last']);
	});

	test('dedupingEcho executes a messageId once and answers a repeat with the same text', async () => {
		const agent = agents.dedupingEcho();
		const { platform } = platformWith(agent);
		const first = await send(platform, a2a, { headers: self, body: messageSend('once', 'same-id') });
		const repeat = await send(platform, a2a, { headers: self, body: messageSend('twice?', 'same-id') });
		await send(platform, a2a, { headers: self, body: messageSend('other', 'other-id') });
		expect(textOf(first.json)).toBe('echo: once');
		expect(textOf(repeat.json)).toBe('echo: once');
		expect(agent.executions).toBe(2);
	});

	test('slow is cut short by the dispatch timeout, which aborts the signal the agent saw', async () => {
		let seen: AbortSignal | undefined;
		const agent: AgentHandler = (request, context) => {
			seen = context.signal;
			return agents.slow(10_000, 'too late')(request, context);
		};
		const { platform, clock } = setup([{ id: target, name: 'Target', tokens: ['target-token'], agent }], { idleTimeoutMs: 3_000 });
		const pending = send(platform, a2a, { headers: self, body: messageSend('hi') });
		await clock.run(3_000);
		expect((await pending).status).toBe(202);
		expect(seen?.aborted).toBe(true);
		expect(clock.pendingTimers).toBe(0);
	});
});

describe('the platform API', () => {
	test('workspace() answers a copy with defaults filled in; changing it changes nothing', async () => {
		const { platform } = setup([{ id: target.toUpperCase(), name: 'Target' }]);
		const copy = platform.workspace(target);
		expect(copy).toMatchObject({ id: target, status: 'online', tokens: [] });
		if (copy) copy.name = 'Changed';
		expect(platform.workspace(target)?.name).toBe('Target');
		expect(platform.workspace(id(404))).toBeUndefined();
	});

	test('setAgent replaces the behaviour; null removes it', async () => {
		const { platform } = platformWith(agents.reply('old'));
		platform.setAgent(target, agents.reply('new'));
		expect(textOf((await send(platform, a2a, { headers: self, body: messageSend('hi') })).json)).toBe('new');
		platform.setAgent(target, null);
		expect((await send(platform, a2a, { headers: self, body: messageSend('hi') })).json).toEqual({ error: 'workspace has no URL', status: 'online' });
	});

	test('update patches fields; removing a workspace stamps removedAt', async () => {
		const { platform } = platformWith(agents.reply('hi'));
		platform.update(target, { status: 'removed', name: 'Gone' });
		expect(platform.workspace(target)).toMatchObject({ name: 'Gone', status: 'removed', removedAt: '2026-05-01T12:00:00.000Z' });
	});

	test('setAgent and update refuse an unknown id', () => {
		const { platform } = platformWith(agents.reply('hi'));
		expect(() => platform.update(id(404), { name: 'x' })).toThrow(/unknown workspace/);
		expect(() => platform.setAgent(id(404), null)).toThrow(/unknown workspace/);
	});

	test('duplicate workspace ids are refused', () => {
		expect(() => createDevPlatform({ workspaces: [{ id: target, name: 'a' }, { id: target.toUpperCase(), name: 'b' }] })).toThrow(/duplicate/);
	});
});
