import type { Clock } from '../clock.js';
import type { AgentHandler } from './agent-types.js';
import type { PlatformEvent } from './events.js';
import type { EventSocketAccept } from './streams.js';

/** The spending periods a budget can be set for, in the order a 402 names them (contract §7.3 row 8). */
export type BudgetPeriod = 'hourly' | 'daily' | 'weekly' | 'monthly';

/** One period's ceiling and what was spent in it, in cents. */
export interface PeriodBudget {
	/** The ceiling in cents; at or over it the proxy answers 402 naming the period (contract §7.3 row 8). */
	limit: number;
	/** What was spent in the period, in cents. */
	spent: number;
}

/**
 * A datastore read or write about a workspace that can be made to fail, to get the platform's
 * answers to a failing datastore (contract §7.3): `org` (row 7), `deliveryMode` (row 13), `url`
 * (row 17), `inboundSecret` (row 22) and `enqueue` (rows 15, 19, 27).
 */
export type DatastoreFailure = 'org' | 'deliveryMode' | 'url' | 'inboundSecret' | 'enqueue';

/**
 * One workspace of the dev platform: what the platform's datastore and provisioner know about it, and
 * the agent that answers its messages. Only `id` and `name` are required.
 *
 * @example
 * const echo: DevWorkspace = { id: '11111111-1111-4111-8111-111111111111', name: 'Echo', tokens: ['echo-token'], agent: agents.echo() };
 */
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
	 * The workspace status. `'hibernated'` answers 503 waking; `'removed'` gives 410 and invalidates
	 * tokens; `'provisioning'` and `'awaiting_agent'` without a URL queue messages (202) (contract §7.3 rows 18–20).
	 *
	 * @default 'online'
	 */
	status?: string;
	/**
	 * The agent runtime; `'external'` changes what discover returns; `'mock'` answers every message itself (row 16).
	 *
	 * @default 'claude-code'
	 */
	runtime?: string;
	/**
	 * A `'platform'` workspace (the concierge) answers 503 warming while provisioning (row 11).
	 *
	 * @default 'workspace'
	 */
	kind?: 'workspace' | 'platform';
	/**
	 * The workspace tier, shown by peers and info.
	 *
	 * @default 1
	 */
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
	/**
	 * Spent this month, in cents; heartbeats report it as `monthly_spend`.
	 *
	 * @default 0
	 */
	monthlySpend?: number;
	/** Ceilings for the other periods (and `monthly`, in place of `budgetLimit`/`monthlySpend`). */
	budgets?: Partial<Record<BudgetPeriod, PeriodBudget>>;
	/**
	 * `false` answers 403 `tool call failed` when this workspace sends `message/send` to another
	 * (row 10), or asks the platform to delegate (`POST /workspaces/:id/delegate`).
	 *
	 * @default true
	 */
	canDelegate?: boolean;
	/**
	 * `false` makes `POST /workspaces/:id/notify` answer 403 `talk_to_user_disabled` (contract §15).
	 *
	 * @default true
	 */
	talkToUserEnabled?: boolean;
	/**
	 * The generation the platform wants the workspace at, answered to every heartbeat.
	 *
	 * @default 1
	 */
	generation?: number;
	/**
	 * A heartbeat drains the queue while `activeTasks` is below it (contract §8.2).
	 *
	 * @default 1
	 */
	maxConcurrentTasks?: number;
	/**
	 * Tasks running, as the last heartbeat reported.
	 *
	 * @default 0
	 */
	activeTasks?: number;
	/** As declared by heartbeats (`runtime_metadata.capabilities`). */
	capabilities?: Readonly<Record<string, boolean>>;
	/**
	 * `'poll'` stores messages in the workspace's activity instead of dispatching them (row 14).
	 *
	 * @default 'push'
	 */
	deliveryMode?: 'push' | 'poll';
	/** A platform boot turn (greeting or restart context) is in flight: `message/send` is queued, drains wait. */
	bootTurn?: boolean;
	/**
	 * The agent's container as the provisioner sees it. `'stopped'` answers the preflight 503; `'dead'`
	 * turns dispatch failures and agent 502/503/504 into 503 restart triggered (rows 21, 24, 31).
	 *
	 * @default 'running'
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

/**
 * Fields `DevPlatform.update` may change: every `DevWorkspace` field but `id`.
 *
 * @example
 * const patch: DevWorkspacePatch = { status: 'hibernated', activeTasks: 0 };
 */
export type DevWorkspacePatch = Partial<Omit<DevWorkspace, 'id'>>;

/**
 * An org API token (contract §2.1). `org` anchors it to the organisation whose root workspace has
 * that id; an anchored token used on another organisation's workspace answers 403. Without `org`
 * it acts organisation-wide, like the platform's legacy tokens.
 */
