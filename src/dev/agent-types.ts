import type { DevWorkspace } from './types.js';

/**
 * A JSON-RPC request as an agent receives it: the proxy's normalised envelope (contract §7.2).
 * Already-wrapped requests arrive as sent, so every member stays `unknown`.
 */
export interface JsonRpcRequest {
	/** `'2.0'` for every envelope the proxy built. */
	readonly jsonrpc: unknown;
	/** The JSON-RPC request id; the reply echoes it. */
	readonly id?: unknown;
	/** The method, e.g. `message/send`. */
	readonly method?: unknown;
	/** The parameters; for `message/send`, `{ message: { role, messageId, parts, … }, metadata? }`. */
	readonly params?: unknown;
	/** Other members, as sent. */
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

/**
 * An agent behaviour: answers one dispatched request. `agents` builds the common ones.
 *
 * @example
 * const ack: AgentHandler = (request, { callerId }) => `got ${String(request.method)} from ${callerId ?? 'the canvas'}`;
 */
export type AgentHandler = (request: JsonRpcRequest, context: AgentContext) => AgentReply | Promise<AgentReply>;

/** A Message whose parts are given. */
export interface PartsReply {
	/** The Message's parts, sent as given (`{ kind: 'text', text }`, `{ kind: 'data', data }`, …). */
	readonly parts: readonly unknown[];
}
/** A Task; `kind`, `id` and `contextId` are filled in when missing. */
export interface TaskReply {
	/** The Task, e.g. `{ status: { state: 'completed' }, artifacts: [{ parts: [...] }] }`. */
	readonly task: Readonly<Record<string, unknown>>;
}
/** A JSON-RPC `result`, sent exactly as given. */
export interface ResultReply {
	/** The `result` member of the JSON-RPC response. */
	readonly result: unknown;
}
/** A JSON-RPC error object, answered with HTTP 200 (it survives the proxy unchanged). */
export interface ErrorReply {
	/** The JSON-RPC error object: `code`, `message` and optional `data`. */
	readonly error: { readonly code: number; readonly message: string; readonly data?: unknown };
}
/**
 * The agent answered this HTTP status with this JSON body (none when `body` is omitted).
 * The proxy rewrites a status >= 300 to `{"error":…}`, and an empty 2xx to
 * `{"error":"agent returned empty response body"}` (contract §7.3 rows 30 and 32); `headers`
 * are not forwarded, as the real proxy forwards none.
 */
export interface HttpReply {
	/** The HTTP status the agent answered. */
	readonly status: number;
	/** The JSON body; none when omitted. */
	readonly body?: unknown;
	/** Response headers; the proxy does not forward them. */
	readonly headers?: Readonly<Record<string, string>>;
}
/** Waits `delayMs` on the platform clock, then answers `then`; the dispatch timeout cuts the wait short. */
export interface DelayedReply {
	/** How long to wait, in milliseconds of the platform's clock. */
	readonly delayMs: number;
	/** The answer after the wait. */
	readonly then: AgentReply;
}
/** The connection broke before a response (EOF): the request is queued (202, contract §7.3 row 27). */
export interface BusyReply {
	/** Always `true`. */
	readonly busy: true;
}
/**
 * The connection was refused while the container is alive (the agent is restarting):
 * 503 `workspace agent restarting`, `Retry-After: 30`, not queued (contract §7.3 row 26).
 */
export interface RestartingReply {
	/** Always `true`. */
	readonly restarting: true;
}
/** The agent could not be reached at all: 502 `failed to reach workspace agent` (contract §7.3 row 28). */
export interface UnreachableReply {
	/** Always `true`. */
	readonly unreachable: true;
}
/** Response headers arrived but the body was lost: 502 with `delivery_confirmed: true` (contract §7.3 row 29). */
export interface ReadFailureReply {
	/** Always `true`. */
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
