import type { Clock } from './clock.js';
import { AgentError } from './errors/agent-error.js';
import { HttpError } from './errors/http-error.js';
import { JsonRpcError } from './errors/json-rpc-error.js';
import { ResponseValidationError } from './errors/response-validation-error.js';
import { UnexpectedResponseError } from './errors/unexpected-response-error.js';
import { isRecord, parseJson } from './internal/json.js';
import { extractReply, type Reply } from './reply.js';
import { retryAfterMs } from './retry.js';
import { JsonRpcResponse } from './schemas/json-rpc.js';
import { parse } from './schemas/parse.js';
import { PlatformErrorBody, PollQueuedBody, QueuedBody } from './schemas/platform.js';
import type { PlatformResponse } from './transport.js';

/** The agent answered. */
export interface RepliedAnswer extends Reply {
	status: 'replied';
	/** The JSON-RPC `result` as received. */
	result: unknown;
}

/** The platform accepted the message for later delivery (busy agent, or a poll-mode target). */
export interface QueuedAnswer {
	status: 'queued';
	queueId?: string;
	queueDepth?: number;
	deliveryMode?: string;
}

export type Answer = RepliedAnswer | QueuedAnswer;

/** What reading an answer needs from the client: the clock for `Retry-After` dates, and redaction. */
export interface AnswerContext {
	clock: Clock;
	/** Removes every secret value from a string. */
	redact(text: string): string;
	/** Removes every secret value from the strings (and keys) of a JSON value. */
	redactDeep(value: unknown): unknown;
}

/**
 * Turns the proxy's response to `message/send` into a reply or a queued answer, or throws the typed
 * error it stands for, with every secret value removed from what it quotes.
 */
export function answerOf({ status, headers, text, url: target }: PlatformResponse, requestId: string, context: AnswerContext): Answer {
	const { clock, redact, redactDeep } = context;
	const json = parseJson(text);
	const data = json.ok ? json.value : undefined;
	if (status < 200 || status > 299) {
		const body = parse(PlatformErrorBody, data);
		const fields = body.success ? body.output : {};
		throw new HttpError(status, {
			target,
			platformError: fields.error && redact(fields.error),
			retryAfterMs: retryAfterMs(headers, fields.retry_after, clock),
			body: redactDeep(data),
		});
	}
	if (!json.ok) throw new UnexpectedResponseError(`response is not JSON: ${json.error}`, status, { target });
	// `null` means absent: an `error` of null is no error, and a `"result": null` beside an error object is that error.
	const isError = isRecord(data) && data['error'] !== undefined && data['error'] !== null;
	if (isRecord(data) && ('result' in data || isError)) {
		// JSON-RPC 2.0 §5: the id sent, or null on an error the server could not tie to a request. Any
		// other answers another request (a mixed-up proxy, cache or agent). An absent id is accepted:
		// this HTTP exchange already pairs the body with the request (no batch, no multiplexing), the
		// platform relays the agent's bytes without adding one, and the Python client never required
		// one; a missing id is no sign of a mix-up, a different one is. The dev platform echoes ids.
		const { id = requestId } = data;
		if (id === null ? !isError : id !== requestId) {
			throw new UnexpectedResponseError(`response id ${JSON.stringify(redactDeep(id)).slice(0, 100)} does not match request id "${requestId}"`, status, { target });
		}
		const rpc = parse(JsonRpcResponse, data);
		if (!rpc.success) throw new ResponseValidationError(rpc.issues.map(({ path, message }) => ({ path, message: redact(message) })), { target });
		const { result, error } = rpc.output;
		if (error) throw new JsonRpcError(error.message ?? '', error.code, redactDeep(error.data), { target });
		if (result !== null && typeof result !== 'string' && !isRecord(result)) {
			throw new ResponseValidationError([{ path: 'result', message: 'Invalid type: Expected a Message, a Task, a string or null' }], { target });
		}
		const reply = extractReply(result);
		const failedTask = reply.taskState === 'failed' || reply.taskState === 'rejected';
		if (failedTask || reply.text.startsWith('Agent error:')) {
			throw new AgentError(failedTask ? `Agent error: task ${reply.taskState}${reply.text && `: ${reply.text}`}` : reply.text, { target });
		}
		return { status: 'replied', ...reply, result };
	}
	const queued = parse(QueuedBody, data);
	if (queued.success) {
		const { queue_id: queueId, queue_depth: queueDepth } = queued.output;
		return { status: 'queued', ...(queueId !== undefined && { queueId }), ...(queueDepth !== undefined && { queueDepth }) };
	}
	const poll = parse(PollQueuedBody, data);
	if (poll.success) return { status: 'queued', ...(poll.output.delivery_mode !== undefined && { deliveryMode: poll.output.delivery_mode }) };
	throw new UnexpectedResponseError(`unexpected response shape (no result, no error): ${JSON.stringify(redactDeep(data)).slice(0, 200)}`, status, { target });
}
