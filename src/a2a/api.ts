import type { AgentCard, AgentInterface } from './card-types.js';
import type { MessageInput } from './outgoing.js';
import type { Binding, ProtocolVersion } from './operation.js';
import type { Message, PushAuthentication, PushNotificationConfig, Task, TaskPage, TaskState } from './types.js';

/**
 * Options every call takes. A member that is not what it should be is a `ConfigError` naming it
 * (`options.timeoutMs`), before anything is sent.
 *
 * @example
 * await agent.getTask(taskId, { signal: AbortSignal.timeout(5_000) });
 */
export interface CallOptions {
	/** Aborting rejects the call at once with the signal's reason, during a request or a retry wait. */
	signal?: AbortSignal | undefined;
	/**
	 * Time limit of each attempt in milliseconds, from 1 to 2147483647, cut to what is left of `retry.budgetMs`.
	 *
	 * @default `timeouts.sendMs` for `send`, `timeouts.requestMs` for the others
	 */
	timeoutMs?: number | undefined;
}

/**
 * Options of `send`.
 *
 * @example
 * const task = await agent.send('Write the report', { returnImmediately: true });
 * const reply = await agent.send('Use the Q3 numbers', { taskId: task.id, contextId: task.contextId });
 */
export interface SendOptions extends CallOptions {
	/** Continue this task (one waiting in `'input-required'`, say). */
	taskId?: string | undefined;
	/** Continue this conversation. */
	contextId?: string | undefined;
	/**
	 * Answer as soon as the task exists instead of when it ends or waits for input (v0.3: `blocking: false`).
	 *
	 * @default false
	 */
	returnImmediately?: boolean | undefined;
	/** At most this many messages of the task's history in the answer; `0` for none. The agent's choice by default. */
	historyLength?: number | undefined;
	/** The media types the client accepts in the answer. Any, by default. */
	acceptedOutputModes?: string[] | undefined;
}

/**
 * Options of `getTask`.
 *
 * @example
 * const task = await agent.getTask(taskId, { historyLength: 0 }); // no history
 */
export interface GetTaskOptions extends CallOptions {
	/** At most this many recent messages of the history; `0` for none. The agent's choice by default. */
	historyLength?: number | undefined;
}

/**
 * What `listTasks` asks for (A2A v1.0 `ListTasks`); every member narrows the list.
 *
 * @example
 * const page = await agent.listTasks({ contextId, status: 'input-required', pageSize: 20 });
 */
export type ListTasksQuery = {
	/** Tasks of this conversation. */
	contextId?: string | undefined;
	/** Tasks in this state. */
	status?: TaskState | undefined;
	/** Tasks per page, from 1 to 100 (the agent's default is 50). */
	pageSize?: number | undefined;
	/** The `nextPageToken` of the page before. */
	pageToken?: string | undefined;
	/** At most this many messages of each task's history; `0` for none. */
	historyLength?: number | undefined;
	/** Tasks whose status changed after this time (ISO 8601). */
	statusTimestampAfter?: string | undefined;
	/** Include each task's artifacts (left out otherwise). */
	includeArtifacts?: boolean | undefined;
};

/**
 * A push notification config to create: where the agent should POST a task's updates.
 *
 * @example
 * const input: NewPushConfig = { url: 'https://hooks.example.com/a2a', authentication: { scheme: 'Bearer', credentials: hookSecret } };
 */
export type NewPushConfig = {
	/** The webhook, an http(s) URL. */
	url: string;
	/** The config's id; the agent makes one when not given. */
	id?: string | undefined;
	/** A token the agent sends with each notification. */
	token?: string | undefined;
	/** How the agent authenticates to the webhook. */
	authentication?: PushAuthentication | undefined;
};

/**
 * A connection to one A2A agent, over the interface chosen from its card. Its methods are plain
 * functions (they may be passed around detached); nothing runs between calls.
 *
 * @example
 * const agent = await connectAgent('https://agents.example.com/research');
 * const answer = await agent.send('What changed in Q3?');
 * if (answer.kind === 'task' && answer.status.state === 'input-required') await agent.send('Revenue only', { taskId: answer.id });
 */
