import { describe, expect, it } from 'vitest';
import { createAgent, isTokenRejectedError } from '../../src/agent/index.js';
import { isConfigError } from '../../src/index.js';
import { ADMIN_TOKEN, AGENT, agentIn, memoryStore, MINTED, PEER, PLATFORM, recordingStore, SECRET, world } from './helpers.js';
import { json, routes } from './routes.js';


const bearerOf = (w: ReturnType<typeof world>, path: string): string | undefined => w.platform.requests.filter((request) => request.path.startsWith(path)).at(-1)?.headers['authorization'];

describe('register', () => {
	it('sends the card and the delivery mode; poll mode needs no URL', async () => {
		const w = world();
		const registration = await agentIn(w, { card: { name: 'triage', skills: [] } }).register();
		expect(registration).toEqual({ deliveryMode: 'poll', tokenMinted: true, inboundSecret: SECRET });
		expect(w.platform.requests[0]?.body).toEqual({ id: AGENT, agent_card: { name: 'triage', skills: [] }, delivery_mode: 'poll' });
		expect(w.platform.workspace(AGENT)?.deliveryMode).toBe('poll');
	});

	it('sends the URL in push mode', async () => {
		const w = world();
		const registration = await agentIn(w, { deliveryMode: 'push', url: 'https://agent.example/a2a/inbound', onMessage: () => undefined }).register();
		expect(registration.deliveryMode).toBe('push');
		expect(w.platform.requests[0]?.body).toMatchObject({ delivery_mode: 'push', url: 'https://agent.example/a2a/inbound' });
		expect(w.platform.workspace(AGENT)?.url).toBe('https://agent.example/a2a/inbound');
	});

	it('stores the token a first registration mints, and every later call sends it', async () => {
		const w = world();
		const store = recordingStore();
		const agent = agentIn(w, { store });
		await agent.register();
		expect(store.values.get('token')).toBe(MINTED);
		expect(store.values.get('inboundSecret')).toBe(SECRET);
		await agent.heartbeat();
		expect(bearerOf(w, '/registry/heartbeat')).toBe(`Bearer ${MINTED}`);
	});

	it("shares the minted token with the agent's client", async () => {
		const w = world();
		const agent = agentIn(w);
		await agent.register();
		await agent.client.sendMessage(PEER, 'hello');
		expect(bearerOf(w, `/workspaces/${PEER}/a2a`)).toBe(`Bearer ${MINTED}`);
	});

	it('after a restart with the same store, uses the stored token and mints none', async () => {
		const w = world();
		const store = recordingStore();
		await agentIn(w, { store }).register();
		const again = await agentIn(w, { store }).register();
		expect(again.tokenMinted).toBe(false);
		expect(bearerOf(w, '/registry/register')).toBe(`Bearer ${MINTED}`);
		expect(store.writes.filter(([key]) => key === 'token')).toHaveLength(1);
	});

	it('uses a configured token until one is minted, then the minted one', async () => {
		const w = world();
		const agent = agentIn(w, { token: 'configured-token-0123456789abcdef' });
		await agent.register();
		expect(bearerOf(w, '/registry/register')).toBe('Bearer configured-token-0123456789abcdef');
		await agent.heartbeat();
		expect(bearerOf(w, '/registry/heartbeat')).toBe(`Bearer ${MINTED}`);
	});

	it('a 401 later says the token is gone (TokenRejectedError) and renews nothing', async () => {
		const w = world();
		const agent = agentIn(w);
		await agent.register();
		w.platform.update(AGENT, { tokens: ['another-token-0123456789abcdefgh'] });
		const before = w.platform.requests.length;
		const error = await agent.heartbeat().catch((caught: unknown) => caught);
		expect(isTokenRejectedError(error)).toBe(true);
		expect((error as Error).message).toMatch(/HTTP 401: invalid workspace auth token/);
		expect(w.platform.requests.length - before).toBe(1);
	});

	it('keeps a minted token it could not store in memory, goes on, and logs that the store failed without the token', async () => {
		const w = world();
		const store = { get: () => undefined, set: (_key: string, value: string) => Promise.reject(new Error(`disk full while writing ${value}`)) };
		const agent = agentIn(w, { store });
		expect(await agent.register()).toMatchObject({ tokenMinted: true });
		const failures = w.logs.filter((line) => line.startsWith('error store:'));
		expect(failures.some((line) => line.includes('kept in memory only'))).toBe(true);
		expect(failures.join('\n')).not.toContain(MINTED);
		// The store still fails, but the token in memory is sent and the heartbeat goes through.
		expect(await agent.heartbeat()).toHaveProperty('generation');
		expect(bearerOf(w, '/registry/heartbeat')).toBe(`Bearer ${MINTED}`);
	});
});

