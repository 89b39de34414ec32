import type { Clock } from '../clock.js';
import type { AgentHandler } from './agent-types.js';
import type { PlatformEvent } from './events.js';

/** The spending periods a budget can be set for, in the order a 402 names them (contract §7.3 row 8). */
export type BudgetPeriod = 'hourly' | 'daily' | 'weekly' | 'monthly';

/** One period's ceiling and what was spent in it, in cents. */
export interface PeriodBudget {
	limit: number;
	spent: number;
}

/**
 * A datastore read or write about a workspace that can be made to fail, to get the platform's
 * answers to a failing datastore (contract §7.3): `org` (row 7), `deliveryMode` (row 13), `url`
 * (row 17), `inboundSecret` (row 22) and `enqueue` (rows 15, 19, 27).
 */
export type DatastoreFailure = 'org' | 'deliveryMode' | 'url' | 'inboundSecret' | 'enqueue';

/** One workspace of the dev platform. */
export interface DevWorkspace {
	/** Usually a UUID (stored lower-case); any string works for routes that do not validate. */
	id: string;
	/** Shown by peers, discover and info; register names a new workspace after its id. */
	name: string;
	/** Free text (`null` or `''` for none); peers' `q` matches it. */
	role?: string | null;
	/** `null` or omitted for a root workspace. Each root starts its own organisation. */
	parentId?: string | null;
	/**
	 * Default `'online'`. `'hibernated'` answers 503 waking; `'removed'` gives 410 and invalidates
	 * tokens; `'provisioning'` and `'awaiting_agent'` without a URL queue messages (202).
	 */
	status?: string;
	/** Default `'claude-code'`; `'external'` changes what discover returns; `'mock'` answers every message itself. */
	runtime?: string;
	/** Default `'workspace'`. A `'platform'` workspace (the concierge) answers 503 warming while provisioning. */
	kind?: 'workspace' | 'platform';
	/** Default 1. */
	tier?: number;
	/** The registered agent URL, shown by peers and info; used for dispatch when `agent` is not set. */
	url?: string | null;
	/**
	 * Live workspace tokens (contract §2.1). Only the registry and discovery gates let a workspace
	 * without one through; every other route needs a real credential.
	 */
	tokens?: readonly string[];
	/**
	 * The secret the platform sends as `Authorization: Bearer …` to the agent's URL, handed out by
	 * register and heartbeat (contract §2.1). Minted when the workspace is created; `null` means not
	 * minted yet, so the first push to an external URL mints it and answers 503 re-registering.
	 */
	inboundSecret?: string | null;
	/** Monthly spend ceiling in cents; at or over it the proxy answers 402 naming `monthly`. */
	budgetLimit?: number | null;
	/** Spent this month, in cents; heartbeats report it as `monthly_spend`. Default 0. */
	monthlySpend?: number;
	/** Ceilings for the other periods (and `monthly`, in place of `budgetLimit`/`monthlySpend`). */
	budgets?: Partial<Record<BudgetPeriod, PeriodBudget>>;
	/**
	 * Default `true`. `false` answers 403 `tool call failed` when this workspace sends `message/send`
	 * to another, or asks the platform to delegate (`POST /workspaces/:id/delegate`).
	 */
	canDelegate?: boolean;
	/** Default `true`. `false` makes `POST /workspaces/:id/notify` answer 403 `talk_to_user_disabled` (contract §15). */
	talkToUserEnabled?: boolean;
	/** The generation the platform wants the workspace at, answered to every heartbeat. Default 1. */
	generation?: number;
	/** Default 1. A heartbeat drains the queue while `activeTasks` is below it. */
	maxConcurrentTasks?: number;
	/** As the last heartbeat reported. Default 0. */
	activeTasks?: number;
	/** As declared by heartbeats (`runtime_metadata.capabilities`). */
	capabilities?: Readonly<Record<string, boolean>>;
	/** Default `'push'`. `'poll'` stores messages in the workspace's activity instead of dispatching them. */
	deliveryMode?: 'push' | 'poll';
	/** A platform boot turn (greeting or restart context) is in flight: `message/send` is queued, drains wait. */
	bootTurn?: boolean;
	/**
	 * The agent's container as the provisioner sees it. Default `'running'`. `'stopped'` answers the
	 * preflight 503; `'dead'` turns dispatch failures and agent 502/503/504 into 503 restart triggered.
	 */
	container?: 'running' | 'stopped' | 'dead';
	/** Lookups about this workspace that fail, as a broken datastore would make them. None by default. */
	datastoreFailures?: readonly DatastoreFailure[];
	/** When a removed workspace was removed (RFC 3339). */
	removedAt?: string | null;
	/** The A2A agent card, as registered; any JSON. */
	agentCard?: unknown;
	/** A human label of the agent behaviour, printed by the CLI. */
	description?: string;
	/** The URL of a real A2A server (proxied with the injected fetch), or a behaviour run in-process. */
	agent?: string | AgentHandler;
}

