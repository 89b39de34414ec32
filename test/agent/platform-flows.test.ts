import { describe, expect, it } from 'vitest';
import { isTalkToUserDisabledError, type Agent, type InboundMessage } from '../../src/agent/index.js';
import { agents } from '../../src/dev/index.js';
import { ADMIN_TOKEN, AGENT, agentIn, memoryStore, peer, PEER, PLATFORM, sendAsUser, world, type World } from './helpers.js';

// The agent's tools against the dev platform itself (issue 12's routes, merged from wip/12dev).

async function firstMessage(agent: Agent, clock: World['clock']): Promise<InboundMessage> {
	const stop = new AbortController();
	const iterator = agent.inbox({ signal: stop.signal })[Symbol.asyncIterator]();
	const next = iterator.next();
	await clock.run(0);
	const { value } = await next;
	stop.abort();
	return value as InboundMessage;
}

describe('talking to the user on the dev platform', () => {
	it("notifyUser lands as the workspace's notify row, which the agent's own inbox drops", async () => {
		const w = world();
		const agent = agentIn(w);
		await agent.register();
		await agent.notifyUser('Working on it');
		expect(w.platform.activity.filter((row) => row.method === 'notify').map((row) => row.response_body)).toEqual([{ result: 'Working on it' }]);
		await sendAsUser(w, 'thanks', 'user-message-1');
		expect((await firstMessage(agent, w.clock)).text).toBe('thanks');
	});

	it("a reply to a person's message is a notify", async () => {
		const w = world();
		const agent = agentIn(w);
		await agent.register();
		await sendAsUser(w, 'status?', 'user-message-1');
		await (await firstMessage(agent, w.clock)).reply('all green');
		expect(w.platform.activity.filter((row) => row.method === 'notify').map((row) => row.response_body)).toEqual([{ result: 'all green' }]);
	});

	it('a workspace that may not talk to its user gets TalkToUserDisabledError', async () => {
		const w = world({ talkToUserEnabled: false });
		const agent = agentIn(w);
		await agent.register();
		const error = await agent.notifyUser('hello?').catch((caught: unknown) => caught);
		expect(isTalkToUserDisabledError(error)).toBe(true);
	});
});

describe('files on the dev platform', () => {
	it("uploadChatFiles stages files for a poll-mode agent, which gets them with the person's message and downloads them once", async () => {
		const w = world();
		const agent = agentIn(w);
		await agent.register();
		const [uploaded] = await agent.uploadChatFiles([new File(['hello file'], 'note.txt', { type: 'text/plain' })]);
		expect(uploaded?.uri).toMatch(new RegExp(`^platform-pending:${AGENT}/`));
		await sendAsUser(w, 'see the note', 'user-note', uploaded ? [uploaded] : []);
		const message = await firstMessage(agent, w.clock);
		expect([message.from, message.text]).toEqual(['user', 'see the note']);
		const file = message.files[0];
		expect([file?.name, file?.mimeType]).toEqual(['note.txt', 'text/plain']);
		expect(await (await file?.download())?.text()).toBe('hello file');
		// Acknowledged: the platform dropped it.
		const status = (await w.platform.fetch(new Request(`${PLATFORM}/workspaces/${AGENT}/pending-uploads/${file?.uri.split('/').pop()}/content`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } }))).status;
		expect(status).toBe(404);
	});

	it('uploadChatFiles refuses files over the platform limits before sending', async () => {
		const w = world();
		const agent = agentIn(w);
		await agent.register();
		const before = w.platform.requests.length;
		const error = await agent.uploadChatFiles(Array.from({ length: 11 }, (_, index) => new Blob([`${index}`]))).catch((caught: unknown) => caught);
		expect((error as Error).name).toBe('UploadLimitError');
		expect(w.platform.requests.slice(before).map((request) => request.path)).toEqual(['/uploads/limits']);
	});
});