export interface OrgApiToken {
	/** The bearer value. */
	token: string;
	/** The id of the root workspace of the organisation it is anchored to; none for an organisation-wide token. */
	org?: string;
}

/**
 * The configuration of `createDevPlatform`. Only `workspaces` is required; a member that is not what it
 * should be throws a `ConfigError` naming it. docs/platform-contract.md §11 says which options give which
 * platform answers.
 *
 * @example
 * const options: DevPlatformOptions = { workspaces: demoOrg().workspaces, adminToken: demoAdminToken, canvasSyncBudgetMs: null };
 */
export interface DevPlatformOptions {
	/** The workspaces the platform starts with; each root workspace starts its own organisation (contract §4). */
	workspaces: readonly DevWorkspace[];
	/**
	 * Monotonic time for timeouts, the push-async cut-off, rate limits and waking.
	 *
	 * @default the system clock
	 */
	clock?: Clock;
	/**
	 * Ids for envelopes, messages, queue items and activity rows.
	 *
	 * @default crypto.randomUUID
	 */
	uuid?: () => string;
	/**
	 * New workspace tokens.
	 *
	 * @default 32 random bytes, base64url without padding (43 characters)
	 */
	mintToken?: () => string;
	/**
	 * New inbound secrets.
	 *
	 * @default like `mintToken`'s default
	 */
	mintSecret?: () => string;
	/**
	 * Wall-clock time for `created_at`, `removed_at`, queue timestamps and `last_outbound_at`.
	 *
	 * @default () => new Date()
	 */
	wallClock?: () => Date;
	/**
	 * Reaches agents given as URLs. Called without a `this`, so a runtime's own fetch may be passed as
	 * is; the idle timeout holds even if it ignores its signal.
	 *
	 * @default globalThis.fetch
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
	 * Values of the `molecule_dev_session` cookie that count as verified sessions of a member of the
	 * organisation: the dev-only stand-in for the control plane's session cookie (contract §2.7). A
	 * plain string is a member of every organisation; `{ cookie, org }` of the one whose root is `org`.
	 * `POST /dev/session` mints more.
	 *
	 * @default none
	 */
	sessionCookies?: readonly (string | { cookie: string; org?: string })[];
	/**
	 * How long, in milliseconds, a canvas-class `/a2a` call waits for the agent before the platform
	 * answers 200 `push-async` and finishes the turn in the background (contract §7.6); `null` turns the
	 * cut-off off (`A2A_CANVAS_SYNC_DISABLE=1`).
	 *
	 * @default 90000
	 */
	canvasSyncBudgetMs?: number | null;
	/**
	 * Origins allowed to call cross-origin (contract §3.2); `'*'` allows any origin (echoed back, so
	 * credentialed requests work).
	 *
	 * @default ['http://localhost:3000', 'http://localhost:3001'], like the real server
	 */
	corsOrigins?: readonly string[] | '*';
	/**
	 * Requests per minute per client: the org header, else the bearer, else `X-Forwarded-For` (contract §3.3).
	 *
	 * @default off, as on a development server
	 */
	rateLimit?: number;
	/**
	 * How long, in milliseconds, a dispatch may stay silent before it counts as busy (contract §7.4).
	 *
	 * @default 1800000 (30 minutes)
	 */
	idleTimeoutMs?: number;
	/**
	 * Chat upload limits (contract §16.1), in bytes and files. Smaller ones make the 413s easy to reach.
	 *
	 * @default the platform's: 100 MiB per file, 100 MiB per request, 10 attachments
	 */
	uploadLimits?: Partial<UploadLimits>;
	/**
	 * Whether a memory plugin is configured (`MEMORY_PLUGIN_URL`); `false` makes the memory
	 * endpoints answer 503 (contract §17).
	 *
	 * @default true
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

/** One request the platform received, as `DevPlatform.requests` lists it. */
export interface RecordedRequest {
	/** The HTTP method, e.g. `POST`. */
	readonly method: string;
	/** Path and query string. */
	readonly path: string;
	/** Header names lower-cased. */
	readonly headers: Readonly<Record<string, string>>;
	/** The parsed JSON body, when the body was JSON. */
	readonly body?: unknown;
	/** The status the platform answered. */
	readonly status: number;
}

/**
 * The state of a queue row (contract §8.1): `queued`, `dispatched` (a drain is delivering it),
 * `completed` (delivered, `reply` holds the answer), `failed` (after 5 attempts) or `dropped` (its time to live ran out).
 */
export type QueueStatus = 'queued' | 'dispatched' | 'completed' | 'failed' | 'dropped';

/** A request the proxy queued for later (contract §8). */
export interface QueueItem {
	/** The row's id, as the proxy's 202 answer names it (`queue_id`). */
	readonly queueId: string;
	/** The target workspace. */
	readonly workspaceId: string;
	/** The calling workspace; `null` for a canvas-class caller. */
	readonly callerId: string | null;
	/** `params.message.messageId`; an active item with the same key is reused. */
	readonly idempotencyKey: string | null;
	/** The JSON-RPC method, e.g. `message/send`. */
	readonly method: string | null;
	/** Higher drains first (contract §8.2); the proxy queues at 50. */
	readonly priority: number;
	/** Where the row stands. */
	readonly status: QueueStatus;
	/** Dispatches tried by drains. */
	readonly attempts: number;
	/** Why the last drain failed, when it did. */
	readonly lastError: string | null;
	/** The normalised envelope. */
	readonly request: unknown;
	/** The agent's parsed reply once a drain completed the item, else `null`. */
	readonly reply: unknown;
	/** When the row was queued (RFC 3339). */
	readonly enqueuedAt: string;
	/** When a drain last dispatched it (RFC 3339); `null` until then. */
	readonly dispatchedAt: string | null;
	/** When it completed (RFC 3339); `null` until then. */
	readonly completedAt: string | null;
	/** From the request's `params.expires_in_seconds`; past it the item is dropped. */
	readonly expiresAt: string | null;
}

/** An activity row, in the shape `GET /workspaces/:id/activity` returns (contract §9.1). */
export interface ActivityRow {
	/** The row's id; `since_id` takes it as a cursor (contract §9.2). */
	readonly id: string;
	/** The workspace whose feed holds the row. */
	readonly workspace_id: string;
	/** What happened, e.g. `a2a_receive` for a message to this workspace (contract §7.5). */
	readonly activity_type: string;
	/** The calling workspace; `null` for a canvas-class caller. */
	readonly source_id: string | null;
	/** The workspace the message was for. */
	readonly target_id: string | null;
	/** The JSON-RPC method, e.g. `message/send`. */
	readonly method: string | null;
	/** One line for people, e.g. `A2A request to Echo failed: …`. */
	readonly summary: string | null;
	/** The normalised request envelope, when there was one. */
	readonly request_body?: unknown;
	/** The agent's answer, once the turn ended with one. */
	readonly response_body?: unknown;
	/** How long the turn took, in milliseconds, once it ended. */
	readonly duration_ms: number | null;
	/** The turn's status, e.g. `ok` or `error`. */
	readonly status: string;
	/** Why the turn failed, when it did. */
	readonly error_detail: string | null;
	/** When the row was written (RFC 3339). */
	readonly created_at: string;
	/** A platform-wide sequence number, increasing with every row; what `activity/ack` acknowledges. */
	readonly seq: number;
}

/**
 * A running dev platform, made by `createDevPlatform`: a fetch handler, what it recorded, and ways to
 * change the world under it while a test runs.
 *
 * @example
 * const platform = createDevPlatform({ workspaces: demoOrg().workspaces });
 * const client = createA2AClient({ workspaceId: demoOrg().caller, token: 'dev-token-orchestrator', fetch: platform.fetch });
 */
export interface DevPlatform {
	/**
	 * A plain fetch handler: pass it as the client's `fetch`, or serve it (Deno.serve, Bun.serve, a
	 * Worker, `serve`). It honours `request.signal` as a socket would: an abort rejects at once with
	 * the signal's reason, while the dispatch already begun runs on (`settled()` waits for it).
	 */
	readonly fetch: (request: Request) => Promise<Response>;
	/** Every request received, in order. */
	readonly requests: readonly RecordedRequest[];
	/**
	 * The workspace as it is now (a copy: changing it changes nothing), looked up without regard to case.
	 *
	 * @returns The workspace, or `undefined` for an unknown id.
	 * @example
	 * expect(platform.workspace(sleeperId)?.status).toBe('online');
	 */
	workspace(id: string): DevWorkspace | undefined;
	/**
	 * Replaces the agent behaviour of a workspace: a URL, a handler, or `null` for none.
	 *
	 * @throws {ConfigError} for an unknown id, or an agent that is not an http(s) URL, a handler or `null`.
	 * @example
	 * platform.setAgent(echoId, agents.sequence(agents.busy(), 'second try works'));
	 */
	setAgent(id: string, agent: string | AgentHandler | null): void;
	/**
	 * Changes fields of a workspace, as the platform's own writes would.
	 *
	 * @throws {ConfigError} naming the id, or the field that is not what it should be.
	 * @example
	 * platform.update(echoId, { status: 'hibernated' });
	 */
	update(id: string, patch: DevWorkspacePatch): void;
	/** The queue's rows in the order queued, expired ones dropped first (contract §8). */
	readonly queue: readonly QueueItem[];
	/** Every activity row of every workspace, in the order written (contract §9.1). */
	readonly activity: readonly ActivityRow[];
	/** The highest `seq` each workspace acknowledged, by workspace id. */
	readonly ackedSeq: Readonly<Record<string, number>>;
	/** Every event broadcast so far (`A2A_RESPONSE`, `USER_MESSAGE`, `ACTIVITY_LOGGED`, `DELEGATION_*`, `WORKSPACE_*`, …), oldest first. */
	readonly events: readonly PlatformEvent[];
	/**
	 * Hears every event from now on, as it is broadcast (the hook a runtime's own `/ws` or a test uses;
	 * docs/platform-contract.md §15.2).
	 *
	 * @returns The function that stops it.
	 * @throws {ConfigError} when `listener` is not a function.
	 * @example
	 * const stop = platform.subscribe((event) => console.log(event.event, event.workspace_id));
	 */
	subscribe(listener: (event: PlatformEvent) => void): () => void;
	/**
	 * Runs a `GET /ws` WebSocket handshake through the platform (CORS, TenantGuard, then the `/ws`
	 * authentication of addendum §9.14) and, when it passes, answers what the runtime needs to upgrade
	 * it: the sub-protocol to select and `attach`, which sends the caller's events to the socket. A
	 * refused handshake (401, 403, 400 for no upgrade, 404 for another path) answers the `Response` to
	 * send instead. The Node adapter's `serve` calls it for every upgrade request; for Deno and Bun see
	 * docs/platform-contract.md §15.4.
	 *
	 * @returns An `EventSocketAccept`, or the refusal as a `Response`.
	 * @example
	 * const accepted = await platform.webSocket(request);
	 * if (accepted instanceof Response) return accepted;
	 * const { socket, response } = Deno.upgradeWebSocket(request, accepted.protocol ? { protocol: accepted.protocol } : {});
	 * socket.onopen = () => (socket.onclose = accepted.attach({ send: (frame) => socket.send(frame), end: () => socket.close() }));
	 * return response;
	 */
	webSocket(request: Request): Promise<EventSocketAccept | Response>;
	/**
	 * Drops every open event stream (SSE) and `/ws` socket as a lost connection would (an SSE body
	 * errors, a socket ends abruptly), so a client's reconnection can be tested; `dropConnections(n)`
	 * makes its next attempts fail too. `POST /dev/event-streams/cut` does the same over HTTP.
	 *
	 * @returns How many connections it dropped.
	 * @example
	 * for (let drop = 0; drop < 20; drop++) {
	 * 	await nextEvent(); // the client is connected again
	 * 	platform.cutEventStreams();
	 * }
	 */
	cutEventStreams(): number;
	/** How many event streams (SSE) and `/ws` sockets are open now: 0 once every client left or the platform closed. */
	readonly openEventStreams: number;
	/**
	 * Mints a new inbound secret for the workspace, as `POST /workspaces/:id/external/rotate` does:
	 * the next register or heartbeat hands it out and pushes carry it.
	 *
	 * @returns the new secret.
	 * @throws {ConfigError} for an unknown workspace id.
	 * @example
	 * const secret = platform.rotateInboundSecret(agentId); // the agent's next heartbeat receives it
	 */
	rotateInboundSecret(id: string): string;
	/**
	 * Makes the next `count` requests reject with a `TypeError` before anything happens, as a dropped
	 * connection does: nothing is recorded or dispatched.
	 *
	 * @throws {ConfigError} when `count` is not a whole number.
	 * @example
	 * platform.dropConnections(2); // the client's first two attempts fail with a TransportError, the third gets through
	 */
	dropConnections(count: number): void;
	/**
	 * Resolves once background work (queue drains, push-async turns) has finished.
	 *
	 * @example
	 * await client.sendMessage(busyId, 'later');
	 * await platform.settled();
	 * expect(platform.queue[0]?.status).toBe('queued');
	 */
	settled(): Promise<void>;
	/**
	 * Ends the platform's interest in the work it started: every dispatch still running (an agent's
	 * delay, a request to an agent URL) and every delegation retry wait stops now, as at its deadline,
	 * so no timer keeps the process alive; then waits as `settled()` does. A dispatch otherwise
	 * survives a client's abort, as the real server's does. Later requests are refused with a
	 * `TypeError`, as a closed socket's are. Calling it again is harmless.
	 *
	 * @example
	 * platform.setAgent(echoId, agents.slow(8000, 'late'));
	 * // … a client aborts its call at 200 ms …
	 * await platform.close(); // at once: the 8 s delay's timer is gone, and the process can exit
	 */
	close(): Promise<void>;
}
