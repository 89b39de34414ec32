import type { A2AClient, A2AClientConfig, Part } from '../index.js';
import type { AgentStore } from './store.js';

/** The agent card registered with the platform: any JSON object (name, description, skills, `url`, …). */
export type AgentCard = Record<string, unknown>;

/** What a reply carries: plain text, or A2A parts (text, file, data). */
export type ReplyContent = string | { parts: Part[] };

/** What the agent reports with each heartbeat; every member is optional and sent only when set. */
export interface HeartbeatReport {
	/** Tasks in progress now. The platform drains queued messages while this is below the workspace's maximum. */
	activeTasks?: number;
	/** What the agent is doing, shown on the canvas. */
	currentTask?: string;
	/** Share of recent turns that failed, from 0 to 1; at 0.5 or more the workspace shows as degraded. */
	errorRate?: number;
	/** One recent error message, shown beside a degraded status. */
	sampleError?: string;
	/** Seconds since the agent started. Default: measured on the agent's clock from `createAgent`. */
	uptimeSeconds?: number;
	/** Spend this month, in cents (0 sends nothing). */
	monthlySpend?: number;
	/** `'wedged'` marks the agent as stuck (degraded); `''` clears it. */
	runtimeState?: '' | 'wedged';
	/** The agent is busy with a turn. */
	isBusy?: boolean;
	/** The configuration generation the agent runs (see `heartbeat()`'s `generation`). */
	observedGeneration?: number;
}

/** The `heartbeat` option. */
export interface HeartbeatOptions {
	/** Milliseconds between heartbeats in `run()`. Default `30000` (the platform marks an agent stale after 180 s). */
	intervalMs?: number;
	/** What to report: a fixed report, or a function asked before each heartbeat. */
	report?: HeartbeatReport | (() => HeartbeatReport | Promise<HeartbeatReport>);
}

/** The `inbox` option (poll mode). */
export interface InboxOptions {
	/** Milliseconds between polls when the inbox is idle. Default `5000`. */
	intervalMs?: number;
	/** Spread of each idle wait, as a fraction of `intervalMs`: `0.2` waits 4–6 s. Default `0.2`. */
	jitter?: number;
	/**
	 * How far back to read when there is no cursor (first start, or the platform dropped the cursor: HTTP 410),
	 * in seconds. Default `600`. The window is read page by page, at most 10 pages of `batchSize` rows.
	 */
	backfillSeconds?: number;
	/** Rows asked for per poll, from 1 to 500. Default `100`. */
	batchSize?: number;
}

/** Told with each inbound message. */
export interface MessageContext {
	/** Aborts when the agent stops (`run`'s signal). */
	signal: AbortSignal;
	/** The agent, for delegating, notifying or logging while handling the message. */
	agent: Agent;
}

/**
 * Handles one inbound message: returns the reply (a string or `{ parts }`), or nothing to stay silent.
 * A throw is answered to the sender as an agent error (`Agent error: <message>`); the agent keeps running.
 */
export type MessageHandler = (message: InboundMessage, context: MessageContext) => ReplyContent | void | undefined | null | Promise<ReplyContent | void | undefined | null>;

/** `createAgent`'s options: the client configuration plus what makes a workspace an agent. */
export interface AgentOptions extends A2AClientConfig {
	/**
	 * `'poll'` (default): the agent reads its messages from the platform (`inbox`, `run`). `'push'`: the
	 * platform POSTs them to `url`, served by `agent.fetch`.
	 */
	deliveryMode?: 'poll' | 'push' | undefined;
	/** The public URL the platform POSTs messages to; required in push mode, e.g. `https://agent.example/a2a/inbound`. */
	url?: string | undefined;
	/** The agent card to register. Default `{}` (the platform fills in the name). */
	card?: AgentCard | undefined;
	/** Called once per inbound message (poll mode: by `run`; push mode: by `fetch`). */
	onMessage?: MessageHandler | undefined;
	/**
	 * Where the minted token, the inbound secret, the inbox cursor and the handled message ids are kept,
	 * so a restart resumes where the agent stopped. Default: memory (lost with the process).
	 */
	store?: AgentStore | undefined;
	heartbeat?: HeartbeatOptions | undefined;
	inbox?: InboxOptions | undefined;
}