describe('delegation on the dev platform', () => {
	it('delegates to a peer and waits for the reply', async () => {
		const w = world();
		w.platform.update(PEER, { deliveryMode: 'push' });
		w.platform.setAgent(PEER, agents.reply('incident list ready'));
		const agent = agentIn(w);
		await agent.register();
		const started = await agent.delegate(PEER, 'List the open incidents');
		expect(started).toMatchObject({ status: 'delegated', idempotentHit: false });
		const outcome = await agent.waitForDelegation(started.delegationId);
		expect(outcome).toEqual({ delegationId: started.delegationId, status: 'completed', responsePreview: 'incident list ready' });
		const rows = await agent.delegations();
		expect(rows.some((row) => row.delegation_id === started.delegationId && row.direction === 'sent')).toBe(true);
	});

	it('the same task delegated twice finds the first delegation (the default idempotency key)', async () => {
		const w = world();
		const agent = agentIn(w);
		await agent.register();
		const first = await agent.delegate(PEER, 'Review PR 42');
		const second = await agent.delegate(PEER, 'Review PR 42');
		expect(second).toMatchObject({ delegationId: first.delegationId, idempotentHit: true });
		const other = await agent.delegate(PEER, 'Review PR 43');
		expect(other.delegationId).not.toBe(first.delegationId);
		await w.platform.settled();
	});

	it('a delegation the hierarchy forbids ends failed, with the reason', async () => {
		const w = world();
		const agent = agentIn(w);
		await agent.register();
		const started = await agent.delegate('10000000-0000-4000-8000-0000000000ff', 'anything');
		const outcome = await agent.waitForDelegation(started.delegationId);
		expect(outcome.status).toBe('failed');
		expect(outcome.error).toBeTruthy();
	});
});

describe('memories and activity on the dev platform', () => {
	it('commits memories and recalls them by a query', async () => {
		const w = world();
		const agent = agentIn(w);
		await agent.register();
		await agent.memories.commit('The deploy key rotates on Mondays');
		await agent.memories.commit('Standup is at 9', { scope: 'TEAM' });
		expect((await agent.memories.recall('deploy')).map((memory) => memory.content)).toEqual(['The deploy key rotates on Mondays']);
		expect((await agent.memories.recall('', { scope: 'TEAM' })).map((memory) => memory.content)).toEqual(['Standup is at 9']);
	});

	it("logActivity writes a row the agent's own inbox does not see", async () => {
		const w = world();
		const agent = agentIn(w);
		await agent.register();
		await agent.logActivity({ type: 'a2a_receive', summary: 'noted by the agent itself' });
		expect(w.platform.activity.some((row) => row.summary === 'noted by the agent itself' && row.source_id === AGENT)).toBe(true);
		await peer(w).sendMessage(AGENT, 'real one');
		expect((await firstMessage(agent, w.clock)).text).toBe('real one');
	});
});

describe('inbound secret rotation on the dev platform', () => {
	it('a heartbeat stores the rotated secret; pushes with it are served, with the old one refused', async () => {
		let target: Agent | undefined;
		const w = world({}, { fetch: (request) => (target as Agent).fetch(request), secrets: ['root-secret-0123456789abcdefghijklmnopqr', 'agent-secret-0123456789abcdefghijklmnopq', 'peer-secret-0123456789abcdefghijklmnopqr', 'rotated-secret-0123456789abcdefghijklmno'] });
		const store = memoryStore();
		target = agentIn(w, { deliveryMode: 'push', url: 'https://agent.example/a2a/inbound', store, onMessage: (message) => `echo: ${message.text}` });
		await target.register();
		const old = String(await store.get('inboundSecret'));
		const rotated = w.platform.rotateInboundSecret(AGENT);
		expect(rotated).not.toBe(old);
		await target.heartbeat();
		expect(await store.get('inboundSecret')).toBe(rotated);
		expect(await peer(w).sendMessage(AGENT, 'after rotation')).toMatchObject({ status: 'replied', text: 'echo: after rotation' });
		const stale = await target.fetch(new Request('https://agent.example/a2a/inbound', { method: 'POST', headers: { Authorization: `Bearer ${old}` }, body: '{}' }));
		expect(stale.status).toBe(401);
	});

	it('answers the forwarded chat-upload path with 501 and a JSON error', async () => {
		let target: Agent | undefined;
		const w = world({}, { fetch: (request) => (target as Agent).fetch(request) });
		target = agentIn(w, { deliveryMode: 'push', url: 'https://agent.example/a2a/inbound', onMessage: () => undefined });
		await target.register();
		const secret = String((await target.register()).inboundSecret);
		const response = await target.fetch(new Request('https://agent.example/a2a/inbound/internal/chat/uploads/ingest', { method: 'POST', headers: { Authorization: `Bearer ${secret}` }, body: 'x' }));
		expect(response.status).toBe(501);
		expect(await response.json()).toEqual({ error: 'this agent does not take chat files in push mode' });
	});
});
