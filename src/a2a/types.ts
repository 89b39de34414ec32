// The one model of A2A content this entry gives back, whatever the agent speaks: v1.0 proto-JSON
// (`ROLE_AGENT`, `TASK_STATE_COMPLETED`, parts told apart by member) and v0.3 (`kind` tags,
// `completed`) both read into these. Each is what a schema in src/a2a/schemas/ outputs, and
// test/types/a2a-shapes.fixture.ts fails to compile when the two disagree. Object types, not
// interfaces, so a value stays assignable to `Record<string, unknown>` as the JSON it came from is.

/**
 * Plain text content.
 *
 * @example
 * const part: TextPart = { kind: 'text', text: 'Summarise the open incidents' };
 */
export type TextPart = {
	/** The discriminator: always `'text'`. */
	kind: 'text';
	/** The text. */
	text: string;
	/** The media type the agent gave the text (v1.0 `mediaType`), e.g. `text/markdown`. */
	mediaType?: string | undefined;
	/** Part metadata, passed through as the agent sent it. */
	metadata?: Record<string, unknown> | undefined;
};

/**
 * A file, by reference (`uri`) or inline (`bytes`, decoded from base64 with `atob`, so it works in
 * browsers: no `Buffer`). v1.0 `url`/`raw`/`filename`/`mediaType` and v0.3 `uri`/`bytes`/`name`/`mimeType` both read into it.
 *
 * @example
 * const report: FileContent = { uri: 'https://files.example.com/q3.pdf', name: 'q3.pdf', mediaType: 'application/pdf' };
 */
export type FileContent = {
	/** Where the file can be fetched. */
	uri?: string | undefined;
	/** The file's bytes. */
	bytes?: Uint8Array | undefined;
	/** The file name, e.g. `report.pdf`. */
	name?: string | undefined;
	/** The media type, e.g. `application/pdf`. */
	mediaType?: string | undefined;
};

/**
 * File content.
 *
 * @example
 * const part: FilePart = { kind: 'file', file: { bytes: new TextEncoder().encode('hello'), name: 'hello.txt', mediaType: 'text/plain' } };
 */
export type FilePart = {
	/** The discriminator: always `'file'`. */
	kind: 'file';
	/** The file, by `uri` or inline `bytes`. */
	file: FileContent;
	/** Part metadata, passed through as the agent sent it. */
	metadata?: Record<string, unknown> | undefined;
};

/**
 * Structured JSON content.
 *
 * @example
 * const part: DataPart = { kind: 'data', data: { open: 3, severity: 'high' } };
 */
export type DataPart = {
	/** The discriminator: always `'data'`. */
	kind: 'data';
	/** Any JSON value (v0.3 agents only accept and send objects). */
	data: unknown;
	/** The media type the agent gave the data (v1.0 `mediaType`). */
	mediaType?: string | undefined;
	/** Part metadata, passed through as the agent sent it. */
	metadata?: Record<string, unknown> | undefined;
};

/**
 * One piece of content, told apart by `kind`.
 *
 * @example
 * const show = (part: Part): string => (part.kind === 'text' ? part.text : part.kind === 'file' ? (part.file.uri ?? part.file.name ?? '(file)') : JSON.stringify(part.data));
 */
export type Part = TextPart | FilePart | DataPart;

/**
 * Who wrote a message: the client's side (`'user'`) or the agent (`'agent'`).
 *
 * @example
 * const mine = (message: Message): boolean => message.role === 'user';
 */
export type Role = 'user' | 'agent';

/**
 * One message of a conversation, from the user or the agent.
 *
 * @example
 * const reply = await agent.send({ parts: [{ kind: 'text', text: 'hi' }] });
 * if (reply.kind === 'message') console.log(reply.parts.map((part) => (part.kind === 'text' ? part.text : '')).join(''));
 */
export type Message = {
	/** The discriminator: always `'message'`. */
	kind: 'message';
	/** The message's id, unique per sender. */
	messageId: string;
	/** Who wrote it. */
	role: Role;
	/** Its content. */
	parts: Part[];
	/** The conversation it belongs to. */
	contextId?: string | undefined;
	/** The task it belongs to. */
	taskId?: string | undefined;
	/** Tasks it refers to. */
	referenceTaskIds?: string[] | undefined;
	/** The URIs of the extensions it uses. */
	extensions?: string[] | undefined;
	/** Message metadata, passed through as the agent sent it. */
	metadata?: Record<string, unknown> | undefined;
};

/**
 * Where a task is, as a plain string whatever the protocol version: `'completed'`, `'failed'`,
 * `'canceled'` and `'rejected'` are terminal; `'input-required'` and `'auth-required'` wait for the
 * client; `'unknown'` stands for a state the agent left unspecified.
 *
 * @example
 * const done = (state: TaskState): boolean => ['completed', 'failed', 'canceled', 'rejected'].includes(state);
 */
export type TaskState = 'submitted' | 'working' | 'input-required' | 'auth-required' | 'completed' | 'failed' | 'canceled' | 'rejected' | 'unknown';

/**
 * A task's state, with the agent's message about it and when it was set.
 *
 * @example
 * if (task.status.state === 'input-required') console.log(task.status.message?.parts);
 */
