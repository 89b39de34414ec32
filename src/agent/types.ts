import type { A2AClientConfig } from '../index.js';
import type { MessageHandler } from './message-types.js';
import type { AgentStore } from './store.js';

/** The agent card registered with the platform: any JSON object (name, description, skills, `url`, …). */
export type AgentCard = Record<string, unknown>;

/** What the agent reports with each heartbeat (contract §5.2); every member is optional and sent only when set. */
export interface HeartbeatReport {
	/** Tasks in progress now. The platform drains queued messages while this is below the workspace's maximum. */
	activeTasks?: number;
	/** What the agent is doing, shown on the canvas. */
	currentTask?: string;
	/** Share of recent turns that failed, from 0 to 1; at 0.5 or more the workspace shows as degraded. */
	errorRate?: number;
	/** One recent error message, shown beside a degraded status. */
	sampleError?: string;
	/**
	 * Seconds since the agent started.
	 * @default measured on the agent's clock since `createAgent`
	 */
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

/**
 * The `heartbeat` option: how often `run()` beats and what it reports.
 *
 * @example
 * createAgent({ ...options, heartbeat: { intervalMs: 15_000, report: () => ({ activeTasks: queue.size }) } });
 */
export interface HeartbeatOptions {
	/**
	 * Milliseconds between heartbeats in `run()`; the platform marks an agent stale after 180 s without one.
	 * @default 30000
	 */
	intervalMs?: number;
	/** What to report: a fixed report, or a function asked before each heartbeat. */
	report?: HeartbeatReport | (() => HeartbeatReport | Promise<HeartbeatReport>);
}

/**
 * The `inbox` option (poll mode): how the agent reads its messages.
 *
 * @example
 * createAgent({ ...options, inbox: { intervalMs: 2000, jitter: 0.5, backfillSeconds: 3600 } });
 */
export interface InboxOptions {
	/**
	 * Milliseconds between polls while the inbox is idle.
	 * @default 5000
	 */
	intervalMs?: number;
	/**
	 * Spread of each idle wait as a fraction of `intervalMs`, from 0 to 1: `0.2` waits 4–6 s, so agents
	 * started together do not poll in step.
	 * @default 0.2
	 */
	jitter?: number;
	/**
	 * How far back to read, in seconds, when there is no cursor (first start, or the platform dropped the
	 * cursor: HTTP 410). The window is read page by page, at most 10 pages of `batchSize` rows.
	 * @default 600
	 */
	backfillSeconds?: number;
	/**
	 * Rows asked for per poll, from 1 to 500.
	 * @default 100
	 */
	batchSize?: number;
}

/**
 * `createAgent`'s options: the client configuration (`workspaceId`, `platformUrl`, `token`, `fetch`,
 * `clock`, `random`, `uuid`, `logger`, …) plus what makes a workspace an agent. The `token` is used
 * until the platform mints one (the minted one, kept in `store`, wins from then on).
 *
 * @example
 * const options: AgentOptions = {
 *   workspaceId: env.WORKSPACE_ID,
 *   platformUrl: env.PLATFORM_URL,
 *   deliveryMode: 'push',
 *   url: 'https://agent.example/a2a/inbound',
 *   card: { name: 'Summariser', skills: [{ id: 'summarise', name: 'Summarise' }] },
 *   store: kvStore(env.KV),
 *   onMessage: (message) => summarise(message.text),
 * };
 */
export interface AgentOptions extends A2AClientConfig {
	/**
	 * `'poll'`: the agent reads its messages from the platform (`inbox`, `run`); no public URL needed.
	 * `'push'`: the platform POSTs them to `url`, served by `agent.fetch`; needs `url` and `onMessage`.
	 * @default 'poll'
	 * @example createAgent({ ...options, deliveryMode: 'push', url: 'https://agent.example/a2a/inbound', onMessage });
	 */
	deliveryMode?: 'poll' | 'push' | undefined;
	/** The public URL the platform POSTs messages to; required in push mode, e.g. `https://agent.example/a2a/inbound`. */
	url?: string | undefined;
	/**
	 * The agent card to register; the platform fills in a missing name.
	 * @default {}
	 * @example createAgent({ ...options, card: { name: 'Triage', description: 'Sorts incoming incidents' } });
	 */
	card?: AgentCard | undefined;
	/**
	 * Called once per inbound message (poll mode: by `run`; push mode: by `fetch`). Required in push
	 * mode, and to `run` a poll-mode agent; an agent that only calls others needs none.
	 *
	 * @example createAgent({ ...options, onMessage: (message) => `echo: ${message.text}` });
	 */
	onMessage?: MessageHandler | undefined;
	/**
	 * Where the minted token, the inbound secret, the inbox cursor and the handled message ids are kept,
	 * so a restart resumes where the agent stopped.
	 * @default memoryStore() (lost with the process)
	 * @example createAgent({ ...options, store: { get: (key) => env.KV.get(key), set: (key, value) => env.KV.put(key, value) } });
	 */
	store?: AgentStore | undefined;
	/** How often `run()` beats and what it reports. */
	heartbeat?: HeartbeatOptions | undefined;
	/** How the inbox polls (poll mode). */
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

/** `delegate()`'s result. */
export interface DelegationStarted {
	/** The platform's id of the delegation, for `waitForDelegation`. */
	delegationId: string;
	/** `delegated` for a new delegation; for an idempotent hit, the earlier one's status now. */
	status: string;
	/** The platform already had a delegation with this idempotency key (not failed): this is that one. */
	idempotentHit: boolean;
}

/** One row of `delegations()`, as the platform lists it (contract §14.3, newest first). */
export interface DelegationRow {
	/** The activity row's id. */
	id: string;
	/** Always `delegation`. */
	type: string;
	/** The workspace that delegated. */
	source_id: string | null;
	/** The workspace delegated to. */
	target_id: string | null;
	/** What the row says happened, e.g. `Delegating to Worker`. */
	summary: string | null;
	/** `pending`, `dispatched`, `queued`, `in_progress`, `stuck`, `completed` or `failed`. */
	status: string;
	/** When the row was written (RFC 3339). */
	created_at: string;
	/** `sent` when this workspace delegated, `received` when it was delegated to. */
	direction: 'sent' | 'received' | string;
	/** The delegation the row belongs to; absent on the result row of a failure. */
	delegation_id?: string;
	/** Why the delegation failed. */
	error?: string;
	/** The start of the reply (300 bytes), on a completed result. */
	response_preview?: string;
	[key: string]: unknown;
}

/** How a delegation ended, from `waitForDelegation`. */
export interface DelegationOutcome {
	/** The delegation waited for. */
	delegationId: string;
	/** `completed` with a reply, or `failed`. */
	status: 'completed' | 'failed';
	/** The start of the reply, when it completed. */
	responsePreview?: string;
	/** Why it failed. */
	error?: string;
}

/** A file for `notifyUser`'s attachments, as `uploadChatFiles` returns it. */
export interface Attachment {
	/** Where the platform keeps it: `platform-pending:…` (poll mode) or `workspace:/…` (push mode). */
	uri: string;
	/** The file name shown to the user. */
	name: string;
	/** Its MIME type, e.g. `text/csv`. */
	mimeType?: string;
	/** Its size in bytes. */
	size?: number;
}

/** An entry for `logActivity` (contract §9.4); it shows on the workspace's activity tab. */
export interface ActivityEntry {
	/** The kind of activity; the platform takes only these. */
	type: 'a2a_send' | 'a2a_receive' | 'task_update' | 'agent_log' | 'skill_promotion' | 'memory_write' | 'error';
	/** The JSON-RPC method or tool the activity was about. */
	method?: string;
	/** One line the activity tab shows. */
	summary?: string;
	/** The workspace the activity was about. */
	targetId?: string;
	/**
	 * How it went, e.g. `ok` or `error`.
	 * @default 'ok'
	 */
	status?: string;
	/** What went wrong, for a failure. */
	errorDetail?: string;
	/** How long it took, in milliseconds. */
	durationMs?: number;
	/** What was sent, as JSON. */
	requestBody?: unknown;
	/** What came back, as JSON. */
	responseBody?: unknown;
	/** Anything else worth keeping, as JSON. */
	metadata?: Record<string, unknown>;
}

/** Who can read a memory: this workspace, its team, or the whole organisation (root workspaces only). */
export type MemoryScope = 'LOCAL' | 'TEAM' | 'GLOBAL';

/** A memory as `memories.recall` returns it (contract §17). */
export interface Memory {
	/** The platform's id of the memory. */
	id: string;
	/** What was committed. */
	content: string;
	/** `LOCAL`, `TEAM` or `GLOBAL`. */
	scope: string;
	/** When it was committed (RFC 3339). */
	created_at?: string;
	[key: string]: unknown;
}
