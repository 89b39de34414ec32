import { checkOptions, isAbortSignal, type OptionChecks } from './arguments.js';
import { maxTimerMs, type Settings } from './config.js';
import { A2AClientError, isA2AClientError } from './errors/a2a-client-error.js';
import { AgentError } from './errors/agent-error.js';
import { ConfigError } from './errors/config-error.js';
import { A2A_QUEUED_PREFIX, formatA2AError } from './errors/format.js';
import { HttpError } from './errors/http-error.js';
import { InvalidPeerIdError } from './errors/invalid-peer-id-error.js';
import { JsonRpcError } from './errors/json-rpc-error.js';
import { ResponseValidationError } from './errors/response-validation-error.js';
import { isTransportError } from './errors/transport-error.js';
import { UnexpectedResponseError } from './errors/unexpected-response-error.js';
import { isRecord, parseJson } from './internal/json.js';
import { checkMessage, messageSendBody } from './outgoing.js';
import { validatePeerId } from './peer-id.js';
import { extractReply, readableText, type Reply } from './reply.js';
import { retry, retryAfterMs, type RetryEvent } from './retry.js';
import type { OutgoingMessage } from './schemas/a2a.js';
import { JsonRpcResponse } from './schemas/json-rpc.js';
import { parse } from './schemas/parse.js';
import { PlatformErrorBody, PollQueuedBody, QueuedBody } from './schemas/platform.js';
import type { PlatformResponse, Transport } from './transport.js';

/** What `sendMessage` sends: plain text, or parts with optional message metadata. */
export type MessageInput = string | OutgoingMessage;

/** Options of one `sendMessage` call. A member that is not what it should be is a `ConfigError` outcome naming it; `null` means the default. */
export interface SendOptions {
	/** Aborting rejects the call at once with the signal's reason, during a request or a wait. */
	signal?: AbortSignal | undefined;
	/** Time limit of each attempt; default `timeouts.sendMs`. */
	timeoutMs?: number | undefined;
	/** Told before each retry wait. */
	onRetry?: ((event: RetryEvent) => void) | undefined;
}

interface Attempted {
	/** Attempts made, retries included (an attempt repeats its request once after a 401 and a token refresh). */
	attempts: number;
	/** The A2A `messageId`, the same on every retry so the platform queue and agents can deduplicate. */
	messageId: string | undefined;
}

/** The agent answered. */
export interface RepliedOutcome extends Reply, Attempted {
	status: 'replied';
	/** The JSON-RPC `result` as received. */
	result: unknown;
}

/** The platform accepted the message for later delivery (busy agent, or a poll-mode target). */
export interface QueuedOutcome extends Attempted {
	status: 'queued';
	queueId?: string;
	queueDepth?: number;
	deliveryMode?: string;
}

/** The message was not delivered, or the answer was an error. `formatA2AError(error)` gives the agent-facing string. */
export interface FailedOutcome extends Attempted {
	status: 'failed';
	error: A2AClientError;
}

export type SendOutcome = RepliedOutcome | QueuedOutcome | FailedOutcome;

type Answer = Omit<RepliedOutcome, keyof Attempted> | Omit<QueuedOutcome, keyof Attempted>;

export interface Messaging {
	sendMessage(peerId: string, message: MessageInput, options?: SendOptions): Promise<SendOutcome>;
	/**
	 * The agent-facing form of `sendMessage(peerId, text)`; never rejects. Gives the reply's text or,
	 * when no part holds text, its data parts as compact JSON (one per line); `(no response)` for a
	 * reply without parts; the `[A2A_QUEUED] …` line; or the `[A2A_ERROR] …` string of a failure.
	 *
	 * @example await client.sendText(peerId, 'status?') // 'all green' | '{"open":3}' | '[A2A_ERROR] …'
	 */
	sendText(peerId: string, text: string): Promise<string>;
}

/** What each `SendOptions` member must be; `undefined` and `null` mean the default. */
const sendOptionChecks: OptionChecks = {
	signal: [isAbortSignal, 'an AbortSignal'],
	timeoutMs: [(value) => typeof value === 'number' && value >= 1 && value <= maxTimerMs, `a number of milliseconds from 1 to ${maxTimerMs}`],
	onRetry: [(value) => typeof value === 'function', 'a function'],
};

