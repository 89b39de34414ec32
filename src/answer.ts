import type { Clock } from './clock.js';
import { AgentError } from './errors/agent-error.js';
import { ConfigError } from './errors/config-error.js';
import { HttpError } from './errors/http-error.js';
import { JsonRpcError } from './errors/json-rpc-error.js';
import { ResponseValidationError } from './errors/response-validation-error.js';
import { UnexpectedResponseError } from './errors/unexpected-response-error.js';
import { isRecord, parseJson } from './internal/json.js';
import { extractReply, type Reply } from './reply.js';
import { retryAfterMs } from './retry.js';
import { JsonRpcResponseSchema } from './schemas/json-rpc.js';
import { parse } from './schemas/parse.js';
import { PlatformErrorBodySchema, QueuedAnswerSchema } from './schemas/platform.js';
import type { PlatformResponse } from './transport.js';

/** The agent answered. */
export interface RepliedAnswer extends Reply {
	/** Tells the outcomes apart: `'replied'`. */
	status: 'replied';
	/** The JSON-RPC `result` as received. */
	result: unknown;
}

/**
 * The platform accepted the message without answering it (addendum §1 #3). Which of its four
 * bodies it was shows in the members that are set:
 * - the agent was busy or is not up yet (HTTP 202): `queueId`, `queueDepth`, `platformMessage`;
 * - a platform boot turn was in flight (HTTP 200): `queueId`, `queueDepth`, `method`;
 * - the target reads its inbox itself (HTTP 200): `deliveryMode: 'poll'`, `method`;
 * - a canvas-class caller's turn ran past 90 s (HTTP 200): `deliveryMode: 'push-async'`, `method`.
 * With a `queueId`, `waitForReply` follows the message to its reply.
 */
export interface QueuedAnswer {
	/** Tells the outcomes apart: `'queued'`. */
	status: 'queued';
	/** The platform queue item holding the message; what `getQueuedMessage` and `waitForReply` read. */
	queueId?: string;
	/** How many messages wait in the target's queue, this one included. */
	queueDepth?: number;
	/**
	 * `'poll'`: the target reads the message from its activity feed and nothing answers this call;
	 * `'push-async'`: the turn goes on, its reply reaches the canvas's WebSocket and the target's activity.
	 */
	deliveryMode?: string;
	/** The JSON-RPC method the platform accepted (it says `message/send` for every push-async turn). */
	method?: string;
	/** The platform's own words, e.g. `workspace agent busy — request queued, will dispatch when capacity available`. */
	platformMessage?: string;
}

export type Answer = RepliedAnswer | QueuedAnswer;

/** What reading an answer needs from the client. */
export interface AnswerContext {
	/** For `Retry-After` dates. */
	clock: Clock;
	/** This client's workspace, named when the platform says the token belongs to another. */
	workspaceId: string;
	/** Removes every secret value from a string. */
	redact(text: string): string;
	/** Removes every secret value from the strings (and keys) of a JSON value. */
	redactDeep(value: unknown): unknown;
}

/** TenantGuard's code for a request without `X-Molecule-Org-Id` (addendum §2.3). */
const tenantHeaderRequired = 'TENANT_ORG_HEADER_REQUIRED';
/** The 401 of a bearer that belongs to another workspace than the `X-Workspace-ID` sent (addendum §4.2 rule 6). */
const callerMismatch = 'caller ID does not match workspace auth token';

/** What a status means for this client beyond the platform's words, when there is more to say. */
function explanationOf(status: number, platformError: string | undefined, exceededPeriods: readonly string[] | undefined, workspaceId: string): string | undefined {
	if (status === 401 && platformError === callerMismatch) return `the token belongs to another workspace, not to workspaceId ${workspaceId}`;
	if (status === 402 && exceededPeriods?.length) return `exceeded_periods: ${exceededPeriods.join(', ')}`;
	return undefined;
}

/**
 * The error a platform failure stands for: an `HttpError` carrying what the body says (the wait it
 * asks for, the periods over budget, the size limit), or a `ConfigError` naming `orgId` when the
 * platform requires the tenant header (addendum §2.3). Secrets are removed from what it quotes.
 */
export function platformFailure({ status, headers, text, url: target }: PlatformResponse, context: AnswerContext): HttpError | ConfigError {
	const json = parseJson(text);
	const data = json.ok ? json.value : undefined;
	const body = parse(PlatformErrorBodySchema, data);
	const fields = body.success ? body.output : {};
	const platformError = fields.error && context.redact(fields.error);
	const error = new HttpError(status, {
		target,
		platformError,
		explanation: explanationOf(status, platformError, fields.exceeded_periods, context.workspaceId),
		retryAfterMs: retryAfterMs(headers, fields.retry_after ?? fields.retry_after_seconds, context.clock),
		exceededPeriods: fields.exceeded_periods,
		maxBytes: fields.max_bytes,
		body: context.redactDeep(data),
	});
	if (status !== 400 || fields.code !== tenantHeaderRequired) return error;
	const header = fields.required_header ?? 'X-Molecule-Org-Id';
	return new ConfigError('orgId', `must be set: the platform serves one organisation and refused a request without ${header} (HTTP 400 ${tenantHeaderRequired})`, {
		target,
		cause: error,
	});
}

/** The platform's predicate for "accepted, not answered" (addendum §1 #3). */
const isQueued = (data: unknown): data is Record<string, unknown> => isRecord(data) && (data['status'] === 'queued' || data['queued'] === true);