describe('heartbeat', () => {
	it("sends the report under the platform's names, with the uptime on the agent's clock, and answers the generation", async () => {
		const w = world();
		const agent = agentIn(w);
		await agent.register();
		await w.clock.run(42_500);
		const { generation } = await agent.heartbeat({ activeTasks: 1, currentTask: 'triage', errorRate: 0.25, isBusy: true });
		expect(generation).toBe(1);
		expect(w.platform.requests.at(-1)?.body).toEqual({ workspace_id: AGENT, active_tasks: 1, current_task: 'triage', error_rate: 0.25, is_busy: true, uptime_seconds: 42 });
	});

	it('sends the configured report when given none: a fixed one or a function asked each time', async () => {
		const w = world();
		let tasks = 0;
		const agent = agentIn(w, { heartbeat: { report: () => ({ activeTasks: ++tasks }) } });
		await agent.register();
		await agent.heartbeat();
		await agent.heartbeat();
		const bodies = w.platform.requests.filter((request) => request.path === '/registry/heartbeat').map((request) => (request.body as { active_tasks: number }).active_tasks);
		expect(bodies).toEqual([1, 2]);
	});

	it('refuses a report member that is not a heartbeat field, naming it, before sending', async () => {
		const w = world();
		const agent = agentIn(w);
		const error = await agent.heartbeat({ activeTask: 1 } as never).catch((caught: unknown) => caught);
		expect(isConfigError(error) && error.field).toBe('report.activeTask');
		expect(w.platform.requests).toHaveLength(0);
	});

	it('stores an inbound secret the platform rotated', async () => {
		const store = recordingStore();
		const { fetch } = routes({ 'POST /registry/heartbeat': () => json({ status: 'ok', generation: 3, platform_inbound_secret: 'rotated-secret-0123456789abcdefghijk' }) });
		const agent = createAgent({ workspaceId: AGENT, platformUrl: PLATFORM, token: ADMIN_TOKEN, fetch, store });
		expect(await agent.heartbeat()).toEqual({ generation: 3 });
		expect(store.values.get('inboundSecret')).toBe('rotated-secret-0123456789abcdefghijk');
	});
});

describe('updateCard', () => {
	it('replaces the card on the platform, and later registers send the new one', async () => {
		const w = world();
		const agent = agentIn(w);
		await agent.register();
		await agent.updateCard({ name: 'triage v2' });
		expect(w.platform.workspace(AGENT)?.agentCard).toEqual({ name: 'triage v2' });
		await agent.register();
		expect(w.platform.requests.at(-1)?.body).toMatchObject({ agent_card: { name: 'triage v2' } });
	});

	it('refuses a card that is not an object', async () => {
		const error = await agentIn(world()).updateCard([] as never).catch((caught: unknown) => caught);
		expect(isConfigError(error) && error.field).toBe('card');
	});
});

describe('a second agent for a workspace that has a token', () => {
	it('is told to pass the existing token, not that its token is gone', async () => {
		const w = world();
		await agentIn(w).register();
		const error = await agentIn(w, { store: memoryStore() })
			.register()
			.catch((caught: unknown) => caught);
		expect(isTokenRejectedError(error) && error.platformError).toBe('missing workspace auth token');
		expect((error as Error).message).toMatch(/already has one.*pass it as `token`/);
		expect((error as Error).message).not.toContain('gone');
	});
});

describe('registration races and early calls', () => {
	it('two register() calls at once share one registration: one request, one minted token', async () => {
		const w = world();
		const agent = agentIn(w);
		const [first, second] = await Promise.all([agent.register(), agent.register()]);
		expect(second).toEqual(first);
		expect(w.platform.requests.filter((request) => request.path === '/registry/register')).toHaveLength(1);
	});

	it('a call before the first register() says to register first, not that a token exists elsewhere', async () => {
		const w = world();
		const error = await agentIn(w)
			.memories.recall('anything')
			.catch((caught: unknown) => caught);
		expect(isTokenRejectedError(error) && error.message).toMatch(/has none yet: call register\(\) first/);
	});
});

describe('createAgent options', () => {
	const base = { workspaceId: AGENT, platformUrl: PLATFORM };
	const cases: [string, Record<string, unknown>, string][] = [
		['a delivery mode that is neither poll nor push', { deliveryMode: 'pull' }, 'deliveryMode'],
		['push mode without a URL', { deliveryMode: 'push' }, 'url'],
		['a URL that is not http(s)', { deliveryMode: 'push', url: 'ftp://agent.example', onMessage: () => 'ok' }, 'url'],
		['push mode without onMessage', { deliveryMode: 'push', url: 'https://agent.example/a2a/inbound' }, 'onMessage'],
		['a card that is not an object', { card: 'agent' }, 'card'],
		['onMessage that is not a function', { onMessage: 'reply' }, 'onMessage'],
		['a store without set', { store: { get: () => undefined } }, 'store'],
		['a heartbeat interval of 0', { heartbeat: { intervalMs: 0 } }, 'heartbeat.intervalMs'],
		['an unknown heartbeat option', { heartbeat: { every: 5 } }, 'heartbeat.every'],
		['a batch size over 500', { inbox: { batchSize: 501 } }, 'inbox.batchSize'],
		['a jitter over 1', { inbox: { jitter: 2 } }, 'inbox.jitter'],
		['an unknown inbox option', { inbox: { interval: 5 } }, 'inbox.interval'],
		['a workspace id that is not a UUID', { workspaceId: 'agent-1' }, 'workspaceId'],
		['a token that is a number', { token: 42 }, 'token'],
	];
	it('quotes a bad delivery mode or URL back, without its credentials or query', () => {
		const messageOf = (options: Record<string, unknown>): string => {
			try {
				createAgent({ ...base, onMessage: () => 'ok', ...options } as never);
			} catch (caught) {
				return (caught as Error).message;
			}
			return '';
		};
		expect(messageOf({ deliveryMode: 'Push' })).toContain(`got "Push"`);
		// Longer than any word it could be a misspelling of: perhaps a token in the wrong option.
		expect(messageOf({ deliveryMode: 'tok-SECRETVALUE' })).toContain('got a string of 15 characters');
		const url = messageOf({ deliveryMode: 'push', url: 'ftp://user:hunter2@agent.example/in?key=s3cret' });
		expect(url).toContain('"ftp://…@agent.example/in?…"');
		expect(url).not.toMatch(/hunter2|s3cret/);
	});

	for (const [what, options, field] of cases) {
		it(`refuses ${what}, naming ${field}`, () => {
			let error: unknown;
			try {
				createAgent({ ...base, ...options } as never);
			} catch (caught) {
				error = caught;
			}
			expect(isConfigError(error) && error.field).toBe(field);
		});
	}
});
