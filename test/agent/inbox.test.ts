import { describe, expect, it } from 'vitest';
import { isTokenRejectedError, type InboundMessage } from '../../src/agent/index.js';
import { isConfigError } from '../../src/index.js';
import type { FakeClock } from '../helpers/fake-clock.js';
import { FakeFeed } from './feed.js';
import { AGENT, AGENT_TOKEN, agentIn, memoryStore, peer, PEER, recordingStore, scriptedAgent, sendAsUser, waits, world } from './helpers.js';
import { json, routes } from './routes.js';

type HasInbox = { inbox(options?: { signal?: AbortSignal }): AsyncIterable<InboundMessage> };

/**
 * The inbox's iterator with a stop, for stepping through it by hand. Stopping aborts its signal, which
 * also ends a `next()` that is waiting for a poll (`return()` would wait for that `next()` first).
 */
function reader(agent: HasInbox): { iterator: AsyncIterator<InboundMessage>; stop(): void } {
	const controller = new AbortController();
	return { iterator: agent.inbox({ signal: controller.signal })[Symbol.asyncIterator](), stop: () => controller.abort() };
}

async function take(iterator: AsyncIterator<InboundMessage>, count: number): Promise<InboundMessage[]> {
	const seen: InboundMessage[] = [];
	while (seen.length < count) {
		const { value, done } = await iterator.next();
		if (done) break;
		seen.push(value);
	}
	return seen;
}

const textsOf = (messages: readonly InboundMessage[]): string[] => messages.map((message) => message.text);
const flush = (clock: FakeClock): Promise<void> => clock.run(0);

describe('inbox on the dev platform', () => {
	it('delivers messages from peers and people oldest first, with who sent them', async () => {
		const w = world();
		const agent = agentIn(w);
		await agent.register();
		await peer(w).sendMessage(AGENT, 'first');
		await sendAsUser(w, 'second', 'user-message-1');
		await peer(w).sendMessage(AGENT, 'third');
		const { iterator, stop } = reader(agent);
		const messages = await take(iterator, 3);
		stop();
		expect(textsOf(messages)).toEqual(['first', 'second', 'third']);
		const fromPeer = { id: PEER, name: 'peer', role: 'reviewer' };
		expect(messages.map((message) => message.from)).toEqual([fromPeer, 'user', fromPeer]);
		expect(messages[1]?.messageId).toBe('user-message-1');
		const seqs = messages.map((message) => message.seq ?? 0);
		expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
		expect(messages[0]?.parts).toEqual([{ kind: 'text', text: 'first' }]);
		expect(messages[0]?.receivedAt).toBeInstanceOf(Date);
	});

	it('reads the backfill window first, then asks for the rows after its cursor, with peer info', async () => {
		const w = world();
		const agent = agentIn(w);
		await agent.register();
		await peer(w).sendMessage(AGENT, 'one');
		const { iterator, stop } = reader(agent);
		await iterator.next();
		const next = iterator.next();
		await w.clock.run(6000);
		await peer(w).sendMessage(AGENT, 'two');
		await w.clock.run(6000);
		expect((await next).value?.text).toBe('two');
		stop();
		const polls = w.platform.requests.filter((request) => request.path.includes('/activity?')).map((request) => new URL(`http://x${request.path}`).searchParams);
		expect(polls[0]?.get('since_secs')).toBe('600');
		expect(polls[0]?.get('since_id')).toBeNull();
		for (const query of polls) expect([query.get('type'), query.get('include'), query.get('limit')]).toEqual(['a2a_receive', 'peer_info', '100']);
		expect(polls.length).toBeGreaterThan(1);
		expect(polls.slice(1).every((query) => query.get('since_id') !== null)).toBe(true);
	});

	it('acknowledges a batch to the platform once its last message was handled', async () => {
		const w = world();
		const agent = agentIn(w);
		await agent.register();
		await peer(w).sendMessage(AGENT, 'one');
		await peer(w).sendMessage(AGENT, 'two');
		const { iterator, stop } = reader(agent);
		await iterator.next();
		const second = await iterator.next();
		await flush(w.clock);
		expect(w.platform.ackedSeq[AGENT]).toBeUndefined();
		// Asking for the next message says the second was handled: the batch is acknowledged.
		const pending = iterator.next();
		await flush(w.clock);
		expect(w.platform.ackedSeq[AGENT]).toBe(second.value?.seq);
		stop();
		await pending;
	});

	it('resets a cursor the platform does not know (HTTP 410) and loses nothing within the backfill window', async () => {
		const w = world();
		const store = memoryStore();
		const agent = agentIn(w, { store });
		await agent.register();
		await peer(w).sendMessage(AGENT, 'before');
		const first = reader(agent);
		expect((await first.iterator.next()).value?.text).toBe('before');
		const pending = first.iterator.next();
		await flush(w.clock);
		first.stop();
		await pending;
		// A cursor the platform never had: it answers 410, as for a pruned row.
		const state = JSON.parse(String(await store.get('inbox'))) as { cursor: string; handled: string[] };
		await store.set('inbox', JSON.stringify({ ...state, cursor: '20000000-0000-4000-8000-ffffffffffff' }));
		await peer(w).sendMessage(AGENT, 'after');
		const second = reader(agentIn(w, { store }));
		expect(textsOf(await take(second.iterator, 1))).toEqual(['after']);
		second.stop();
		expect(w.platform.requests.some((request) => request.path.includes('since_id=20000000-0000-4000-8000-ffffffffffff') && request.status === 410)).toBe(true);
		expect(w.logs.some((line) => line.includes('HTTP 410'))).toBe(true);
	});
});