/** Fields `update` may change. */
export type DevWorkspacePatch = Partial<Omit<DevWorkspace, 'id'>>;

/**
 * An org API token (contract §2.1). `org` anchors it to the organisation whose root workspace has
 * that id; an anchored token used on another organisation's workspace answers 403. Without `org`
 * it acts organisation-wide, like the platform's legacy tokens.
 */
export interface OrgApiToken {
	token: string;
	org?: string;
}

export interface DevPlatformOptions {
	workspaces: readonly DevWorkspace[];
	/** Monotonic time for timeouts, the push-async cut-off, rate limits and waking. Default: the system clock. */
	clock?: Clock;
	/** Ids for envelopes, messages, queue items and activity rows. Default `crypto.randomUUID()`. */
	uuid?: () => string;
	/** New workspace tokens. Default: 32 random bytes, base64url without padding (43 characters). */
	mintToken?: () => string;
	/** New inbound secrets. Default: like `mintToken`'s default. */
	mintSecret?: () => string;
	/** Wall-clock time for `created_at`, `removed_at`, queue timestamps and `last_outbound_at`. Default `() => new Date()`. */
	wallClock?: () => Date;
	/**
	 * Reaches agents given as URLs. Default: the global `fetch`. Called without a `this`, so a
	 * runtime's own fetch may be passed as is; the idle timeout holds even if it ignores its signal.
	 */
	fetch?: (request: Request) => Promise<Response>;
	/**
	 * Turns TenantGuard on (contract §3.4): other routes then need `X-Molecule-Org-Id: <orgId>`;
	 * without it they answer 400 `TENANT_ORG_HEADER_REQUIRED`, with another id 404 with no body.
	 */
	orgId?: string;
	/**
	 * The platform's `ADMIN_TOKEN`: a canvas-class credential for `/a2a` and accepted by
	 * WorkspaceAuth and AdminAuth (contract §2). Without one, AdminAuth accepts any live workspace token.
	 */
	adminToken?: string;
	/** Org API tokens (contract §2.1): plain strings act organisation-wide. */
	orgTokens?: readonly (string | OrgApiToken)[];
	/**
	 * How long a canvas-class `/a2a` call waits for the agent before the platform answers 200
	 * `push-async` and finishes the turn in the background (contract §7.6). Default 90 000 ms;
	 * `null` turns the cut-off off (`A2A_CANVAS_SYNC_DISABLE=1`).
	 */
	canvasSyncBudgetMs?: number | null;
	/**
	 * Origins allowed to call cross-origin. Default `['http://localhost:3000', 'http://localhost:3001']`
	 * like the real server; `'*'` allows any origin (echoed back, so credentialed requests work).
	 */
	corsOrigins?: readonly string[] | '*';
	/** Requests per minute per client (org header, else bearer, else `X-Forwarded-For`). Off by default. */
	rateLimit?: number;
	/** How long a dispatch may stay silent before it counts as busy. Default 1 800 000 ms (30 min). */
	idleTimeoutMs?: number;
	/**
	 * Chat upload limits (contract §16.1), in bytes and files; each defaults to the platform's
	 * (100 MiB per file, 100 MiB per request, 10 attachments). Smaller ones make the 413s easy to reach.
	 */
	uploadLimits?: Partial<UploadLimits>;
	/**
	 * Whether a memory plugin is configured (`MEMORY_PLUGIN_URL`). Default `true`; `false` makes the
	 * memory endpoints answer 503 (contract §17).
	 */
	memoryPlugin?: boolean;
}

