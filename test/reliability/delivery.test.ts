// A lost answer is retried with the same messageId, so an idempotent agent runs once and the queue keeps one item.
// Client → fault proxy (loses the first answer after the platform handled it) → dev platform over HTTP → agent.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { agents, createDevPlatform, type AgentHandler, type DevPlatform } from '../../src/dev/index.js';
import { serve, type RunningServer } from '../../src/node/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { startFaultServer, type FaultServer } from './fault-server.js';
import { trackFetch, watchUnhandledRejections } from './harness.js';

watchUnhandledRejections();

const ids = {
	caller: '40000000-0000-4000-8000-000000000001',
	idempotent: '40000000-0000-4000-8000-000000000002',
	busy: '40000000-0000-4000-8000-000000000003',
	naive: '40000000-0000-4000-8000-000000000004',
};
const token = 'tok-caller-0123456789';

const idempotent = agents.dedupingEcho();
let naiveRuns = 0;
const naive: AgentHandler = () => `run ${++naiveRuns}`;

let platform: DevPlatform;
let upstream: RunningServer;
let proxy: FaultServer;

beforeAll(async () => {
	platform = createDevPlatform({
		workspaces: [
			// Children of the caller: two roots may not talk to each other (platform contract §4).
			{ id: ids.caller, name: 'Caller', tokens: [token] },
			{ id: ids.idempotent, name: 'Idempotent', parentId: ids.caller, agent: idempotent },
			{ id: ids.busy, name: 'Busy', parentId: ids.caller, agent: agents.busy() },
			{ id: ids.naive, name: 'Naive', parentId: ids.caller, agent: naive },
		],
	});
	upstream = await serve(platform.fetch, { host: '127.0.0.1', port: 0 });
	proxy = await startFaultServer();
});

afterAll(async () => {
	await Promise.all([proxy.close(), upstream.close()]);
});

/** Sends through the proxy, which loses the first answer as told and relays the rest. */
async function sendLosingFirst(target: string, lose: 'beforeHeaders' | 'midBody') {
	proxy.script({ kind: 'forward', upstream: upstream.url, lose }, { kind: 'forward', upstream: upstream.url });
	const tracker = trackFetch();
	const { client, clock, logs } = testClient(tracker.fetch, { workspaceId: ids.caller, platformUrl: proxy.url, token, uuid: () => crypto.randomUUID() });
	const outcome = await drive(client.sendMessage(target, 'hello'), clock, () => tracker.inFlight > 0);
	const bodies = proxy.log.map((entry) => JSON.parse(entry.body) as { id: string; params: { message: { messageId: string } } });
	return { outcome, clock, logs, bodies };
}

const a2aRequests = (target: string) => platform.requests.filter((request) => request.path === `/workspaces/${target}/a2a`);

describe('delivery when an answer is lost', () => {
	test('cut mid-body after the agent ran: retried with the same messageId and JSON-RPC id; the agent ran once; the caller gets the reply', async () => {
		const { outcome, clock, logs, bodies } = await sendLosingFirst(ids.idempotent, 'midBody');
		expect(outcome).toMatchObject({ status: 'replied', text: 'echo: hello', attempts: 2 });
		expect(clock.now()).toBe(1000);
		expect(clock.pendingTimers).toBe(0);
		expect(idempotent.executions).toBe(1);
		expect(bodies).toHaveLength(2);
		expect(bodies[1]).toEqual(bodies[0]);
		expect(bodies[0]?.params.message.messageId).toBe(outcome.messageId);
		expect(a2aRequests(ids.idempotent).map((request) => request.status)).toEqual([200, 200]);
		expect(logs).toEqual([expect.stringMatching(/^warn sendMessage: transient ReadError on attempt 1\/5, retrying in 1\.0s/)]);
	});

	test('reset before the headers after the agent ran: the same, through a RemoteProtocolError', async () => {
		const before = idempotent.executions;
		const { outcome, bodies } = await sendLosingFirst(ids.idempotent, 'beforeHeaders');
		expect(outcome).toMatchObject({ status: 'replied', text: 'echo: hello', attempts: 2 });
		expect(idempotent.executions).toBe(before + 1);
		expect(bodies[1]).toEqual(bodies[0]);
	});

	test('a busy agent: the retried send finds its queued item (same queue_id), the queue holds one', async () => {
		const { outcome } = await sendLosingFirst(ids.busy, 'midBody');
		const queued = platform.queue.filter((item) => item.workspaceId === ids.busy);
		expect(queued).toHaveLength(1);
		expect(outcome).toMatchObject({ status: 'queued', queueId: queued[0]?.queueId, queueDepth: 1, attempts: 2 });
		expect(queued[0]?.idempotencyKey).toBe(outcome.messageId);
		expect(a2aRequests(ids.busy).map((request) => request.status)).toEqual([202, 202]);
	});

	test('an agent that does not deduplicate runs twice: delivery is at least once, exactly-once needs the messageId check', async () => {
		const { outcome, bodies } = await sendLosingFirst(ids.naive, 'midBody');
		expect(outcome).toMatchObject({ status: 'replied', text: 'run 2', attempts: 2 });
		expect(naiveRuns).toBe(2);
		expect(bodies[1]).toEqual(bodies[0]);
	});
});
