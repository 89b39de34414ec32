import { describe, expect, test } from 'vitest';
import { isConfigError, isInvalidPeerIdError, isJsonRpcError } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { FIRST_REQUEST_ID, PEER_ID, PLATFORM_URL } from '../helpers/ids.js';
import { json, networkError, scriptedFetch, type Step } from '../helpers/scripted-fetch.js';

const TASK_ID = 'task-7';
const task = (state: string, text = 'draft ready') =>
	json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, result: { kind: 'task', id: TASK_ID, contextId: 'c', status: { state, message: { kind: 'message', role: 'agent', messageId: 'm', parts: [{ kind: 'text', text }] } } } });

function peerOf(...steps: Step[]) {
	const fetch = scriptedFetch(...steps);
	const { client, clock } = testClient(fetch.fetch);
	return { peer: client.peer(PEER_ID.toUpperCase()), calls: fetch.calls, clock };
}

describe('client.peer(peerId)', () => {
	test('getTask posts tasks/get with the task id and historyLength to the proxy, and reads the Task', async () => {
		const { peer, calls, clock } = peerOf(task('working'));
		const outcome = await drive(peer.getTask(TASK_ID, { historyLength: 3 }), clock);
		expect(calls[0]?.url).toBe(`${PLATFORM_URL}/workspaces/${PEER_ID}/a2a`);
		expect(calls[0]?.json).toEqual({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, method: 'tasks/get', params: { id: TASK_ID, historyLength: 3 } });
		expect(outcome).toMatchObject({ status: 'replied', taskState: 'working', text: 'draft ready', messageId: undefined });
		expect((outcome as { result: { id: string } }).result.id).toBe(TASK_ID);
	});

	test('cancelTask posts tasks/cancel and reads the canceled Task', async () => {
		const { peer, calls, clock } = peerOf(task('canceled', 'stopped'));
		const outcome = await drive(peer.cancelTask(TASK_ID), clock);
		expect(calls[0]?.json).toMatchObject({ method: 'tasks/cancel', params: { id: TASK_ID } });
		expect(outcome).toMatchObject({ status: 'replied', taskState: 'canceled' });
	});

	test('an unknown task is a failed outcome with the JSON-RPC error -32001', async () => {
		const { peer, clock } = peerOf(json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, error: { code: -32001, message: 'Task not found' } }));
		const outcome = await drive(peer.getTask('nope'), clock);
		expect(outcome.status === 'failed' && isJsonRpcError(outcome.error) && outcome.error.code).toBe(-32001);
	});

	test('a task call is retried after a network failure with the same request', async () => {
		const { peer, calls, clock } = peerOf(networkError(), task('completed'));
		const outcome = await drive(peer.getTask(TASK_ID), clock);
		expect(outcome).toMatchObject({ status: 'replied', attempts: 2 });
		expect(calls[0]?.body).toBe(calls[1]?.body);
	});

	test('send is sendMessage to the peer', async () => {
		const { peer, calls, clock } = peerOf(json({ jsonrpc: '2.0', id: '00000000-0000-4000-8000-000000000002', result: { kind: 'message', role: 'agent', messageId: 'm', parts: [{ kind: 'text', text: 'hi' }] } }));
		const outcome = await drive(peer.send('hello'), clock);
		expect(calls[0]?.json).toMatchObject({ method: 'message/send' });
		expect(outcome).toMatchObject({ status: 'replied', text: 'hi' });
	});

	test('canonicalises the peer id, and throws InvalidPeerIdError for one that is not a UUID', () => {
		const { client } = testClient(scriptedFetch().fetch);
		expect(client.peer(` ${PEER_ID.toUpperCase()} `).peerId).toBe(PEER_ID);
		expect(() => client.peer('agent-1')).toThrow(expect.objectContaining({ name: 'InvalidPeerIdError' }));
		let error: unknown;
		try {
			client.peer('agent-1');
		} catch (caught) {
			error = caught;
		}
		expect(isInvalidPeerIdError(error)).toBe(true);
	});

	test.each([
		['an empty task id', '', undefined, 'taskId'],
		['a task id that is a number', 7, undefined, 'taskId'],
		['a negative historyLength', TASK_ID, { historyLength: -1 }, 'options.historyLength'],
		['an unknown option', TASK_ID, { history: 3 }, 'options.history'],
	])('refuses %s with a failed outcome naming %s, sending nothing', async (_what, taskId, options, field) => {
		const { peer, calls, clock } = peerOf(task('working'));
		const outcome = await drive(peer.getTask(taskId as string, options as never), clock);
		expect(outcome.status === 'failed' && isConfigError(outcome.error) && outcome.error.field).toBe(field);
		if (field === 'options.history') expect(outcome.status === 'failed' && outcome.error.message).toContain('historyLength');
		expect(calls).toHaveLength(0);
	});
});

describe('client.peer(peerId) through the dev platform proxy', () => {
	test('getTask and cancelTask reach the agent as tasks/get and tasks/cancel, and read its Task', async () => {
		const { createA2AClient } = await import('../../src/index.js');
		const { setup, id } = await import('../dev/helpers.js');
		const seen: unknown[] = [];
		const { platform, clock } = setup([
			{ id: id(1), name: 'Caller', tokens: ['tok-caller'] },
			{
				id: id(2),
				name: 'Worker',
				parentId: id(1),
				agent: (request) => {
					seen.push([request.method, request.params]);
					return { task: { id: 'task-1', status: { state: request.method === 'tasks/cancel' ? 'canceled' : 'working' } } };
				},
			},
		]);
		const client = createA2AClient({ workspaceId: id(1), platformUrl: 'http://dev.platform', token: 'tok-caller', fetch: platform.fetch, clock });
		const worker = client.peer(id(2));
		expect(await worker.getTask('task-1', { historyLength: 2 })).toMatchObject({ status: 'replied', taskState: 'working' });
		expect(await worker.cancelTask('task-1')).toMatchObject({ status: 'replied', taskState: 'canceled' });
		expect(seen).toEqual([
			['tasks/get', { id: 'task-1', historyLength: 2 }],
			['tasks/cancel', { id: 'task-1' }],
		]);
	});
});
