import type { A2AClientConfig } from '../index.js';
import type { MessageHandler } from './message-types.js';
import type { AgentStore } from './store.js';

/** The agent card registered with the platform: any JSON object (name, description, skills, `url`, …). */
export type AgentCard = Record<string, unknown>;

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

/**
 * The `heartbeat` option.
 *
 * @example
 * createAgent({ ...options, heartbeat: { intervalMs: 15_000, report: () => ({ activeTasks: queue.size }) } });
 */
export interface HeartbeatOptions {
	/** Milliseconds between heartbeats in `run()`. Default `30000` (the platform marks an agent stale after 180 s). */
	intervalMs?: number;
	/** What to report: a fixed report, or a function asked before each heartbeat. */
	report?: HeartbeatReport | (() => HeartbeatReport | Promise<HeartbeatReport>);
}

/**
 * The `inbox` option (poll mode).
 *
 * @example
 * createAgent({ ...options, inbox: { intervalMs: 2000, jitter: 0.5, backfillSeconds: 3600 } });
 */
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

/**
 * `createAgent`'s options: the client configuration (`workspaceId`, `platformUrl`, `token`, `fetch`,
 * `clock`, `random`, `uuid`, `logger`, …) plus what makes a workspace an agent.
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
	 * `'poll'` (default): the agent reads its messages from the platform (`inbox`, `run`); no public URL
	 * needed. `'push'`: the platform POSTs them to `url`, served by `agent.fetch`.
	 *
	 * @example createAgent({ ...options, deliveryMode: 'push', url: 'https://agent.example/a2a/inbound' });
	 */
	deliveryMode?: 'poll' | 'push' | undefined;
	/** The public URL the platform POSTs messages to; required in push mode, e.g. `https://agent.example/a2a/inbound`. */
	url?: string | undefined;
	/**
	 * The agent card to register. Default `{}` (the platform fills in the name).
	 *
	 * @example createAgent({ ...options, card: { name: 'Triage', description: 'Sorts incoming incidents' } });
	 */
	card?: AgentCard | undefined;
	/**
	 * Called once per inbound message (poll mode: by `run`; push mode: by `fetch`).
	 *
	 * @example createAgent({ ...options, onMessage: (message) => `echo: ${message.text}` });
	 */
	onMessage?: MessageHandler | undefined;
	/**
	 * Where the minted token, the inbound secret, the inbox cursor and the handled message ids are kept,
	 * so a restart resumes where the agent stopped. Default: memory (lost with the process).
	 *
	 * @example createAgent({ ...options, store: { get: (key) => env.KV.get(key), set: (key, value) => env.KV.put(key, value) } });
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