/** What `GET /uploads/limits` answers (contract §16.1). */
export interface UploadLimits {
	/** Largest file, in bytes. */
	perFileBytes: number;
	/** Largest multipart request, in bytes. */
	perRequestBytes: number;
	/** Most files one message should carry (advisory: the upload route stages up to 64). */
	maxAttachmentsPerMessage: number;
}

/** One request the platform received. */
export interface RecordedRequest {
	readonly method: string;
	/** Path and query string. */
	readonly path: string;
	/** Header names lower-cased. */
	readonly headers: Readonly<Record<string, string>>;
	/** The parsed JSON body, when the body was JSON. */
	readonly body?: unknown;
	readonly status: number;
}

export type QueueStatus = 'queued' | 'dispatched' | 'completed' | 'failed' | 'dropped';

/** A request the proxy queued for later (contract §8). */
export interface QueueItem {
	readonly queueId: string;
	readonly workspaceId: string;
	readonly callerId: string | null;
	/** `params.message.messageId`; an active item with the same key is reused. */
	readonly idempotencyKey: string | null;
	readonly method: string | null;
	readonly priority: number;
	readonly status: QueueStatus;
	/** Dispatches tried by drains. */
	readonly attempts: number;
	readonly lastError: string | null;
	/** The normalised envelope. */
	readonly request: unknown;
	/** The agent's parsed reply once a drain completed the item, else `null`. */
	readonly reply: unknown;
	/** Wall-clock times (RFC 3339); `null` until they happen. */
	readonly enqueuedAt: string;
	readonly dispatchedAt: string | null;
	readonly completedAt: string | null;
	/** From the request's `params.expires_in_seconds`; past it the item is dropped. */
	readonly expiresAt: string | null;
}

/** An activity row, in the shape `GET /workspaces/:id/activity` returns (contract §9.1). */
export interface ActivityRow {
	readonly id: string;
	readonly workspace_id: string;
	readonly activity_type: string;
	readonly source_id: string | null;
	readonly target_id: string | null;
	readonly method: string | null;
	readonly summary: string | null;
	readonly request_body?: unknown;
	readonly response_body?: unknown;
	readonly duration_ms: number | null;
	readonly status: string;
	readonly error_detail: string | null;
	readonly created_at: string;
	/** A platform-wide sequence number, increasing with every row; what `activity/ack` acknowledges. */
	readonly seq: number;
}

/** A running dev platform. */
export interface DevPlatform {
	/**
	 * A plain fetch handler: pass it as the client's `fetch`, or serve it (Deno.serve, Bun.serve, a
	 * Worker, `serve`). It honours `request.signal` as a socket would: an abort rejects at once with
	 * the signal's reason, while the dispatch already begun runs on (`settled()` waits for it).
	 */
	readonly fetch: (request: Request) => Promise<Response>;
	/** Every request received, in order. */
	readonly requests: readonly RecordedRequest[];
	/** The workspace as it is now (a copy), or `undefined`. */
	workspace(id: string): DevWorkspace | undefined;
	/** Replaces the agent behaviour; `null` removes it. An unknown id or a bad agent throws `ConfigError`. */
	setAgent(id: string, agent: string | AgentHandler | null): void;
	/** Changes fields of a workspace. An unknown id, or a field that is not what it should be, throws `ConfigError` naming it. */
	update(id: string, patch: DevWorkspacePatch): void;
	readonly queue: readonly QueueItem[];
	readonly activity: readonly ActivityRow[];
	/** The highest `seq` each workspace acknowledged, by workspace id. */
	readonly ackedSeq: Readonly<Record<string, number>>;
	/** Every event broadcast so far (`AGENT_MESSAGE`, `DELEGATION_*`), oldest first. */
	readonly events: readonly PlatformEvent[];
	/**
	 * Mints a new inbound secret for the workspace, as `POST /workspaces/:id/external/rotate` does:
	 * the next register or heartbeat hands it out and pushes carry it. Answers the new secret.
	 * An unknown id throws `ConfigError`.
	 */
	rotateInboundSecret(id: string): string;
	/** The next `count` requests reject with a `TypeError` before anything happens: a dropped connection. */
	dropConnections(count: number): void;
	/** Resolves once background work (drains, push-async turns) has finished. */
	settled(): Promise<void>;
}