/** `register()`'s result. */
export interface Registration {
	/** The delivery mode the platform recorded. */
	deliveryMode: 'poll' | 'push';
	/** The platform minted a token (the workspace had none); it is in the store now and used from here on. */
	tokenMinted: boolean;
	/** The secret the platform sends with each push (push mode), also kept in the store. */
	inboundSecret?: string;
}

/** Who sent a message: a peer workspace, a person (`'user'`), or, in push mode when the platform does not say, `'unknown'`. */
export type Sender = { id: string; name?: string; role?: string } | 'user' | 'unknown';

/** A file attached to an inbound message. */
export interface InboundFile {
	/** `platform-pending:<workspace>/<file id>` for a file staged for a poll-mode agent; else the sender's URI. */
	uri: string;
	name?: string;
	mimeType?: string;
	/** Bytes, when the sender said. */
	size?: number;
	/**
	 * The file's content. For a staged upload (`platform-pending:`) it is fetched from the platform and
	 * then acknowledged, after which the platform forgets it; any other URI rejects with a `ConfigError`.
	 *
	 * @example
	 * for (const file of message.files) if (file.uri.startsWith('platform-pending:')) await save(file.name, await file.download());
	 */
	download(options?: { signal?: AbortSignal }): Promise<Blob>;
}

/** One message to the agent, from a peer or a person. */
export interface InboundMessage {
	/** Poll mode: the activity row id (the inbox cursor); push mode: the message id. */
	id: string;
	/** Poll mode: the row's platform-wide sequence number (what the inbox acknowledges); push mode: `null`. */
	seq: number | null;
	from: Sender;
	/** Every text part, joined with `\n`. */
	text: string;
	parts: Part[];
	files: InboundFile[];
	/** The A2A `messageId` the sender gave. */
	messageId: string;
	receivedAt: Date;
	/**
	 * Answers the message. Poll mode: a peer gets `message/send` through the platform with
	 * `metadata.in_reply_to` set to this `messageId`; a person gets a `notify`. Push mode: sets the answer
	 * to the platform's request (call it before `onMessage` returns; returning a reply does the same).
	 * Rejects with the failure (`HttpError`, `TalkToUserDisabledError`, …) when the reply is not delivered.
	 *
	 * @example
	 * await message.reply(`Got it: ${message.text.length} characters`);
	 */
	reply(content: ReplyContent): Promise<void>;
}

/** `delegate()`'s result. */
export interface DelegationStarted {
	delegationId: string;
	/** `delegated` for a new delegation; for an idempotent hit, the earlier one's status now. */
	status: string;
	/** The platform already had a delegation with this idempotency key (not failed): this is that one. */
	idempotentHit: boolean;
}

/** One row of `delegations()`, as the platform lists it (newest first). */
export interface DelegationRow {
	id: string;
	type: string;
	source_id: string | null;
	target_id: string | null;
	summary: string | null;
	/** `pending`, `dispatched`, `queued`, `in_progress`, `stuck`, `completed` or `failed`. */
	status: string;
	created_at: string;
	/** `sent` when this workspace delegated, `received` when it was delegated to. */
	direction: 'sent' | 'received' | string;
	/** Absent on the result row of a failure. */
	delegation_id?: string;
	error?: string;
	/** The start of the reply (300 bytes), on a completed result. */
	response_preview?: string;
	[key: string]: unknown;
}

/** How a delegation ended, from `waitForDelegation`. */
export interface DelegationOutcome {
	delegationId: string;
	status: 'completed' | 'failed';
	/** The start of the reply, when it completed. */
	responsePreview?: string;
	/** Why it failed. */
	error?: string;
}

