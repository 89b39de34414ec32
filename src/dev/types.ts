import type { Clock } from '../clock.js';

/**
 * A JSON-RPC request as an agent receives it: the proxy's normalised envelope (§4.1).
 * Already-wrapped requests arrive as sent, so every member stays `unknown`.
 */
export interface JsonRpcRequest {
	readonly jsonrpc: unknown;
	readonly id?: unknown;
	readonly method?: unknown;
	readonly params?: unknown;
	readonly [key: string]: unknown;
}

/** What an agent behaviour learns about the call besides the request. */
export interface AgentContext {
	/** The caller's `X-Workspace-ID`, or `null` for a canvas call (no header). */
	readonly callerId: string | null;
	/** The target workspace as it is now. */
	readonly workspace: DevWorkspace;
	/** Aborted by the dispatch timeout; a behaviour that stops then looks like a busy agent. */
	readonly signal: AbortSignal;
	/** The platform's id generator, so replies stay deterministic under an injected one. */
	readonly uuid: () => string;
}

/** An agent behaviour: answers one dispatched request. */
export type AgentHandler = (request: JsonRpcRequest, context: AgentContext) => AgentReply | Promise<AgentReply>;

/** A Message whose parts are given. */
export interface PartsReply {
	readonly parts: readonly unknown[];
}
/** A Task; `kind`, `id` and `contextId` are filled in when missing. */
export interface TaskReply {
	readonly task: Readonly<Record<string, unknown>>;
}
/** A JSON-RPC `result`, sent exactly as given. */
export interface ResultReply {
	readonly result: unknown;
}
/** A JSON-RPC error object, answered with HTTP 200 (it survives the proxy unchanged). */
export interface ErrorReply {
	readonly error: { readonly code: number; readonly message: string; readonly data?: unknown };
}
/**
 * The agent answered this HTTP status with this JSON body (none when `body` is omitted).
 * The proxy rewrites a status >= 300 to `{"error":…}` (§3.5 step 11); `headers` are not
 * forwarded, as the real proxy forwards none.
 */
export interface HttpReply {
	readonly status: number;
	readonly body?: unknown;
	readonly headers?: Readonly<Record<string, string>>;
}
/** Waits `delayMs` on the platform clock, then answers `then`; the dispatch timeout cuts the wait short. */
export interface DelayedReply {
	readonly delayMs: number;
	readonly then: AgentReply;
}
/** The connection broke before a response (EOF): queued (202), or 503 for a `session` agent. */
export interface BusyReply {
	readonly busy: true;
}
/** The agent could not be reached at all: 502 `failed to reach workspace agent`. */
export interface UnreachableReply {
	readonly unreachable: true;
}
/** Response headers arrived but the body was lost: 502 with `delivery_confirmed: true`. */
export interface ReadFailureReply {
	readonly readFailure: true;
}

/**
 * What an agent behaviour answers. A `string` is a reply Message with one text part
 * (an `"Agent error: …"` string is just such a Message, as the Python runtime sends it);
 * the object forms are told apart by their one distinguishing key.
 */
export type AgentReply =
	| string
	| PartsReply
	| TaskReply
	| ResultReply
	| ErrorReply
	| HttpReply
	| DelayedReply
	| BusyReply
	| UnreachableReply
	| ReadFailureReply;

