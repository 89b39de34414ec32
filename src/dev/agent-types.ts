import type { DevWorkspace } from './types.js';

/**
 * A JSON-RPC request as an agent receives it: the proxy's normalised envelope (contract §7.2).
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
	/** The caller as the platform classified it: a workspace id, or `null` for a canvas-class caller (contract §2.6). */
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
 * The proxy rewrites a status >= 300 to `{"error":…}`, and an empty 2xx to
 * `{"error":"agent returned empty response body"}` (contract §7.3 rows 30 and 32); `headers`
 * are not forwarded, as the real proxy forwards none.
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
/** The connection broke before a response (EOF): the request is queued (202). */
export interface BusyReply {
	readonly busy: true;
}
/**
 * The connection was refused while the container is alive (the agent is restarting):
 * 503 `workspace agent restarting`, `Retry-After: 30`, not queued (contract §7.3 row 26).
 */
export interface RestartingReply {
	readonly restarting: true;
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
	| RestartingReply
	| UnreachableReply
	| ReadFailureReply;
