// A lost answer is retried with the same messageId, so an idempotent agent can answer the repeat
// from its record and the queue keeps one item. Every test checks what the client did, as the
// agent received it: each delivery is recorded at the agent, behind the platform.
// Client → fault proxy (loses the first answer after the platform handled it) → dev platform over HTTP → agent.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { agents, createDevPlatform, type AgentHandler, type DevPlatform, type JsonRpcRequest } from '../../src/dev/index.js';
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

/** One request as an agent received it from the platform. */
interface Delivery {
	to: string;
	from: string | null;
	jsonRpcId: unknown;
	messageId: unknown;
}
const deliveries: Delivery[] = [];

function messageIdOf({ params }: JsonRpcRequest): unknown {
	const message = typeof params === 'object' && params !== null && 'message' in params ? params.message : undefined;
	return typeof message === 'object' && message !== null && 'messageId' in message ? message.messageId : undefined;
}

/** `agent`, recording every request it receives before it answers. */
const recorded =
	(agent: AgentHandler): AgentHandler =>
	(request, context) => {
		deliveries.push({ to: context.workspace.id, from: context.callerId, jsonRpcId: request.id, messageId: messageIdOf(request) });
		return agent(request, context);
	};

let naiveRuns = 0;
/** Runs every delivery, numbering its answers: which run the caller's reply came from shows. */
const naive: AgentHandler = () => `run ${++naiveRuns}`;

let platform: DevPlatform;
let upstream: RunningServer;
let proxy: FaultServer;

beforeAll(async () => {
	platform = createDevPlatform({
		workspaces: [
			// Children of the caller: two roots may not talk to each other (platform contract §4).
			{ id: ids.caller, name: 'Caller', tokens: [token] },
			{ id: ids.idempotent, name: 'Idempotent', parentId: ids.caller, agent: recorded(agents.dedupingEcho()) },
			{ id: ids.busy, name: 'Busy', parentId: ids.caller, agent: recorded(agents.busy()) },
			{ id: ids.naive, name: 'Naive', parentId: ids.caller, agent: recorded(naive) },
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
	const before = deliveries.length;
	const outcome = await drive(client.sendMessage(target, 'hello'), clock, () => tracker.inFlight > 0);
	const bodies = proxy.log.map((entry) => JSON.parse(entry.body) as { id: string; params: { message: { messageId: string } } });
	return { outcome, clock, logs, bodies, received: deliveries.slice(before) };
}

/** Both deliveries the agent received: one message from the caller, sent twice with the same ids as the first request. */
function expectSameMessageTwice(received: Delivery[], target: string, messageId: string | undefined, jsonRpcId: string | undefined): void {
	expect(messageId).toEqual(expect.any(String));
	expect(received).toEqual([
		{ to: target, from: ids.caller, jsonRpcId, messageId },
		{ to: target, from: ids.caller, jsonRpcId, messageId },
	]);
}

const a2aRequests = (target: string) => platform.requests.filter((request) => request.path === `/workspaces/${target}/a2a`);

describe('delivery when an answer is lost', () => {
	test('cut mid-body after the agent ran: the agent receives the retry with the same messageId and JSON-RPC id; the caller gets the reply', async () => {
		const { outcome, clock, logs, bodies, received } = await sendLosingFirst(ids.idempotent, 'midBody');
		expect(outcome).toMatchObject({ status: 'replied', text: 'echo: hello', attempts: 2 });
		expect(clock.now()).toBe(1000);
		expect(clock.pendingTimers).toBe(0);
		expectSameMessageTwice(received, ids.idempotent, outcome.messageId, bodies[0]?.id);
		expect(bodies).toHaveLength(2);
		expect(bodies[1]).toEqual(bodies[0]);
		expect(a2aRequests(ids.idempotent).map((request) => request.status)).toEqual([200, 200]);
		expect(logs).toEqual([expect.stringMatching(/^warn sendMessage: transient ReadError on attempt 1\/5, retrying in 1\.0s/)]);
	});

	test('reset before the headers after the agent ran: the same, through a RemoteProtocolError', async () => {
		const { outcome, bodies, logs, received } = await sendLosingFirst(ids.idempotent, 'beforeHeaders');
		expect(outcome).toMatchObject({ status: 'replied', text: 'echo: hello', attempts: 2 });
		expectSameMessageTwice(received, ids.idempotent, outcome.messageId, bodies[0]?.id);
		expect(logs).toEqual([expect.stringMatching(/^warn sendMessage: transient RemoteProtocolError on attempt 1\/5/)]);
	});

	test('a busy agent: the retried send finds its queued item (same queue_id), the queue holds one', async () => {
		const { outcome, bodies, received } = await sendLosingFirst(ids.busy, 'midBody');
		expectSameMessageTwice(received, ids.busy, outcome.messageId, bodies[0]?.id);
		const queued = platform.queue.filter((item) => item.workspaceId === ids.busy);
		expect(queued).toHaveLength(1);
		expect(outcome).toMatchObject({ status: 'queued', queueId: queued[0]?.queueId, queueDepth: 1, attempts: 2 });
		expect(queued[0]?.idempotencyKey).toBe(outcome.messageId);
		expect(a2aRequests(ids.busy).map((request) => request.status)).toEqual([202, 202]);
	});

	test('an agent that does not deduplicate runs twice: delivery is at least once, exactly-once needs the messageId check', async () => {
		const { outcome, bodies, received } = await sendLosingFirst(ids.naive, 'midBody');
		expectSameMessageTwice(received, ids.naive, outcome.messageId, bodies[0]?.id);
		// The caller's reply is the second run's answer: the first was lost on the way back.
		expect(outcome).toMatchObject({ status: 'replied', text: 'run 2', attempts: 2 });
	});
});
