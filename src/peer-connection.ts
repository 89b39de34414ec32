import { checkMembers, refuseUnknown, type OptionChecks } from './arguments.js';
import { ConfigError } from './errors/config-error.js';
import { InvalidPeerIdError } from './errors/invalid-peer-id-error.js';
import { kindOf } from './internal/describe.js';
import { isRecord } from './internal/json.js';
import type { MessageInput, Messaging, PeerCall, SendOptions, SendOutcome } from './messaging.js';
import { validatePeerId } from './peer-id.js';

/**
 * Options of `getTask` and `cancelTask`: those of `sendMessage`, and for `getTask` how much history to
 * read back.
 *
 * @example
 * await client.peer(peerId).getTask(taskId, { historyLength: 10, timeoutMs: 30_000 });
 */
export interface TaskCallOptions extends SendOptions {
	/**
	 * `getTask` only: the most recent messages of the task's history to include, an integer from 0;
	 * the agent's default when left out (A2A v0.3 `TaskQueryParams.historyLength`).
	 */
	historyLength?: number | undefined;
}

/**
 * One peer, spoken to with A2A v0.3 methods through the platform proxy (`POST /workspaces/:id/a2a`):
 * the proxy forwards any method, and answers as it answers `message/send` (a queued body, an error
 * status), so each call resolves to a `SendOutcome`. The proxy does not stream; for streaming, speak to
 * the agent directly with `connectAgent` from `@molecule-ai/a2a-client/a2a`.
 * Frozen; its methods are plain functions, so they may be passed around detached.
 *
 * @example
 * const peer = client.peer(peerId);
 * const sent = await peer.send('Draft the report');
 * const taskId = sent.status === 'replied' ? (sent.result as { id?: string }).id : undefined;
 * if (taskId) console.log((await peer.getTask(taskId)).status);
 */
export interface PeerConnection {
	/** The peer's canonical (trimmed, lower-case) workspace id. */
	readonly peerId: string;
	/**
	 * `message/send` to this peer: the same as `client.sendMessage(peerId, message, options)`.
	 *
	 * @example const outcome = await client.peer(peerId).send('status?');
	 */
	send(message: MessageInput, options?: SendOptions): Promise<SendOutcome>;
	/**
	 * `tasks/get` (A2A v0.3 §7.3): the task as the agent holds it now. A `'replied'` outcome's `result`
	 * is the Task as received, and `taskState`, `text`, `parts` and `files` are read from it as from a
	 * `message/send` reply. An unknown task is a `'failed'` outcome with a `JsonRpcError` (code -32001).
	 *
	 * @param taskId The task's id, as the agent gave it (a non-empty string of at most 1024 characters).
	 * @example
	 * const outcome = await client.peer(peerId).getTask(taskId, { historyLength: 5 });
	 * if (outcome.status === 'replied') console.log(outcome.taskState, outcome.text);
	 */
	getTask(taskId: string, options?: TaskCallOptions): Promise<SendOutcome>;
	/**
	 * `tasks/cancel` (A2A v0.3 §7.4): asks the agent to cancel the task; a `'replied'` outcome holds the
	 * task after it (`taskState` `'canceled'` when it was). A task that cannot be canceled is a
	 * `'failed'` outcome with a `JsonRpcError` (code -32002).
	 *
	 * @param taskId The task's id, as the agent gave it.
	 * @example
	 * const outcome = await client.peer(peerId).cancelTask(taskId);
	 * if (outcome.status === 'failed') console.error(formatA2AError(outcome.error));
	 */
	cancelTask(taskId: string, options?: SendOptions): Promise<SendOutcome>;
}

/** `historyLength`: how many messages of history, none to all. */
const historyCheck: OptionChecks = { historyLength: [(value) => Number.isSafeInteger(value) && (value as number) >= 0, 'an integer from 0'] };

/** The longest task id taken: ids are UUIDs in practice; this only keeps a mistake from being sent. */
const maxTaskIdLength = 1024;

function taskIdProblem(taskId: unknown): string | undefined {
	if (typeof taskId !== 'string') return `must be a string, got ${kindOf(taskId)}`;
	if (taskId.trim() === '') return 'must not be empty';
	if (taskId.length > maxTaskIdLength) return `must be at most ${maxTaskIdLength} characters, got ${taskId.length}`;
	return undefined;
}

/** The JSON-RPC envelope of `method` with `params`, and its text (a task call has nothing JSON cannot hold). */
function envelope(method: string, params: object, requestId: string): { json: object; jsonText: string } {
	const json = { jsonrpc: '2.0', id: requestId, method, params };
	return { json, jsonText: JSON.stringify(json) };
}

/** `client.peer`: a `PeerConnection` for `peerId`; throws `InvalidPeerIdError` for an id that is not a UUID. */
export function createPeers(messaging: Messaging, call: PeerCall): (peerId: string) => PeerConnection {
	return (peerId) => {
		const canonicalId = validatePeerId(peerId);
		if (!canonicalId) throw new InvalidPeerIdError(peerId);
		const taskCall = (method: 'tasks/get' | 'tasks/cancel', name: string, taskId: string, options: TaskCallOptions | undefined, extra: object): Promise<SendOutcome> =>
			call(
				name,
				canonicalId,
				options,
				(_messageId, requestId) => {
					const problem = taskIdProblem(taskId);
					if (problem) throw new ConfigError('taskId', problem);
					return envelope(method, { id: taskId, ...extra }, requestId);
				},
				() => undefined,
			);
		return Object.freeze({
			peerId: canonicalId,
			send: (message, options) => messaging.sendMessage(canonicalId, message, options),
			getTask(taskId, options) {
				try {
					if (isRecord(options)) {
						refuseUnknown(options, ['signal', 'timeoutMs', 'onRetry', 'historyLength'], 'options');
						checkMembers(options, historyCheck, 'options', (value) => value === undefined || value === null);
					}
				} catch (error) {
					return Promise.resolve({ status: 'failed', error: error as ConfigError, attempts: 0, messageId: undefined });
				}
				const { historyLength, ...sendOptions } = options ?? {};
				return taskCall('tasks/get', 'getTask', taskId, sendOptions, typeof historyLength === 'number' ? { historyLength } : {});
			},
			cancelTask: (taskId, options) => taskCall('tasks/cancel', 'cancelTask', taskId, options, {}),
		} satisfies PeerConnection);
	};
}