/** A file for `notifyUser`'s attachments, as `uploadChatFiles` returns it. */
export interface Attachment {
	uri: string;
	name: string;
	mimeType?: string;
	size?: number;
}

/** An entry for `logActivity`; it shows on the workspace's activity tab. */
export interface ActivityEntry {
	type: 'a2a_send' | 'a2a_receive' | 'task_update' | 'agent_log' | 'skill_promotion' | 'memory_write' | 'error';
	method?: string;
	summary?: string;
	/** The workspace the activity was about. */
	targetId?: string;
	/** Default `ok`. */
	status?: string;
	errorDetail?: string;
	durationMs?: number;
	requestBody?: unknown;
	responseBody?: unknown;
	metadata?: Record<string, unknown>;
}

/** Who can read a memory: this workspace, its team, or the whole organisation (root workspaces only). */
export type MemoryScope = 'LOCAL' | 'TEAM' | 'GLOBAL';

/** A memory as `memories.recall` returns it. */
export interface Memory {
	id: string;
	content: string;
	scope: string;
	created_at?: string;
	[key: string]: unknown;
}

/** The legacy memory endpoints the Python tools use. */
export interface Memories {
	/**
	 * Saves `content`; scope default `LOCAL`.
	 *
	 * @example await agent.memories.commit('The deploy key rotates on Mondays', { scope: 'TEAM' });
	 */
	commit(content: string, options?: { scope?: MemoryScope; namespace?: string }): Promise<{ id: string; scope: string; namespace?: string }>;
	/**
	 * The memories this workspace can read whose content contains `query` (ignoring case; `''` for all),
	 * newest first. The platform ignores the query, so it is applied here.
	 *
	 * @example const notes = await agent.memories.recall('deploy key');
	 */
	recall(query: string, options?: { scope?: MemoryScope }): Promise<Memory[]>;
}