/** The queued answer a 2xx body stands for; a malformed member is a `ResponseValidationError` naming it. */
function queuedAnswerOf(data: Record<string, unknown>, target: string): QueuedAnswer {
	const queued = parse(QueuedAnswerSchema, data);
	if (!queued.success) throw new ResponseValidationError(queued.issues, { target });
	const { queue_id: queueId, queue_depth: queueDepth, delivery_mode: deliveryMode, method, message: platformMessage } = queued.output;
	return {
		status: 'queued',
		...(queueId !== undefined && { queueId }),
		...(queueDepth !== undefined && { queueDepth }),
		...(deliveryMode !== undefined && { deliveryMode }),
		...(method !== undefined && { method }),
		...(platformMessage !== undefined && { platformMessage }),
	};
}

/** The reply a JSON-RPC `result` holds; an `Agent error:` text or a failed or rejected task is an `AgentError`. */
function replied(result: unknown, target: string): RepliedAnswer {
	const reply = extractReply(result);
	const failedTask = reply.taskState === 'failed' || reply.taskState === 'rejected';
	if (failedTask || reply.text.startsWith('Agent error:')) {
		throw new AgentError(failedTask ? `Agent error: task ${reply.taskState}${reply.text && `: ${reply.text}`}` : reply.text, { target });
	}
	return { status: 'replied', ...reply, result };
}

/**
 * The reply a JSON-RPC response holds, or the error it stands for. `requestId` is the id sent, when
 * this exchange pairs the body with one request; `undefined` reads a reply kept for later (a queue
 * item's `response_body`), whose id belongs to a request made before.
 */
function replyOf(data: Record<string, unknown>, requestId: string | undefined, status: number, target: string, context: AnswerContext): RepliedAnswer {
	const { redact, redactDeep } = context;
	// `null` means absent: an `error` of null is no error, and a `"result": null` beside an error object is that error.
	const isError = data['error'] !== undefined && data['error'] !== null;
	if (requestId !== undefined) {
		// JSON-RPC 2.0 §5: the id sent, or null on an error the server could not tie to a request. Any
		// other answers another request (a mixed-up proxy, cache or agent). An absent id is accepted:
		// this HTTP exchange already pairs the body with the request (no batch, no multiplexing), the
		// platform relays the agent's bytes without adding one, and the Python client never required
		// one; a missing id is no sign of a mix-up, a different one is. The dev platform echoes ids.
		const { id = requestId } = data;
		if (id === null ? !isError : id !== requestId) {
			throw new UnexpectedResponseError(`response id ${JSON.stringify(redactDeep(id)).slice(0, 100)} does not match request id "${requestId}"`, status, { target });
		}
	}
	const rpc = parse(JsonRpcResponseSchema, data);
	if (!rpc.success) throw new ResponseValidationError(rpc.issues.map(({ path, message }) => ({ path, message: redact(message) })), { target });
	const { result, error } = rpc.output;
	if (error) throw new JsonRpcError(error.message ?? '', error.code, redactDeep(error.data), { target });
	if (result !== null && typeof result !== 'string' && !isRecord(result)) {
		throw new ResponseValidationError([{ path: 'result', message: 'Invalid type: Expected a Message, a Task, a string or null' }], { target });
	}
	return replied(result, target);
}

/**
 * A 2xx body in the platform's error shape (`{"error": "<string>"}`, no JSON-RPC): the platform
 * relaying the agent's failure, as it does for an agent's empty 2xx (addendum §4.3 row 30).
 */
const isRelayedFailure = (data: Record<string, unknown>): boolean => typeof data['error'] === 'string' && !('result' in data) && !('jsonrpc' in data);

/** What an agent's answer says: a reply, or the error it stands for. */
function agentAnswerOf(data: unknown, requestId: string | undefined, status: number, target: string, context: AnswerContext): RepliedAnswer {
	if (isRecord(data) && isRelayedFailure(data)) throw new AgentError(`Agent error: ${context.redact(String(data['error']))}`, { target });
	if (isRecord(data) && ('result' in data || (data['error'] !== undefined && data['error'] !== null))) return replyOf(data, requestId, status, target, context);
	throw new UnexpectedResponseError(`unexpected response shape (no result, no error): ${JSON.stringify(context.redactDeep(data)).slice(0, 200)}`, status, { target });
}

/**
 * Turns the proxy's response to `message/send` into a reply or a queued answer, or throws the typed
 * error it stands for, with every secret value removed from what it quotes.
 */
export function answerOf(response: PlatformResponse, requestId: string, context: AnswerContext): Answer {
	const { status, text, url: target } = response;
	if (status < 200 || status > 299) throw platformFailure(response, context);
	const json = parseJson(text);
	if (!json.ok) throw new UnexpectedResponseError(`response is not JSON: ${json.error}`, status, { target });
	if (isQueued(json.value)) return queuedAnswerOf(json.value, target);
	return agentAnswerOf(json.value, requestId, status, target, context);
}

/**
 * The reply a queue item kept (its `response_body`, addendum §5), read like any other answer but
 * without the id check, as it answers a request sent earlier: a JSON-RPC response or the platform's
 * relayed failure, as JSON or as JSON text; other text is the reply's text.
 */
export function storedReplyOf(value: unknown, target: string, context: AnswerContext): RepliedAnswer {
	const json = typeof value === 'string' ? parseJson(value) : undefined;
	const data = json?.ok ? json.value : value;
	if (typeof data === 'string') return replied(data, target);
	return agentAnswerOf(data, undefined, 200, target, context);
}
