// Following a queued message through the platform's queue (addendum §5): getQueuedMessage and
// waitForReply, through the client against the dev platform, on one fake clock.
import { describe, expect, test } from 'vitest';
import {
	AgentError,
	ConfigError,
	HttpError,
	InvalidPeerIdError,
	QueuedMessageError,
	ReplyTimeoutError,
	formatA2AError,
	type WaitOutcome,
} from '../../src/index.js';
import { agents, type AgentHandler, type DevWorkspace } from '../../src/dev/index.js';
import { drive } from '../helpers/fake-clock.js';
import { devClient, id, platformUrl, type DevClient } from './dev-client.js';

const lead = id(1);
const target = id(2);
const sibling = id(3);

function org(agent: AgentHandler = agents.busy()): DevWorkspace[] {
	return [
		{ id: lead, name: 'Lead', tokens: ['lead-token'] },
		{ id: target, name: 'Target', parentId: lead, tokens: ['target-token'], agent },
		{ id: sibling, name: 'Sibling', parentId: lead, tokens: ['sibling-token'] },
	];
}

/** Sends one message to the busy target and answers the queue id of the 202. */
async function queueOne(setup: DevClient, text = 'hi'): Promise<string> {
	const outcome = await setup.client.sendMessage(target, text);
	if (outcome.status !== 'queued' || outcome.queueId === undefined) throw new Error(`expected a queued outcome, got ${JSON.stringify(outcome)}`);
	return outcome.queueId;
}

/** The target's heartbeat with spare capacity: the platform drains its queue (addendum §5). */
async function heartbeat(setup: DevClient): Promise<void> {
	await setup.platform.fetch(
		new Request(`${platformUrl}/registry/heartbeat`, {
			method: 'POST',
			headers: { Authorization: 'Bearer target-token', 'Content-Type': 'application/json' },
			body: JSON.stringify({ workspace_id: target }),
		}),
	);
	await setup.platform.settled();
}

/** Heartbeats at each of the times given, on the fake clock, while something else waits. */
function heartbeatsAt(setup: DevClient, ...times: number[]): void {
	for (const at of times) void setup.clock.sleep(at - setup.clock.now()).then(() => heartbeat(setup));
}

/** The error of a failed wait; fails the test for a reply. */
function errorOf(outcome: WaitOutcome): Error {
	if (outcome.status !== 'failed') throw new Error(`expected a failed outcome, got ${JSON.stringify(outcome)}`);
	return outcome.error;
}

describe('getQueuedMessage (addendum §5)', () => {
	test('reads a queued message: its status, priority, attempts and when it was queued, as the platform prints it', async () => {
		const setup = devClient(org());
		const queueId = await queueOne(setup);
		expect(await setup.client.getQueuedMessage(target, queueId)).toEqual({
			queueId,
			workspaceId: target,
			status: 'queued',
			priority: 50,
			attempts: 0,
			enqueuedAt: '2026-08-14 12:00:00+00',
		});
	});

	test('a delivered message is completed, with the agent answer as its responseBody', async () => {
		const setup = devClient(org());
		const queueId = await queueOne(setup, 'later');
		setup.platform.setAgent(target, agents.echo());
		await heartbeat(setup);
		expect(await setup.client.getQueuedMessage(target, queueId)).toMatchObject({
			status: 'completed',
			attempts: 1,
			dispatchedAt: '2026-08-14 12:00:00+00',
			completedAt: '2026-08-14 12:00:00+00',
			responseBody: { result: { parts: [{ kind: 'text', text: 'echo: later' }] } },
		});
	});

	test('a queue id the platform does not have (404 retryable) is null: not yet', async () => {
		const setup = devClient(org());
		expect(await setup.client.getQueuedMessage(target, id(0xbeef))).toBeNull();
	});

	test("another workspace's message is refused: an HttpError 403 access denied", async () => {
		const setup = devClient(org());
		const queueId = await queueOne(setup);
		const { client } = devClient(org(), { client: { workspaceId: sibling, token: 'sibling-token', fetch: setup.platform.fetch } });
		await expect(client.getQueuedMessage(target, queueId)).rejects.toMatchObject({ name: 'HttpError', status: 403, platformError: 'access denied' });
	});

	test('a client without a token is refused with HttpError 401 missing caller auth token (§4.2)', async () => {
		const setup = devClient(org());
		const queueId = await queueOne(setup);
		const { client } = devClient(org(), { client: { token: undefined, fetch: setup.platform.fetch } });
		await expect(client.getQueuedMessage(target, queueId)).rejects.toBeInstanceOf(HttpError);
		await expect(client.getQueuedMessage(target, queueId)).rejects.toMatchObject({ status: 401, platformError: 'missing caller auth token' });
	});

	test('a queue id that is not a UUID is a ConfigError naming queueId, with no request', async () => {
		const setup = devClient(org());
		const error = await setup.client.getQueuedMessage(target, '../../admin').catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ConfigError);
		expect(error).toMatchObject({ field: 'queueId', message: 'queueId must be the UUID a queued outcome gave, got "../../admin"' });
		expect(setup.platform.requests).toEqual([]);
	});

	test('a peer id that is not a UUID is an InvalidPeerIdError, with no request', async () => {
		const setup = devClient(org());
		await expect(setup.client.getQueuedMessage('ws-abc', id(5))).rejects.toBeInstanceOf(InvalidPeerIdError);
		expect(setup.platform.requests).toEqual([]);
	});
});

