import { describe, expect, it } from 'vitest';
import { isDelegationTimeoutError, isTokenRejectedError } from '../../src/agent/index.js';
import { isConfigError, isHttpError, isInvalidPeerIdError } from '../../src/index.js';
import { AGENT, PEER, scriptedAgent, waits } from './helpers.js';
import { json, routes } from './routes.js';

// Scripted answers (the shapes of contract §14, addendum §9.1–9.2) for what the dev platform does not
// make on demand: exact keys, refusals, slow or flaky listings. The flow itself runs against the dev
// platform in platform-flows.test.ts.

const DELEGATION = '40000000-0000-4000-8000-000000000001';

/** SHA-256 of `text` as hex, computed independently of the agent (Node's WebCrypto). */
async function sha256Hex(text: string): Promise<string> {
	const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
	return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function row(fields: Record<string, unknown>): Record<string, unknown> {
	return { id: `row-${String(fields['status'])}`, type: 'delegation', source_id: AGENT, target_id: PEER, summary: 'Delegating', created_at: '2026-11-24T10:00:00Z', direction: 'sent', ...fields };
}

describe('delegate', () => {
	it('posts the target and the task with a key derived from them as the Python tools derive it', async () => {
		const { fetch, calls } = routes({ 'POST /workspaces/:id/delegate': () => json({ delegation_id: DELEGATION, status: 'delegated', target_id: PEER }, 202) });
		const { agent } = scriptedAgent(fetch);
		expect(await agent.delegate(PEER, 'Summarise the open incidents')).toEqual({ delegationId: DELEGATION, status: 'delegated', idempotentHit: false });
		const key = (await sha256Hex(`${AGENT}:${PEER}:Summarise the open incidents`)).slice(0, 32);
		expect(calls[0]?.params['id']).toBe(AGENT);
		expect(calls[0]?.json).toEqual({ target_id: PEER, task: 'Summarise the open incidents', idempotency_key: key });
	});

	it('sends a given idempotency key, and reports an idempotent hit', async () => {
		const { fetch, calls } = routes({ 'POST /workspaces/:id/delegate': () => json({ delegation_id: DELEGATION, status: 'dispatched', target_id: PEER, idempotent_hit: true }) });
		const { agent } = scriptedAgent(fetch);
		expect(await agent.delegate(PEER, 'again', { idempotencyKey: 'job-42' })).toEqual({ delegationId: DELEGATION, status: 'dispatched', idempotentHit: true });
		expect((calls[0]?.json as { idempotency_key: string }).idempotency_key).toBe('job-42');
	});

	it('refuses a target that is not a UUID and an empty task before sending', async () => {
		const { fetch, calls } = routes({});
		const { agent } = scriptedAgent(fetch);
		expect(isInvalidPeerIdError(await agent.delegate('../admin', 'x').catch((error: unknown) => error))).toBe(true);
		const blank = await agent.delegate(PEER, '  ').catch((error: unknown) => error);
		expect(isConfigError(blank) && blank.field).toBe('task');
		expect(calls).toHaveLength(0);
	});

	it("passes the platform's refusal on as an HttpError (403 tool call failed)", async () => {
		const { fetch } = routes({ 'POST /workspaces/:id/delegate': () => json({ error: 'tool call failed' }, 403) });
		const error = await scriptedAgent(fetch).agent.delegate(PEER, 'task').catch((caught: unknown) => caught);
		expect(isHttpError(error) && [error.status, error.platformError]).toEqual([403, 'tool call failed']);
	});
});

describe('delegations and waitForDelegation', () => {
	it('lists the rows with their direction', async () => {
		const rows = [row({ status: 'completed', delegation_id: DELEGATION, response_preview: 'done' }), row({ status: 'pending', direction: 'received', delegation_id: 'x' })];
		const { fetch } = routes({ 'GET /workspaces/:id/delegations': () => json(rows) });
		const listed = await scriptedAgent(fetch).agent.delegations();
		expect(listed.map((entry) => [entry.status, entry.direction])).toEqual([
			['completed', 'sent'],
			['pending', 'received'],
		]);
	});

	it('polls every 3 s until the delegation completes, with the reply preview', async () => {
		const answers = [
			[row({ status: 'pending', delegation_id: DELEGATION })],
			[row({ status: 'dispatched', delegation_id: DELEGATION })],
			[row({ id: 'result', status: 'completed', delegation_id: DELEGATION, response_preview: 'All quiet' }), row({ status: 'completed', delegation_id: DELEGATION })],
		];
		const { fetch, calls } = routes({ 'GET /workspaces/:id/delegations': () => json(answers.shift() ?? []) });
		const { agent, clock } = scriptedAgent(fetch);
		const waiting = agent.waitForDelegation(DELEGATION);
		await clock.run(6000);
		expect(await waiting).toEqual({ delegationId: DELEGATION, status: 'completed', responsePreview: 'All quiet' });
		expect(calls).toHaveLength(3);
		expect(waits(clock)).toEqual([3000, 3000]);
	});

	it('answers a failure with its error', async () => {
		const { fetch } = routes({ 'GET /workspaces/:id/delegations': () => json([row({ status: 'failed', delegation_id: DELEGATION, error: 'access denied' })]) });
		expect(await scriptedAgent(fetch).agent.waitForDelegation(DELEGATION)).toEqual({ delegationId: DELEGATION, status: 'failed', error: 'access denied' });
	});

	it('gives up after timeoutMs with DelegationTimeoutError naming the last status, leaving no timer', async () => {
		const { fetch } = routes({ 'GET /workspaces/:id/delegations': () => json([row({ status: 'queued', delegation_id: DELEGATION })]) });
		const { agent, clock } = scriptedAgent(fetch);
		const waiting = agent.waitForDelegation(DELEGATION, { timeoutMs: 7000 }).catch((error: unknown) => error);
		await clock.run(8000);
		const error = await waiting;
		expect(isDelegationTimeoutError(error) && [error.lastStatus, error.timeoutMs]).toEqual(['queued', 7000]);
		expect(clock.pendingTimers).toBe(0);
	});

	it('says a delegation the listing never showed may be older than the 50 rows the platform lists', async () => {
		const { fetch } = routes({ 'GET /workspaces/:id/delegations': () => json([]) });
		const { agent, clock } = scriptedAgent(fetch);
		const waiting = agent.waitForDelegation(DELEGATION, { timeoutMs: 4000 }).catch((error: unknown) => error);
		await clock.run(5000);
		expect(((await waiting) as Error).message).toMatch(/not listed: the platform lists the 50 newest delegation rows/);
	});

	it('keeps polling through a failed listing, but not through a refused token', async () => {
		let answer = 0;
		const flaky = routes({
			'GET /workspaces/:id/delegations': () => (answer++ === 0 ? json({ error: 'boom' }, 500) : json([row({ status: 'completed', delegation_id: DELEGATION })])),
		});
		const { agent, clock, logs } = scriptedAgent(flaky.fetch);
		const waiting = agent.waitForDelegation(DELEGATION);
		await clock.run(3000);
		expect((await waiting).status).toBe('completed');
		expect(logs.some((line) => line.includes('listing failed'))).toBe(true);
		const refused = routes({ 'GET /workspaces/:id/delegations': () => json({ error: 'invalid workspace auth token' }, 401) });
		expect(isTokenRejectedError(await scriptedAgent(refused.fetch).agent.waitForDelegation(DELEGATION).catch((error: unknown) => error))).toBe(true);
	});

	it('rejects with the reason when its signal aborts, leaving no timer', async () => {
		const { fetch } = routes({ 'GET /workspaces/:id/delegations': () => json([]) });
		const { agent, clock } = scriptedAgent(fetch);
		const stop = new AbortController();
		const waiting = agent.waitForDelegation(DELEGATION, { signal: stop.signal }).catch((error: unknown) => error);
		await clock.run(1000);
		stop.abort(new Error('user gave up'));
		expect(String(await waiting)).toContain('user gave up');
		expect(clock.pendingTimers).toBe(0);
	});

});