export interface AgentConnection {
	/** The agent's card, as last fetched (or as given). */
	readonly card: AgentCard;
	/** The interface in use: its URL, binding and version. */
	readonly interface: AgentInterface;
	/** The A2A version spoken: `'1.0'` or `'0.3'`. */
	readonly protocolVersion: ProtocolVersion;
	/** The binding spoken: `'JSONRPC'` or `'HTTP+JSON'`. */
	readonly binding: Binding;
	/**
	 * The card again: the cached one while its `Cache-Control: max-age` lasts, else revalidated
	 * with `If-None-Match` (a 304 keeps it) or fetched anew; the interface is chosen again from it.
	 * A card given to `connectAgent` as an object is never fetched.
	 *
	 * @param options `force: true` asks the agent even while the cached card is fresh.
	 * @returns The card now in use.
	 * @example
	 * const card = await agent.refreshCard({ force: true });
	 */
	refreshCard(options?: { signal?: AbortSignal | undefined; force?: boolean | undefined }): Promise<AgentCard>;
	/**
	 * Sends a message (v1.0 `SendMessage`, v0.3 `message/send`) and answers the agent's reply: a
	 * `Message`, or a `Task` (by default once it ended or waits for input). Transport failures and
	 * 429/503 answers with a wait are retried with the same `messageId`.
	 *
	 * @param message Text, or parts with the message's optional fields.
	 * @param options Signal, time limit, task and context to continue, and how the agent should answer.
	 * @returns The agent's `Message` or `Task`, told apart by `kind`.
	 * @throws {InvalidMessageError} naming the field when the message cannot be sent; the protocol errors
	 * (`TaskNotFoundError`, `UnsupportedOperationError`, …), `HttpError`, `TransportError` and
	 * `ResponseValidationError` when it fails.
	 * @example
	 * const answer = await agent.send({ parts: [{ kind: 'text', text: 'Summarise' }, { kind: 'file', file: { uri: reportUrl } }] });
	 */
	send(message: MessageInput, options?: SendOptions): Promise<Message | Task>;
	/**
	 * A task by id (v1.0 `GetTask`, v0.3 `tasks/get`).
	 *
	 * @throws {TaskNotFoundError} when the agent knows no such task.
	 * @example
	 * const task = await agent.getTask(taskId, { historyLength: 5 });
	 */
	getTask(taskId: string, options?: GetTaskOptions): Promise<Task>;
	/**
	 * Asks the agent to cancel a task (v1.0 `CancelTask`, v0.3 `tasks/cancel`); answers the task as it is then.
	 *
	 * @throws {TaskNotCancelableError} when it has ended or cannot be canceled; `TaskNotFoundError`.
	 * @example
	 * const task = await agent.cancelTask(taskId); // task.status.state === 'canceled'
	 */
	cancelTask(taskId: string, options?: CallOptions): Promise<Task>;
	/**
	 * One page of the agent's tasks (v1.0 `ListTasks`).
	 *
	 * @throws {UnsupportedOperationError} before sending, when the agent is spoken to in v0.3, which has no such call.
	 * @example
	 * const { tasks, nextPageToken } = await agent.listTasks({ status: 'working' });
	 */
	listTasks(query?: ListTasksQuery, options?: CallOptions): Promise<TaskPage>;
	/**
	 * Asks the agent to POST a task's updates to a webhook.
	 *
	 * @throws {PushNotificationNotSupportedError} before sending, when the card says the agent has no push notifications.
	 * @example
	 * const config = await agent.createPushConfig(taskId, { url: 'https://hooks.example.com/a2a', token: 'per-task' });
	 */
	createPushConfig(taskId: string, config: NewPushConfig, options?: CallOptions): Promise<PushNotificationConfig>;
	/**
	 * One push notification config of a task.
	 *
	 * @throws {PushNotificationNotSupportedError} before sending, when the card says the agent has no push notifications.
	 * @example
	 * const config = await agent.getPushConfig(taskId, configId);
	 */
	getPushConfig(taskId: string, configId: string, options?: CallOptions): Promise<PushNotificationConfig>;
	/**
	 * Every push notification config of a task.
	 *
	 * @throws {PushNotificationNotSupportedError} before sending, when the card says the agent has no push notifications.
	 * @example
	 * for (const config of await agent.listPushConfigs(taskId)) console.log(config.id, config.url);
	 */
	listPushConfigs(taskId: string, options?: CallOptions): Promise<PushNotificationConfig[]>;
	/**
	 * Removes a push notification config of a task.
	 *
	 * @throws {PushNotificationNotSupportedError} before sending, when the card says the agent has no push notifications.
	 * @example
	 * await agent.deletePushConfig(taskId, configId);
	 */
	deletePushConfig(taskId: string, configId: string, options?: CallOptions): Promise<void>;
}