describe('waitForReply (addendum §5)', () => {
	test('polls until the platform delivered the message, then gives the reply like any other', async () => {
		const setup = devClient(org());
		const queueId = await queueOne(setup, 'later');
		setup.platform.setAgent(target, agents.echo());
		heartbeatsAt(setup, 12_000);
		const outcome = await drive(setup.client.waitForReply(target, queueId), setup.clock);
		expect(outcome).toMatchObject({ status: 'replied', text: 'echo: later', parts: [{ kind: 'text', text: 'echo: later' }], polls: 4 });
		expect(setup.clock.now()).toBe(15_000);
	});

	test('pollMs sets the pause between polls', async () => {
		const setup = devClient(org());
		const queueId = await queueOne(setup);
		setup.platform.setAgent(target, agents.echo());
		heartbeatsAt(setup, 2500);
		const outcome = await drive(setup.client.waitForReply(target, queueId, { pollMs: 1000 }), setup.clock);
		expect(outcome).toMatchObject({ status: 'replied', polls: 4 });
		expect(setup.clock.now()).toBe(3000);
	});

	test('a message the platform gave up on after five dispatches is a QueuedMessageError carrying last_error', async () => {
		const setup = devClient(org());
		const queueId = await queueOne(setup);
		setup.platform.setAgent(target, agents.httpStatus(500, { error: 'model crashed' }));
		heartbeatsAt(setup, 1000, 2000, 3000, 4000, 4500);
		const outcome = await drive(setup.client.waitForReply(target, queueId), setup.clock);
		const error = errorOf(outcome);
		expect(error).toBeInstanceOf(QueuedMessageError);
		expect(error).toMatchObject({ queueId, queueStatus: 'failed', lastError: 'model crashed', dispatchAttempts: 5 });
		expect(formatA2AError(error)).toBe(
			`[A2A_ERROR] queued message ${queueId} failed after 5 dispatch attempts: model crashed [target=${platformUrl}/workspaces/${target}/a2a/queue/${queueId}]`,
		);
	});

	test('a message whose time to live ran out is dropped: a QueuedMessageError with the reason', async () => {
		const setup = devClient(org());
		const envelope = {
			jsonrpc: '2.0',
			id: 'r-1',
			method: 'message/send',
			params: { message: { role: 'user', messageId: 'm-1', parts: [{ kind: 'text', text: 'soon or never' }] }, expires_in_seconds: 30 },
		};
		const answer = await setup.platform.fetch(
			new Request(`${platformUrl}/workspaces/${target}/a2a`, {
				method: 'POST',
				headers: { Authorization: 'Bearer lead-token', 'Content-Type': 'application/json' },
				body: JSON.stringify(envelope),
			}),
		);
		const { queue_id: queueId } = (await answer.json()) as { queue_id: string };
		const outcome = await drive(setup.client.waitForReply(target, queueId), setup.clock);
		expect(errorOf(outcome)).toMatchObject({ name: 'QueuedMessageError', queueStatus: 'dropped', lastError: 'expired before delivery', dispatchAttempts: 0 });
		expect(setup.clock.now()).toBe(30_000);
	});

	test('an agent whose delivered answer is an error gives that error (an AgentError here)', async () => {
		const setup = devClient(org());
		const queueId = await queueOne(setup);
		setup.platform.setAgent(target, agents.agentError('RuntimeError: boom'));
		heartbeatsAt(setup, 1000);
		const outcome = await drive(setup.client.waitForReply(target, queueId), setup.clock);
		expect(errorOf(outcome)).toBeInstanceOf(AgentError);
		expect(formatA2AError(errorOf(outcome))).toBe('[A2A_ERROR] Agent error: RuntimeError: boom');
	});

	test('after timeoutMs without a reply it is a ReplyTimeoutError naming the last status, with no timer left', async () => {
		const setup = devClient(org());
		const queueId = await queueOne(setup);
		const outcome = await drive(setup.client.waitForReply(target, queueId, { timeoutMs: 12_000 }), setup.clock);
		const error = errorOf(outcome);
		expect(error).toBeInstanceOf(ReplyTimeoutError);
		expect(error).toMatchObject({ queueId, timeoutMs: 12_000, lastStatus: 'queued', message: `no reply to queued message ${queueId} within 12000 ms (last status: queued)` });
		expect(outcome.polls).toBe(3);
		expect(setup.clock.now()).toBe(12_000);
		expect(setup.clock.pendingTimers).toBe(0);
	});

	test('a queue id the platform never has is polled as "not yet" until the time is up', async () => {
		const setup = devClient(org());
		const outcome = await drive(setup.client.waitForReply(target, id(0xbeef), { timeoutMs: 10_000 }), setup.clock);
		expect(errorOf(outcome)).toMatchObject({ name: 'ReplyTimeoutError', lastStatus: undefined });
		expect(outcome.polls).toBe(2);
	});

	test('a dropped connection while polling is tried again at the next poll', async () => {
		const setup = devClient(org());
		const queueId = await queueOne(setup);
		setup.platform.setAgent(target, agents.echo());
		setup.platform.dropConnections(1);
		heartbeatsAt(setup, 1000);
		const outcome = await drive(setup.client.waitForReply(target, queueId), setup.clock);
		expect(outcome).toMatchObject({ status: 'replied', text: 'echo: hi', polls: 2 });
	});

	test('a refusal ends the wait at once with its error (403 access denied)', async () => {
		const setup = devClient(org());
		const queueId = await queueOne(setup);
		const { client } = devClient(org(), { client: { workspaceId: sibling, token: 'sibling-token', fetch: setup.platform.fetch } });
		const outcome = await client.waitForReply(target, queueId);
		expect(errorOf(outcome)).toMatchObject({ name: 'HttpError', status: 403, platformError: 'access denied' });
		expect(outcome.polls).toBe(1);
	});

	test('aborting rejects with the signal reason and leaves no timer', async () => {
		const setup = devClient(org());
		const queueId = await queueOne(setup);
		const controller = new AbortController();
		const waiting = setup.client.waitForReply(target, queueId, { signal: controller.signal });
		await setup.clock.run(7000);
		controller.abort(new Error('user left'));
		await expect(waiting).rejects.toThrow('user left');
		expect(setup.clock.pendingTimers).toBe(0);
	});

	test('a bad option is a failed outcome with a ConfigError naming it, with no request', async () => {
		const setup = devClient(org());
		const outcome = await setup.client.waitForReply(target, id(5), { pollMs: 0 });
		expect(errorOf(outcome)).toMatchObject({ name: 'ConfigError', field: 'options.pollMs' });
		expect(outcome.polls).toBe(0);
		expect(setup.platform.requests).toEqual([]);
	});
});