describe('inbox semantics (scripted feed)', () => {
	const feedAgent = (feed: FakeFeed, options: Parameters<typeof scriptedAgent>[1] = {}) => scriptedAgent(routes(feed.routes).fetch, options);

	it('drops its own notify echoes, rows it wrote itself, delegation results and turns without a message', async () => {
		const feed = new FakeFeed(AGENT);
		feed.add({ method: 'notify', source_id: null, request_body: { message: 'echo' } });
		feed.message('self', AGENT);
		feed.add({ method: 'delegate_result', source_id: PEER, request_body: { text: 'done' } });
		feed.add({ method: 'tasks/get', source_id: PEER, request_body: { jsonrpc: '2.0', id: 1, method: 'tasks/get', params: { id: 't' } } });
		const wanted = feed.message('for you', PEER, { peer_name: 'peer' });
		const { agent, clock } = feedAgent(feed);
		const { iterator, stop } = reader(agent);
		const { value } = await iterator.next();
		expect(value?.text).toBe('for you');
		expect(value?.id).toBe(wanted.id);
		expect(value?.from).toEqual({ id: PEER, name: 'peer' });
		const pending = iterator.next();
		await flush(clock);
		expect(feed.acks).toEqual([wanted.seq]);
		stop();
		await pending;
	});

	it('makes at most one /activity request per poll, and none while a message is being handled', async () => {
		const feed = new FakeFeed(AGENT);
		feed.message('a');
		feed.message('b');
		const { agent, clock } = feedAgent(feed);
		const { iterator, stop } = reader(agent);
		await iterator.next();
		// Handling takes a minute of agent time: no poll meanwhile.
		await clock.run(60_000);
		expect(feed.polls).toHaveLength(1);
		await iterator.next();
		await clock.run(60_000);
		expect(feed.polls).toHaveLength(1);
		// Idle: one poll per interval (5 s at random 0.5).
		const idle = iterator.next();
		await flush(clock);
		expect(feed.polls).toHaveLength(1);
		await clock.run(5000);
		expect(feed.polls).toHaveLength(2);
		await clock.run(5000);
		expect(feed.polls).toHaveLength(3);
		feed.message('c');
		await clock.run(5000);
		expect((await idle).value?.text).toBe('c');
		expect(feed.polls).toHaveLength(4);
		stop();
	});

	it('polls again at once after a full batch', async () => {
		const feed = new FakeFeed(AGENT);
		const { agent, clock } = feedAgent(feed, { inbox: { batchSize: 2 } });
		const { iterator, stop } = reader(agent);
		const first = iterator.next();
		await flush(clock);
		for (let index = 0; index < 5; index++) feed.message(`m${index}`);
		await clock.run(5000);
		const rest = await take(iterator, 4);
		expect([(await first).value?.text, ...textsOf(rest)]).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
		// One idle wait before the messages came; none between the full batches.
		expect(waits(clock)).toEqual([5000]);
		stop();
	});

	it('backfills the whole window page by page, oldest first', async () => {
		const feed = new FakeFeed(AGENT);
		for (let index = 0; index < 7; index++) feed.message(`m${index}`);
		const { agent } = feedAgent(feed, { inbox: { batchSize: 3 } });
		const { iterator, stop } = reader(agent);
		expect(textsOf(await take(iterator, 7))).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
		stop();
		expect(feed.polls.slice(0, 3).map((query) => new URLSearchParams(query).has('before_ts'))).toEqual([false, true, true]);
	});

	it('spreads idle polls over ±jitter of the interval, so agents started together drift apart', async () => {
		const firstWaits: number[] = [];
		for (let index = 0; index < 100; index++) {
			let seed = index * 7919 + 1;
			const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
			const { agent, clock } = feedAgent(new FakeFeed(AGENT), { random });
			const { iterator, stop } = reader(agent);
			const pending = iterator.next();
			await flush(clock);
			firstWaits.push(waits(clock)[0] ?? Number.NaN);
			stop();
			await pending;
		}
		expect(Math.min(...firstWaits)).toBeGreaterThanOrEqual(4000);
		expect(Math.max(...firstWaits)).toBeLessThanOrEqual(6000);
		expect(Math.max(...firstWaits) - Math.min(...firstWaits)).toBeGreaterThan(1500);
		expect(new Set(firstWaits.map(Math.round)).size).toBeGreaterThan(90);
	});

	it('a 410 drops the cursor and backfills the window, skipping the rows already handled', async () => {
		const feed = new FakeFeed(AGENT);
		const handled = ['one', 'two', 'three'].map((text) => feed.message(text));
		const { agent, clock, logs } = feedAgent(feed);
		const { iterator, stop } = reader(agent);
		expect(textsOf(await take(iterator, 3))).toEqual(['one', 'two', 'three']);
		const next = iterator.next();
		await flush(clock);
		feed.pruned.add(handled[2]?.id ?? '');
		feed.message('four');
		await clock.run(5000);
		expect((await next).value?.text).toBe('four');
		expect(feed.polls.at(-2)).toContain(`since_id=${handled[2]?.id}`);
		expect(feed.polls.at(-1)).toContain('since_secs=600');
		expect(logs.some((line) => line.includes('HTTP 410'))).toBe(true);
		stop();
	});

	it('leaving the loop leaves the current message unhandled: it comes again', async () => {
		const feed = new FakeFeed(AGENT);
		feed.message('one');
		feed.message('two');
		const { agent } = feedAgent(feed);
		for await (const message of agent.inbox()) {
			expect(message.text).toBe('one');
			break;
		}
		const again: string[] = [];
		for await (const message of agent.inbox()) {
			again.push(message.text);
			if (again.length === 2) break;
		}
		expect(again).toEqual(['one', 'two']);
	});

	it('a message answered with reply() counts as handled: leaving the loop right after does not bring it again', async () => {
		const w = world();
		const store = memoryStore();
		const agent = agentIn(w, { store });
		await agent.register();
		await peer(w).sendMessage(AGENT, 'one');
		await peer(w).sendMessage(AGENT, 'two');
		for await (const message of agent.inbox()) {
			await message.reply('answer to one');
			break;
		}
		const { iterator, stop } = reader(agentIn(w, { store }));
		const again = await take(iterator, 1);
		stop();
		expect(textsOf(again)).toEqual(['two']);
	});

	it('asks for fewer rows when a page is over the response size cap, and delivers every message', async () => {
		const feed = new FakeFeed(AGENT);
		for (let index = 0; index < 10; index++) feed.message(`m${index}`);
		feed.oversizedAbove = 3;
		const { agent, logs } = feedAgent(feed, { inbox: { batchSize: 100 } });
		const { iterator, stop } = reader(agent);
		const messages = await take(iterator, 10);
		feed.message('m10');
		messages.push(...(await take(iterator, 1)));
		stop();
		expect(textsOf(messages)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10']);
		const limits = feed.polls.map((query) => new URLSearchParams(query).get('limit'));
		expect(limits.slice(0, 6)).toEqual(['100', '50', '25', '12', '6', '3']);
		// Once a page came through, the next poll asks for twice as many again.
		expect(limits.at(-1)).toBe('6');
		expect(logs.some((line) => line.includes('asking for 50 rows at a time'))).toBe(true);
	});

	it('refuses a second loop reading the inbox while one is: it would hand every message on twice', async () => {
		const feed = new FakeFeed(AGENT);
		feed.message('one');
		const { agent } = feedAgent(feed);
		const first = reader(agent);
		expect((await first.iterator.next()).value?.text).toBe('one');
		const second = reader(agent);
		const error = await second.iterator.next().catch((caught: unknown) => caught);
		expect(isConfigError(error) && error.field).toBe('inbox');
		first.stop();
		await first.iterator.next();
		// Once the first loop has ended, another may read.
		feed.message('two');
		const third = reader(agent);
		expect((await third.iterator.next()).value?.text).toBe('two');
		third.stop();
	});

	it('keeps at most 500 handled ids in the store, and the cursor at the last row', async () => {
		const feed = new FakeFeed(AGENT);
		for (let index = 0; index < 600; index++) feed.message(`m${index}`);
		const store = recordingStore();
		const { agent } = feedAgent(feed, { store, inbox: { batchSize: 500 } });
		const { iterator, stop } = reader(agent);
		expect(await take(iterator, 600)).toHaveLength(600);
		stop();
		await iterator.next();
		const state = JSON.parse(store.values.get('inbox') ?? '{}') as { cursor: string; handled: string[] };
		expect(state.handled).toHaveLength(500);
		expect(state.handled.at(-1)).toBe(feed.rows.at(-1)?.id);
		expect(state.cursor).toBe(feed.rows.at(-1)?.id);
	});

	it("a staged upload's manifest row is no message: the person's message that follows carries the file", async () => {
		const feed = new FakeFeed(AGENT);
		const fileId = '30000000-0000-4000-8000-000000000001';
		const file = { uri: `platform-pending:${AGENT}/${fileId}`, name: 'notes.txt', mimeType: 'text/plain', size: 5 };
		feed.add({ method: 'chat_upload_receive', summary: 'chat_upload_receive: notes.txt', request_body: { ...file, file_id: fileId } });
		const parts = [{ kind: 'text', text: 'see the notes' }, { kind: 'file', file }];
		feed.add({ method: 'message/send', request_body: { jsonrpc: '2.0', id: 'rpc', method: 'message/send', params: { message: { role: 'user', messageId: 'user-1', parts } } } });
		const { agent } = feedAgent(feed);
		const { iterator, stop } = reader(agent);
		const { value } = await iterator.next();
		stop();
		expect(value?.from).toBe('user');
		expect(value?.text).toBe('see the notes');
		expect((value as InboundMessage).files.map(({ uri, name, mimeType, size }) => ({ uri, name, mimeType, size }))).toEqual([file]);
	});

	it('tries a failing poll again after a growing wait, and logs it', async () => {
		const feed = new FakeFeed(AGENT);
		feed.message('eventually');
		let failures = 2;
		const { fetch } = routes({
			...feed.routes,
			'GET /workspaces/:id/activity': (call) => (failures-- > 0 ? json({ error: 'platform datastore unavailable — retry shortly' }, 503) : feed.list(call)),
		});
		const { agent, clock, logs } = scriptedAgent(fetch);
		const { iterator, stop } = reader(agent);
		const next = iterator.next();
		await clock.run(5000);
		await clock.run(10_000);
		expect((await next).value?.text).toBe('eventually');
		expect(waits(clock)).toEqual([5000, 10_000]);
		expect(logs.filter((line) => line.includes('polling failed'))).toHaveLength(2);
		stop();
	});

	it('logs a failure whose body quotes the token with the token redacted', async () => {
		const { fetch } = routes({ 'GET /workspaces/:id/activity': () => json({ error: `token ${AGENT_TOKEN} is rate limited` }, 503) });
		const { agent, clock, logs } = scriptedAgent(fetch);
		const { iterator, stop } = reader(agent);
		const next = iterator.next();
		await flush(clock);
		stop();
		await next;
		expect(logs.join('\n')).toContain('token [redacted] is rate limited');
		expect(logs.join('\n')).not.toContain(AGENT_TOKEN);
	});

	it('ends with TokenRejectedError when the platform refuses the token', async () => {
		const { fetch } = routes({ 'GET /workspaces/:id/activity': () => json({ error: 'invalid workspace auth token' }, 401) });
		const { agent } = scriptedAgent(fetch);
		const error = await reader(agent).iterator.next().catch((caught: unknown) => caught);
		expect(isTokenRejectedError(error)).toBe(true);
		expect((error as Error).message).toContain('invalid workspace auth token');
	});

	it('a push-mode agent has no inbox', async () => {
		const { agent } = scriptedAgent(routes({}).fetch, { deliveryMode: 'push', url: 'https://agent.example/a2a/inbound', onMessage: () => undefined });
		const error = await reader(agent).iterator.next().catch((caught: unknown) => caught);
		expect(isConfigError(error) && error.field).toBe('deliveryMode');
	});

	it('ignores, with a warning, a store value that is not an inbox state', async () => {
		const feed = new FakeFeed(AGENT);
		feed.message('hello');
		const store = memoryStore();
		await store.set('inbox', '{"cursor": 12}');
		const { agent, logs } = feedAgent(feed, { store });
		const { iterator, stop } = reader(agent);
		expect((await iterator.next()).value?.text).toBe('hello');
		stop();
		expect(logs.some((line) => line.includes('not an inbox state'))).toBe(true);
	});

	it('ends when its signal aborts, leaving no timer', async () => {
		const { agent, clock } = feedAgent(new FakeFeed(AGENT));
		const { iterator, stop } = reader(agent);
		const next = iterator.next();
		await flush(clock);
		expect(clock.pendingTimers).toBe(1);
		stop();
		expect(await next).toEqual({ value: undefined, done: true });
		expect(clock.pendingTimers).toBe(0);
	});
});
