import type { AgentCard, AgentInterface } from './card-types.js';
import type { MessageInput } from './outgoing.js';
import type { RetryPolicy } from '../config.js';
import type { Binding, ProtocolVersion } from './operation.js';
import type { Message, PushAuthentication, PushNotificationConfig, StreamEvent, Task, TaskPage, TaskState } from './types.js';

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
 * Options of `subscribe`, and of `stream` (which takes the members of `send` as well). Each connection
 * (the first, and each after a cut) is one request; `timeoutMs` limits how long its answer may take
 * to start, not how long the stream lasts.
 *
 * @example
 * for await (const event of agent.subscribe(taskId, { idleTimeoutMs: 60_000, retry: { maxAttempts: 10 } })) console.log(event.kind);
 */
export interface SubscribeOptions {
	/** Aborting ends the iteration at once with the signal's reason, during a request, a read or a wait; no socket, reader or timer is left. */
	signal?: AbortSignal | undefined;
	/**
	 * Milliseconds for each connection's answer to start (its headers), from 1 to 2147483647; an error
	 * answer must also be read within it. A connection that takes longer counts as cut.
	 *
	 * @default `timeouts.sendMs` for `stream`, `timeouts.requestMs` for `subscribe`
	 */
	timeoutMs?: number | undefined;
	/**
	 * Milliseconds the stream may go without a byte (keep-alive comments count) before it counts as
	 * cut and the task is subscribed to again, from 1 to 2147483647.
	 *
	 * @default none: agents may be silent for long, and many send no keep-alives
	 */
	idleTimeoutMs?: number | undefined;
	/**
	 * Largest event, in bytes of UTF-8 data; a larger one ends the iteration with an `EventTooLargeError`.
	 *
	 * @default 4194304 (4 MiB)
	 */
	maxEventBytes?: number | undefined;
	/**
	 * How a cut stream is resubscribed, over the connection's `retry`: `maxAttempts` connections in a
	 * row that bring nothing new, full-jitter waits from `baseDelayMs` doubling up to `maxDelayMs`, none
	 * starting later than `budgetMs` after the cut (`jitter` is not used). A 429/503 naming a wait is waited.
	 *
	 * @default the connection's `retry`
	 */
	retry?: Partial<RetryPolicy> | undefined;
}

/**
 * Options of `stream`: those of `subscribe`, and what `send` takes to say which task and conversation
 * the message continues and how the agent should answer.
 *
 * @example
 * for await (const event of agent.stream('Use the Q3 numbers', { taskId: task.id, signal: AbortSignal.timeout(120_000) })) console.log(event.kind);
 */
export interface StreamOptions extends SubscribeOptions {
	/** Continue this task (one waiting in `'input-required'`, say). */
	taskId?: string | undefined;
	/** Continue this conversation. */
	contextId?: string | undefined;
	/**
	 * Ask the agent to answer as soon as the task exists (v0.3: `blocking: false`); most agents stream the task anyway.
	 *
	 * @default false
	 */
	returnImmediately?: boolean | undefined;
	/** At most this many messages of the task's history in its Task events; `0` for none. The agent's choice by default. */
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
	 * Sends a message and streams the answer (v1.0 `SendStreamingMessage`, v0.3 `message/stream`): a
	 * message-only answer is one `Message`; a task is its `Task`, then its status and artifact updates,
	 * ending after the update that brings it to an end state (`completed`, `failed`, `canceled`,
	 * `rejected`, `input-required`, `auth-required`). When the connection drops (or closes) before that,
	 * the task is subscribed to again after a full-jitter wait within `retry`, and its new first Task
	 * resynchronises: no status update, message or artifact part comes out twice. A cut before the task
	 * is known is thrown (the message is never sent twice). Nothing is sent until the first `next()`;
	 * `break` or the signal end the request at once.
	 *
	 * @param message Text, or parts with the message's optional fields (its `messageId` is made once).
	 * @param options Signal, time limits, resubscription policy, and `send`'s task, context and answer options.
	 * @returns An async iterable of the events, told apart by `kind`.
	 * @throws {ConfigError} at once, naming an option that is not what it should be (or not an option);
	 * `InvalidMessageError` at once for a message that cannot be sent. During the iteration:
	 * `UnsupportedOperationError` when the card says the agent does not stream; the protocol errors, `HttpError`
	 * and `ResponseValidationError` the agent's answers make; `TransportError` when the connection is cut and
	 * cannot be made again within `retry` (its `attempts` set); `EventTooLargeError`.
	 * @example
	 * let text = '';
	 * for await (const event of agent.stream('Write the summary')) {
	 * 	if (event.kind === 'artifact-update') for (const part of event.artifact.parts) if (part.kind === 'text') text += part.text;
	 * 	if (event.kind === 'status-update') console.log(event.status.state);
	 * }
	 */
	stream(message: MessageInput, options?: StreamOptions): AsyncIterableIterator<StreamEvent>;
	/**
	 * Follows a task that is running (v1.0 `SubscribeToTask`, v0.3 `tasks/resubscribe`): its current
	 * `Task` first, then its updates, ending at an end state, and subscribing again after a cut, as
	 * `stream` does. Agents refuse a task that has ended (`UnsupportedOperationError`); read it with `getTask`.
	 *
	 * @param taskId The task, a non-empty string.
	 * @param options Signal, time limits and resubscription policy.
	 * @returns An async iterable of the events, the task first.
	 * @throws {ConfigError} at once, for a `taskId` or option that is not what it should be; during the
	 * iteration, as `stream`, and `TaskNotFoundError` for a task the agent does not know.
	 * @example
	 * const task = await agent.send('Write the report', { returnImmediately: true });
	 * for await (const event of agent.subscribe(task.id)) if (event.kind === 'status-update') console.log(event.status.state);
	 */
	subscribe(taskId: string, options?: SubscribeOptions): AsyncIterableIterator<StreamEvent>;
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
