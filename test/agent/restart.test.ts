import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/agent/index.js';
import { FakeFeed } from './feed.js';
import { AGENT, memoryStore, recordingStore, scriptedAgent, type AgentStore } from './helpers.js';
import { routes } from './routes.js';

/**
 * Runs an agent on `feed` with `store` that handles messages until `killAt` of them were handed to it,
 * then dies while handling that one: its loop never asks for the next message and nothing after runs.
 */
async function runUntilKilled(feed: FakeFeed, store: AgentStore, killAt: number, batchSize: number, seen: string[]): Promise<void> {
	const { agent } = scriptedAgent(routes(feed.routes).fetch, { store, inbox: { batchSize } });
	const iterator = agent.inbox()[Symbol.asyncIterator]();
	for (let count = 0; count < killAt; count++) {
		const { value } = await iterator.next();
		seen.push((value as InboundMessage).id);
	}
	// Killed: the iterator is dropped mid-handling, as a crashed process drops it.
}

/** A fresh agent on the same store handles everything left, until the feed has nothing new. */
async function runToEnd(feed: FakeFeed, store: AgentStore, batchSize: number, seen: string[]): Promise<void> {
	const { agent, clock } = scriptedAgent(routes(feed.routes).fetch, { store, inbox: { batchSize } });
	const stop = new AbortController();
	const done = (async () => {
		for await (const message of agent.inbox({ signal: stop.signal })) seen.push(message.id);
	})();
	// Polls until idle: the first idle wait means it caught up.
	while (clock.pendingTimers === 0 || clock.sleeps.filter((ms) => ms === 5000).length === 0) await clock.run(0);
	stop.abort();
	await done;
}

function counts(seen: readonly string[]): Map<string, number> {
	const result = new Map<string, number>();
	for (const id of seen) result.set(id, (result.get(id) ?? 0) + 1);
	return result;
}

describe('the inbox across a crash and a restart with the same store', () => {
	for (const batchSize of [3, 100]) {
		it(`every message reaches the agent once, but the one in flight at most twice (batch ${batchSize}, every kill point)`, async () => {
			for (let killAt = 1; killAt <= 10; killAt++) {
				const feed = new FakeFeed(AGENT);
				for (let index = 0; index < 10; index++) feed.message(`m${index}`);
				const store = memoryStore();
				const seen: string[] = [];
				await runUntilKilled(feed, store, killAt, batchSize, seen);
				const inFlight = seen.at(-1);
				await runToEnd(feed, store, batchSize, seen);
				const perMessage = counts(seen);
				expect([...perMessage.keys()].sort()).toEqual(feed.rows.map((row) => row.id));
				for (const [id, times] of perMessage) expect(times, `${id} with the kill at ${killAt}`).toBe(id === inFlight ? Math.min(times, 2) : 1);
				expect(seen.length - feed.rows.length).toBeLessThanOrEqual(1);
			}
		});
	}

	it('none is lost or repeated when the restarted agent finds its cursor pruned (410) within the backfill window', async () => {
		const feed = new FakeFeed(AGENT);
		for (let index = 0; index < 8; index++) feed.message(`m${index}`);
		const store = memoryStore();
		const seen: string[] = [];
		await runUntilKilled(feed, store, 5, 3, seen);
		const inFlight = seen.at(-1);
		const { cursor } = JSON.parse(String(await store.get('inbox'))) as { cursor: string };
		feed.pruned.add(cursor);
		for (let index = 8; index < 12; index++) feed.message(`m${index}`);
		await runToEnd(feed, store, 3, seen);
		const perMessage = counts(seen);
		expect(perMessage.size).toBe(12);
		for (const [id, times] of perMessage) expect(times).toBe(id === inFlight ? Math.min(times, 2) : 1);
		expect(feed.polls.some((query) => query.includes('since_secs=600'))).toBe(true);
	});

	it('10,000 messages pass once each, with a store value that stays bounded', async () => {
		const feed = new FakeFeed(AGENT);
		// An agent that was running already: its cursor is the row before the 10,000.
		const start = feed.message('start');
		for (let index = 0; index < 10_000; index++) feed.message(`m${index}`);
		const store = recordingStore();
		await store.set('inbox', JSON.stringify({ cursor: start.id, handled: [] }));
		const seen: string[] = [];
		await runToEnd(feed, store, 500, seen);
		expect(seen).toHaveLength(10_000);
		expect(new Set(seen).size).toBe(10_000);
		const largest = Math.max(...store.writes.map(([, value]) => value.length));
		// 500 ids of 9 characters and the cursor: the same size at message 600 as at message 10,000.
		expect(largest).toBeLessThan(500 * 12 + 100);
		expect(feed.acks.at(-1)).toBe(10_001);
	}, 60_000);
});
