import { describe, expect, it } from 'vitest';
import { isTokenRejectedError, type Agent } from '../../src/agent/index.js';
import { isConfigError, isHttpError } from '../../src/index.js';
import { AGENT, agentIn, memoryStore, peer, PEER, sendAsUser, world, type World } from './helpers.js';
import { json, routes } from './routes.js';

/** The replies that reached the peer (a poll-mode workspace): its inbox rows from the agent. */
function repliesToPeer(w: World): { text: string; inReplyTo: unknown }[] {
	return w.platform.activity
		.filter((row) => row.workspace_id === PEER && row.source_id === AGENT)
		.map((row) => {
			const message = (row.request_body as { params: { message: { parts: { text: string }[]; metadata?: { in_reply_to?: unknown } } } }).params.message;
			return { text: message.parts.map((part) => part.text).join(''), inReplyTo: message.metadata?.in_reply_to };
		});
}

/** Runs `agent` while the peer sends it `text`, for the 6 s its inbox needs to answer, then stops it (no timer left). */
async function runWhilePeerSends(w: World, agent: Agent, text: string): Promise<void> {
	const stop = new AbortController();
	const running = agent.run({ signal: stop.signal });
	await w.clock.run(0);
	await peer(w).sendMessage(AGENT, text);
	await w.clock.run(6000);
	stop.abort();
	await running;
}

const countOf = (w: World, path: string): number => w.platform.requests.filter((request) => request.path.startsWith(path)).length;