/** One workspace of the dev platform. */
export interface DevWorkspace {
	/** Usually a UUID (stored lower-case); any string works for routes that do not validate. */
	id: string;
	name: string;
	role?: string | null;
	/** `null` or omitted for a root workspace. */
	parentId?: string | null;
	/** Default `'online'`. `'hibernated'` answers 503 waking; `'removed'` gives 410 and invalidates tokens. */
	status?: string;
	/** Default `'langgraph'`; `'external'` changes what discover returns. */
	runtime?: string;
	/** Default 1. */
	tier?: number;
	/** The registered agent URL, shown by peers and info; used for dispatch when `agent` is not set. */
	url?: string | null;
	/** Live tokens. None means the workspace is grandfathered: the lazy-bootstrap gates let it through. */
	tokens?: readonly string[];
	/** Monthly spend ceiling; at or over it the proxy answers 402. */
	budgetLimit?: number | null;
	monthlySpend?: number;
	/** Default 1. A heartbeat drains the queue only while `activeTasks` is below it. */
	maxConcurrentTasks?: number;
	activeTasks?: number;
	/** As declared by heartbeats; `{ session: true }` turns a busy agent into 503 `native_session`. */
	capabilities?: Readonly<Record<string, boolean>>;
	/** `'poll'` makes the proxy store messages instead of dispatching them (§3.18). */
	deliveryMode?: 'push' | 'poll';
	/** When a removed workspace was removed (RFC 3339). */
	removedAt?: string | null;
	agentCard?: unknown;
	/** A human label of the agent behaviour, printed by the CLI. */
	description?: string;
	/** The URL of a real A2A server (proxied with the injected fetch), or a behaviour run in-process. */
	agent?: string | AgentHandler;
}

/** Fields `update` may change. */
export type DevWorkspacePatch = Partial<Omit<DevWorkspace, 'id'>>;

export interface DevPlatformOptions {
	workspaces: readonly DevWorkspace[];
	/** Monotonic time for timeouts, rate limits and waking. Default: the system clock. */
	clock?: Clock;
	/** Ids for envelopes, messages, queue items and activity rows. Default `crypto.randomUUID()`. */
	uuid?: () => string;
	/** New workspace tokens. Default: 32 random bytes, base64url without padding (43 characters). */
	mintToken?: () => string;
	/** Wall-clock time for `created_at`, `removed_at` and `last_outbound_at`. Default `() => new Date()`. */
	wallClock?: () => Date;
	/**
	 * Reaches agents given as URLs. Default: the global `fetch`. Called without a `this`, so a
	 * runtime's own fetch may be passed as is; the idle timeout holds even if it ignores its signal.
	 */
	fetch?: (request: Request) => Promise<Response>;
	/** Enables TenantGuard (§1.2): other routes then need `X-Molecule-Org-Id: <orgId>`, else 404 with no body. */
	orgId?: string;
	/** Accepted by WorkspaceAuth routes in place of a workspace token, like `ADMIN_TOKEN`. */
	adminToken?: string;
	/**
	 * Origins allowed to call cross-origin. Default `['http://localhost:3000', 'http://localhost:3001']`
	 * like the real server; `'*'` allows any origin (echoed back, so credentialed requests work).
	 */
	corsOrigins?: readonly string[] | '*';
	/** Requests per minute per client (`X-Forwarded-For`, else `'local'`). Off by default. */
	rateLimit?: number;
	/** How long a dispatch may stay silent before it counts as busy. Default 300 000 ms. */
	idleTimeoutMs?: number;
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

export type QueueStatus = 'queued' | 'dispatched' | 'completed' | 'failed';

/** A request the proxy queued because its agent was busy (§3.17). */
export interface QueueItem {
	readonly queueId: string;
	readonly workspaceId: string;
	readonly callerId: string | null;
	/** `params.message.messageId`; an active item with the same key is reused. */
	readonly idempotencyKey: string | null;
	readonly method: string | null;
	readonly priority: number;
	readonly status: QueueStatus;
	/** Dispatches tried by heartbeat drains. */
	readonly attempts: number;
	readonly lastError: string | null;
	/** The normalised envelope. */
	readonly request: unknown;
	/** The agent's parsed reply once a drain completed the item, else `null`. */
	readonly reply: unknown;
}

/** An activity row, in the shape `GET /workspaces/:id/activity` returns (§3.12). */
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
	/** The next `count` requests reject with a `TypeError` before anything happens: a dropped connection. */
	dropConnections(count: number): void;
	/** Resolves once background work (heartbeat drains) has finished. */
	settled(): Promise<void>;
}