export type TaskStatus = {
	/** The state. */
	state: TaskState;
	/** What the agent said with it (the question of an `'input-required'`, the reason of a `'failed'`). */
	message?: Message | undefined;
	/** When the state was set, as the agent wrote it (ISO 8601). */
	timestamp?: string | undefined;
};

/**
 * Something a task produced: a document, an answer, a file.
 *
 * @example
 * const text = artifact.parts.filter((part) => part.kind === 'text').map((part) => part.text).join('');
 */
export type Artifact = {
	/** The artifact's id within its task. */
	artifactId: string;
	/** A name for people. */
	name?: string | undefined;
	/** A description for people. */
	description?: string | undefined;
	/** Its content. */
	parts: Part[];
	/** The URIs of the extensions it uses. */
	extensions?: string[] | undefined;
	/** Artifact metadata, passed through as the agent sent it. */
	metadata?: Record<string, unknown> | undefined;
};

/**
 * A unit of work the agent keeps state for: its status, what it produced and the messages so far.
 *
 * @example
 * const task = await agent.getTask(taskId, { historyLength: 10 });
 * console.log(task.status.state, task.artifacts.length, task.history.length);
 */
export type Task = {
	/** The discriminator: always `'task'`. */
	kind: 'task';
	/** The task's id, made by the agent. */
	id: string;
	/** The conversation it belongs to. */
	contextId: string;
	/** Where it is. */
	status: TaskStatus;
	/** What it produced so far; `[]` when none (or when the agent left them out). */
	artifacts: Artifact[];
	/** The messages so far, oldest first; `[]` when none (or when the agent left them out). */
	history: Message[];
	/** Task metadata, passed through as the agent sent it. */
	metadata?: Record<string, unknown> | undefined;
};

/**
 * A stream event: a task's new status.
 *
 * @example
 * if (event.kind === 'status-update') console.log(`${event.taskId}: ${event.status.state}`);
 */
export type TaskStatusUpdateEvent = {
	/** The discriminator: always `'status-update'`. */
	kind: 'status-update';
	/** The task. */
	taskId: string;
	/** The task's conversation. */
	contextId: string;
	/** The new status. */
	status: TaskStatus;
	/** v0.3's `final` (the last event of the stream); v1.0 has none and ends the stream instead. */
	final?: boolean | undefined;
	/** Event metadata, passed through as the agent sent it. */
	metadata?: Record<string, unknown> | undefined;
};

/**
 * A stream event: an artifact, or a chunk of one.
 *
 * @example
 * if (event.kind === 'artifact-update') chunks.push(...event.artifact.parts);
 */
export type TaskArtifactUpdateEvent = {
	/** The discriminator: always `'artifact-update'`. */
	kind: 'artifact-update';
	/** The task. */
	taskId: string;
	/** The task's conversation. */
	contextId: string;
	/** The artifact, or the chunk of it this event carries. */
	artifact: Artifact;
	/** Whether the parts are to be appended to an artifact of the same id sent before. */
	append: boolean;
	/** Whether this is the artifact's last chunk. */
	lastChunk: boolean;
	/** Event metadata, passed through as the agent sent it. */
	metadata?: Record<string, unknown> | undefined;
};

/**
 * One event of a message stream or a task subscription, told apart by `kind`.
 *
 * @example
 * const describe = (event: StreamEvent): string => (event.kind === 'status-update' ? event.status.state : event.kind);
 */
export type StreamEvent = Task | Message | TaskStatusUpdateEvent | TaskArtifactUpdateEvent;

/**
 * How the agent authenticates its push notifications: `Authorization: <scheme> <credentials>`.
 *
 * @example
 * const authentication: PushAuthentication = { scheme: 'Bearer', credentials: webhookSecret };
 */
export type PushAuthentication = {
	/** The scheme, e.g. `Bearer`. */
	scheme: string;
	/** The credentials, e.g. the bearer token. */
	credentials?: string | undefined;
};

/**
 * Where an agent sends a task's updates (push notifications).
 *
 * @example
 * const config = await agent.createPushConfig(taskId, { url: 'https://hooks.example.com/a2a', token: 'per-task-token' });
 * console.log(config.id);
 */
export type PushNotificationConfig = {
	/** The config's id, made by the agent when not given. */
	id: string;
	/** The task it is for. */
	taskId: string;
	/** The webhook the agent POSTs to. */
	url: string;
	/** A token the agent sends with each notification, to tell them apart. */
	token?: string | undefined;
	/** How the agent authenticates to the webhook. */
	authentication?: PushAuthentication | undefined;
};

/**
 * One page of `listTasks`.
 *
 * @example
 * let page = await agent.listTasks({ pageSize: 50 });
 * while (page.nextPageToken) page = await agent.listTasks({ pageSize: 50, pageToken: page.nextPageToken });
 */
export type TaskPage = {
	/** The tasks of this page. */
	tasks: Task[];
	/** The token of the next page; `undefined` on the last page. */
	nextPageToken?: string | undefined;
	/** The page size the agent used. */
	pageSize?: number | undefined;
	/** How many tasks match in all. */
	totalSize?: number | undefined;
};