/** Sending A2A `message/send` through the platform proxy, with retries, and reading what comes back. */
export function createMessaging(settings: Settings, transport: Transport): Messaging {
	const { clock, logger, redaction, uuid } = settings;
	const { text: redact, value: redactDeep } = redaction;

	/** A failure that is not this package's error (a bug, a throwing `onRetry` or logger) wrapped as one, built redacted. */
	const asClientError = (error: unknown): A2AClientError =>
		isA2AClientError(error) ? error : new A2AClientError(redact(String(error)), { cause: redaction.cause(error) });

	function answerOf({ status, headers, text, url: target }: PlatformResponse, requestId: string): Answer {
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
			if (error) throw new JsonRpcError(redact(error.message ?? ''), error.code, redactDeep(error.data), { target });
			if (result !== null && typeof result !== 'string' && !isRecord(result)) {
				throw new ResponseValidationError([{ path: 'result', message: 'Invalid type: Expected a Message, a Task, a string or null' }], { target });
			}
			const reply = extractReply(result);
			const failedTask = reply.taskState === 'failed' || reply.taskState === 'rejected';
			if (failedTask || reply.text.startsWith('Agent error:')) {
				throw new AgentError(redact(failedTask ? `Agent error: task ${reply.taskState}${reply.text && `: ${reply.text}`}` : reply.text), { target });
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

	function onRetry(event: RetryEvent, canonicalId: string, options: SendOptions): void {
		const { error } = event;
		const cause = isTransportError(error) ? error.kind : error.name === 'HttpError' ? `HTTP ${(error as HttpError).status}` : error.name;
		logger.warn(
			`sendMessage: transient ${cause} on attempt ${event.attempt}/${event.maxAttempts}, retrying in ${(event.delayMs / 1000).toFixed(1)}s (target=${error.target ?? canonicalId})`,
		);
		options.onRetry?.(event);
	}

	async function sendMessage(peerId: string, message: MessageInput, options?: SendOptions): Promise<SendOutcome> {
		let checked: SendOptions;
		try {
			checked = checkOptions(options, sendOptionChecks);
		} catch (error) {
			// Checked before anything starts: a bad option leaves no timer, listener or request behind.
			return { status: 'failed', error: error as ConfigError, attempts: 0, messageId: undefined };
		}
		const signal = checked.signal ?? undefined;
		const timeoutMs = checked.timeoutMs ?? settings.timeouts.sendMs;
		if (signal?.aborted) throw signal.reason;
		const canonicalId = validatePeerId(peerId);
		if (!canonicalId) return { status: 'failed', error: new InvalidPeerIdError(peerId), attempts: 0, messageId: undefined };
		const messageId = uuid();
		let attempts = 0;
		try {
			const requestId = uuid();
			const json = messageSendBody(checkMessage(message, redact), messageId, requestId, redact);
			const answer = await retry(
				async (attempt, timeLeftMs) => {
					attempts = attempt;
					try {
						return answerOf(
							await transport({ method: 'POST', path: `/workspaces/${canonicalId}/a2a`, json, identify: true, timeoutMs: Math.min(timeoutMs, timeLeftMs), signal }),
							requestId,
						);
					} catch (error) {
						throw signal?.aborted ? error : asClientError(error);
					}
				},
				{ policy: settings.retry, clock, random: settings.random, signal, onRetry: (event) => onRetry(event, canonicalId, checked) },
			);
			return { ...answer, attempts, messageId };
		} catch (error) {
			if (signal?.aborted) throw signal.reason;
			return { status: 'failed', error: asClientError(error), attempts, messageId };
		}
	}

	async function sendText(peerId: string, text: string): Promise<string> {
		try {
			const outcome = await sendMessage(peerId, text);
			if (outcome.status === 'replied') return outcome.parts.length > 0 ? readableText(outcome) : '(no response)';
			if (outcome.status === 'queued') return `${A2A_QUEUED_PREFIX}target=${validatePeerId(peerId)} method=message/send`;
			return formatA2AError(outcome.error);
		} catch (error) {
			return formatA2AError(error);
		}
	}

	return { sendMessage, sendText };
}