/** A workspace that is an agent: it registers, beats, receives messages and answers them. */
export interface Agent {
	/** The canonical (lower-case) workspace id. */
	readonly workspaceId: string;
	readonly deliveryMode: 'poll' | 'push';
	/** The agent's client for talking to peers; it uses the agent's token (the minted one once there is one). */
	readonly client: A2AClient;
	/**
	 * Registers the workspace (`POST /registry/register`) with the card, the delivery mode and, in push
	 * mode, the URL. A first registration mints a token, which is stored and used from then on; the
	 * inbound secret is stored too. Throws `TokenRejectedError` when the platform refuses the stored token.
	 *
	 * @example const { tokenMinted } = await agent.register();
	 */
	register(options?: { signal?: AbortSignal }): Promise<Registration>;
	/**
	 * Sends one heartbeat (`POST /registry/heartbeat`) with `report`, or with the `heartbeat.report`
	 * option when none is given; stores a rotated inbound secret. `run` sends them on its own.
	 *
	 * @example const { generation } = await agent.heartbeat({ activeTasks: 1, currentTask: 'triage' });
	 */
	heartbeat(report?: HeartbeatReport, options?: { signal?: AbortSignal }): Promise<{ generation: number }>;
	/**
	 * Replaces the registered agent card (`POST /registry/update-card`); later registers send it too.
	 *
	 * @example await agent.updateCard({ name: 'triage', skills: [{ id: 'triage', name: 'Triage' }] });
	 */
	updateCard(card: AgentCard, options?: { signal?: AbortSignal }): Promise<void>;
	/**
	 * A poll-mode agent's messages, oldest first, until `signal` aborts. A message counts as handled when
	 * the loop asks for the next one; leaving the loop (`break`, a throw) leaves the current one unhandled,
	 * so it comes again. Handled ids and the cursor are kept in the store; each batch is acknowledged to
	 * the platform once handled. Ends with `TokenRejectedError` when the platform refuses the token.
	 *
	 * @example
	 * for await (const message of agent.inbox({ signal })) await message.reply(`echo: ${message.text}`);
	 */
	inbox(options?: { signal?: AbortSignal }): AsyncIterable<InboundMessage>;
	/**
	 * The push-mode inbound handler: `export default { fetch: agent.fetch }`, `Deno.serve(agent.fetch)`,
	 * `Bun.serve({ fetch: agent.fetch })`. Checks `Authorization: Bearer <inbound secret>` in constant
	 * time before reading the body (401 otherwise), reads a JSON-RPC `message/send` of at most 16 MiB,
	 * calls `onMessage` and answers the reply as a JSON-RPC Message; anything else gets a JSON-RPC error.
	 * Chat files the platform forwards (`…/internal/chat/uploads/ingest`) are refused with 501: this agent keeps none.
	 *
	 * @example
	 * Deno.serve({ port: 8000 }, agent.fetch); // registered as https://agent.example/a2a/inbound
	 */
	fetch(request: Request): Promise<Response>;
	/**
	 * Registers, then beats every `heartbeat.intervalMs` and, in poll mode, feeds the inbox to
	 * `onMessage`, replying with what it returns. Resolves when `signal` aborts, leaving no timer behind;
	 * rejects with `TokenRejectedError` (or a registration failure) when the agent cannot go on.
	 *
	 * @example
	 * const stop = new AbortController();
	 * await agent.run({ signal: stop.signal });
	 */
	run(options?: { signal?: AbortSignal }): Promise<void>;
	/**
	 * Hands `task` to the workspace `targetId` in the background (`POST /delegate`). The idempotency key
	 * defaults to a SHA-256 of this workspace, the target and the task, so repeating a call does not
	 * delegate twice while the first is not failed.
	 *
	 * @example const { delegationId } = await agent.delegate(peerId, 'Summarise the open incidents');
	 */
	delegate(targetId: string, task: string, options?: { idempotencyKey?: string; signal?: AbortSignal }): Promise<DelegationStarted>;
	/**
	 * The delegations this workspace sent or received (at most 50, newest first).
	 *
	 * @example const running = (await agent.delegations()).filter((row) => row.status === 'dispatched');
	 */
	delegations(options?: { signal?: AbortSignal }): Promise<DelegationRow[]>;
	/**
	 * Polls `delegations()` (every 3 s) until the delegation completes or fails. Rejects with
	 * `DelegationTimeoutError` after `timeoutMs` (default 300000), or with the signal's reason.
	 *
	 * @example const outcome = await agent.waitForDelegation(delegationId, { timeoutMs: 60_000 });
	 */
	waitForDelegation(delegationId: string, options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<DelegationOutcome>;
	/**
	 * Shows `message` to the workspace's people (`POST /notify`), with files from `uploadChatFiles`.
	 * Rejects with `TalkToUserDisabledError` when the workspace may not talk to its user.
	 *
	 * @example await agent.notifyUser('The report is ready', { attachments: await agent.uploadChatFiles([report]) });
	 */
	notifyUser(message: string, options?: { attachments?: Attachment[]; signal?: AbortSignal }): Promise<void>;
	/**
	 * Uploads files to the workspace's chat (`POST /chat/uploads`) after checking them against the
	 * platform's limits (`GET /uploads/limits`): an `UploadLimitError` names the limit, nothing is sent.
	 *
	 * @example const [file] = await agent.uploadChatFiles([new File(['a,b'], 'data.csv', { type: 'text/csv' })]);
	 */
	uploadChatFiles(files: readonly Blob[], options?: { signal?: AbortSignal }): Promise<Attachment[]>;
	/**
	 * Writes an entry to the workspace's activity log (`POST /activity`), as this workspace.
	 *
	 * @example await agent.logActivity({ type: 'agent_log', summary: 'Indexed 42 documents' });
	 */
	logActivity(entry: ActivityEntry, options?: { signal?: AbortSignal }): Promise<void>;
	readonly memories: Memories;
}
