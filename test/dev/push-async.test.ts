import { describe, expect, test } from 'vitest';
import { agents, createDevPlatform, type DevWorkspace } from '../../src/dev/index.js';
import { as, bearer, canvas, id, messageSend, send, setup } from './helpers.js';

const lead = id(1);
const target = id(2);
const a2a = `/workspaces/${target}/a2a`;
const pushAsync = { status: 'queued', delivery_mode: 'push-async', method: 'message/send' };

const org = (delayMs: number, then: string | { status: number; body: unknown } = 'done'): DevWorkspace[] => [
	{ id: lead, name: 'Lead', tokens: ['lead-token'] },
	{ id: target, name: 'Target', parentId: lead, tokens: ['target-token'], agent: agents.slow(delayMs, then) },
];

describe('the canvas-class cut-off (addendum §4.3 row 5)', () => {
	test('a canvas-class turn still running after 90 s answers 200 push-async', async () => {
		const { platform, clock } = setup(org(120_000));
		const pending = send(platform, a2a, { headers: canvas, body: messageSend('hi') });
		await clock.run(89_999);
		let settled = false;
		void pending.then(() => (settled = true));
		await clock.run(0);
		expect(settled).toBe(false);
		await clock.run(1);
		const answer = await pending;
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual(pushAsync);
	});

	test('the method in the push-async body is message/send whatever was sent', async () => {
		const { platform, clock } = setup(org(120_000));
		const pending = send(platform, a2a, { headers: canvas, body: { ...messageSend('hi'), method: 'tasks/get' } });
		await clock.run(90_000);
		expect((await pending).json).toEqual(pushAsync);
	});

	test('the turn goes on after the cut-off: the reply lands in the activity, and a later error is not reported', async () => {
		const { platform, clock } = setup(org(120_000, { status: 500, body: { error: 'late failure' } }));
		const pending = send(platform, a2a, { headers: canvas, body: messageSend('hi', 'm-1') });
		await clock.run(90_000);
		expect((await pending).status).toBe(200);
		await clock.run(30_000);
		await platform.settled();
		expect(platform.activity).toEqual([expect.objectContaining({ status: 'error', response_body: { error: 'late failure' }, duration_ms: 120_000 })]);
	});

	test('a canvas-class turn that ends in time answers as usual and leaves no timer behind', async () => {
		const { platform, clock } = setup(org(5_000));
		const pending = send(platform, a2a, { headers: canvas, body: messageSend('hi') });
		await clock.run(5_000);
		expect((await pending).json).toMatchObject({ result: { parts: [{ text: 'done' }] } });
		expect(clock.pendingTimers).toBe(0);
	});

	test('org API tokens are canvas-class too', async () => {
		const { platform, clock } = setup(org(120_000), { orgTokens: ['org-token'] });
		const pending = send(platform, a2a, { headers: bearer('org-token'), body: messageSend('hi') });
		await clock.run(90_000);
		expect((await pending).json).toEqual(pushAsync);
	});

	test('a workspace caller is not cut off: it waits for the reply', async () => {
		const { platform, clock } = setup(org(120_000));
		const pending = send(platform, a2a, { headers: as(lead, 'lead-token'), body: messageSend('hi') });
		await clock.run(120_000);
		expect((await pending).json).toMatchObject({ result: { parts: [{ text: 'done' }] } });
	});

	test('canvasSyncBudgetMs sets the cut-off', async () => {
		const { platform, clock } = setup(org(120_000), { canvasSyncBudgetMs: 10_000 });
		const pending = send(platform, a2a, { headers: canvas, body: messageSend('hi') });
		await clock.run(10_000);
		expect((await pending).json).toEqual(pushAsync);
	});

	test('canvasSyncBudgetMs null turns the cut-off off', async () => {
		const { platform, clock } = setup(org(120_000), { canvasSyncBudgetMs: null });
		const pending = send(platform, a2a, { headers: canvas, body: messageSend('hi') });
		await clock.run(120_000);
		expect((await pending).json).toMatchObject({ result: { parts: [{ text: 'done' }] } });
	});

	test.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('canvasSyncBudgetMs %s is refused with a ConfigError naming the option', (value) => {
		expect(() => createDevPlatform({ workspaces: [], canvasSyncBudgetMs: value })).toThrow(
			expect.objectContaining({ name: 'ConfigError', field: 'canvasSyncBudgetMs' }) as Error,
		);
	});
});