describe('run', () => {
	it("registers, then hands each inbox message to onMessage and sends its reply to the peer, linked to the message", async () => {
		const w = world();
		const agent = agentIn(w, { onMessage: (message) => `echo: ${message.text}` });
		const stop = new AbortController();
		const running = agent.run({ signal: stop.signal });
		await w.clock.run(0);
		expect(w.platform.requests[0]?.path).toBe('/registry/register');
		const sent = await peer(w).sendMessage(AGENT, 'ping');
		await w.clock.run(6000);
		expect(repliesToPeer(w)).toEqual([{ text: 'echo: ping', inReplyTo: sent.messageId }]);
		stop.abort();
		await running;
	});

	it('answers a person with a notify', async () => {
		const w = world();
		const notify = routes({ 'POST /workspaces/:id/notify': () => json({ status: 'sent' }) }, w.platform.fetch);
		const agent = agentIn(w, { onMessage: () => 'hello person' }, notify.fetch);
		const stop = new AbortController();
		const running = agent.run({ signal: stop.signal });
		await w.clock.run(0);
		await sendAsUser(w, 'hi', 'user-message-1');
		await w.clock.run(6000);
		expect(notify.calls.map((call) => [call.params['id'], call.json])).toEqual([[AGENT, { message: 'hello person' }]]);
		stop.abort();
		await running;
	});

	it('answers a throwing onMessage with an agent error, logs it, and goes on with the next message', async () => {
		const w = world();
		const agent = agentIn(w, {
			onMessage: (message) => {
				if (message.text === 'boom') throw new Error('tool crashed');
				return `ok: ${message.text}`;
			},
		});
		const stop = new AbortController();
		const running = agent.run({ signal: stop.signal });
		await w.clock.run(0);
		await peer(w).sendMessage(AGENT, 'boom');
		await peer(w).sendMessage(AGENT, 'after');
		await w.clock.run(6000);
		expect(repliesToPeer(w).map((reply) => reply.text)).toEqual(['Agent error: tool crashed', 'ok: after']);
		expect(w.logs.some((line) => line.startsWith('error onMessage failed') && line.includes('tool crashed'))).toBe(true);
		stop.abort();
		await running;
	});

	it('answers a returned value that is no reply with an agent error, so the sender is not left waiting', async () => {
		const w = world();
		const agent = agentIn(w, { onMessage: () => 42 as never });
		await runWhilePeerSends(w, agent, 'question');
		expect(repliesToPeer(w).map((reply) => reply.text)).toEqual(["Agent error: the agent's reply cannot be sent (invalid message: must be a string or { parts }, got 42)"]);
		expect(w.logs.some((line) => line.startsWith('error onMessage returned a reply') && line.includes('got 42'))).toBe(true);
	});

	it('answers a reply over the platform request limit with an agent error that says so', async () => {
		const w = world();
		const agent = agentIn(w, { onMessage: () => 'x'.repeat(17 * 1024 * 1024) });
		await runWhilePeerSends(w, agent, 'question');
		const [reply] = repliesToPeer(w).map((answer) => answer.text);
		expect(reply).toMatch(/^Agent error: the agent's reply cannot be sent \(invalid message: is \d+ bytes as JSON; the platform proxy accepts at most 16777216\)$/);
	});

	it('keeps the reply sent before onMessage threw, and only logs the throw', async () => {
		const w = world();
		const agent = agentIn(w, {
			onMessage: async (message) => {
				await message.reply('first');
				throw new Error('after the reply');
			},
		});
		await runWhilePeerSends(w, agent, 'question');
		expect(repliesToPeer(w).map((reply) => reply.text)).toEqual(['first']);
		expect(w.logs.some((line) => line.includes('after message.reply() answered it'))).toBe(false);
	});

	it('sends one answer per message: a second reply() rejects, and a value returned after reply() is not sent', async () => {
		const w = world();
		let second: unknown;
		const agent = agentIn(w, {
			onMessage: async (message) => {
				await message.reply('first');
				second = await message.reply('second').catch((error: unknown) => error);
				return 'third';
			},
		});
		await runWhilePeerSends(w, agent, 'question');
		expect(repliesToPeer(w).map((reply) => reply.text)).toEqual(['first']);
		expect(isConfigError(second) && second.message).toMatch(/already called/);
		expect(w.logs.some((line) => line.includes('after message.reply() answered it'))).toBe(true);
	});

	it('goes on answering when the store cannot keep the token or the inbound secret', async () => {
		const w = world();
		const store = { get: () => undefined, set: () => Promise.reject(new Error('disk full')) };
		const agent = agentIn(w, { store, onMessage: (message) => `echo: ${message.text}` });
		await runWhilePeerSends(w, agent, 'still there?');
		expect(repliesToPeer(w).map((reply) => reply.text)).toEqual(['echo: still there?']);
	});

	it('stays silent when onMessage returns nothing', async () => {
		const w = world();
		const handled: string[] = [];
		const agent = agentIn(w, { onMessage: (message) => void handled.push(message.text) });
		await runWhilePeerSends(w, agent, 'fyi');
		expect(handled).toEqual(['fyi']);
		expect(repliesToPeer(w)).toEqual([]);
	});

	it('beats every heartbeat.intervalMs (default 30 s)', async () => {
		const w = world();
		const agent = agentIn(w, { onMessage: () => undefined });
		const stop = new AbortController();
		const running = agent.run({ signal: stop.signal });
		await w.clock.run(95_000);
		expect(countOf(w, '/registry/heartbeat')).toBe(3);
		stop.abort();
		await running;
	});

	it('resolves when its signal aborts, leaving no timer', async () => {
		const w = world();
		const agent = agentIn(w, { onMessage: () => undefined });
		const stop = new AbortController();
		const running = agent.run({ signal: stop.signal });
		await w.clock.run(12_000);
		expect(w.clock.pendingTimers).toBeGreaterThan(0);
		stop.abort();
		await expect(running).resolves.toBeUndefined();
		expect(w.clock.pendingTimers).toBe(0);
	});

	it('rejects with TokenRejectedError when the platform refuses the token, leaving no timer', async () => {
		const w = world();
		const agent = agentIn(w, { onMessage: () => undefined });
		const running = agent.run();
		await w.clock.run(0);
		w.platform.update(AGENT, { tokens: ['replaced-token-0123456789abcdefgh'] });
		const settled = running.catch((error: unknown) => error);
		await w.clock.run(6000);
		expect(isTokenRejectedError(await settled)).toBe(true);
		expect(w.clock.pendingTimers).toBe(0);
	});

	it('tries a registration that failed on the network again, with a growing wait', async () => {
		const w = world();
		const agent = agentIn(w, { onMessage: () => undefined });
		w.platform.dropConnections(2);
		const stop = new AbortController();
		const running = agent.run({ signal: stop.signal });
		await w.clock.run(10_000);
		expect(w.platform.requests[0]?.path).toBe('/registry/register');
		expect(w.logs.filter((line) => line.includes('registration failed'))).toHaveLength(2);
		stop.abort();
		await running;
	});

	it('rejects with the error when the platform refuses the registration for good', async () => {
		const w = world();
		const agent = agentIn(w, { deliveryMode: 'push', url: 'http://169.254.169.254/a2a', onMessage: () => undefined });
		const error = await agent.run().catch((caught: unknown) => caught);
		expect(isHttpError(error) && error.status).toBe(400);
		expect(w.clock.pendingTimers).toBe(0);
	});

	it('needs onMessage in poll mode', async () => {
		const error = await agentIn(world()).run().catch((caught: unknown) => caught);
		expect(isConfigError(error) && error.field).toBe('onMessage');
	});

	it('in push mode only registers and beats: it never polls', async () => {
		const w = world();
		const agent = agentIn(w, { deliveryMode: 'push', url: 'https://agent.example/a2a/inbound', onMessage: () => undefined });
		const stop = new AbortController();
		const running = agent.run({ signal: stop.signal });
		await w.clock.run(61_000);
		expect(countOf(w, '/registry/heartbeat')).toBe(2);
		expect(countOf(w, `/workspaces/${AGENT}/activity`)).toBe(0);
		stop.abort();
		await running;
	});

	it('a message cut short by the stop is not marked handled: the next run gets it again', async () => {
		const w = world();
		const store = memoryStore();
		const seen: string[] = [];
		const first = agentIn(w, {
			store,
			onMessage: async (message, { signal }) => {
				seen.push(message.text);
				await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
			},
		});
		const stop = new AbortController();
		const running = first.run({ signal: stop.signal });
		await w.clock.run(0);
		await peer(w).sendMessage(AGENT, 'long job');
		await w.clock.run(6000);
		stop.abort();
		await running;
		const second = agentIn(w, { store, onMessage: (message) => void seen.push(message.text) });
		const again = new AbortController();
		const rerun = second.run({ signal: again.signal });
		await w.clock.run(0);
		again.abort();
		await rerun;
		expect(seen).toEqual(['long job', 'long job']);
	});
});
