import type { Settings } from './config.js';
import { A2AClientError, isA2AClientError } from './errors/a2a-client-error.js';
import { AgentError } from './errors/agent-error.js';
import { ConfigError } from './errors/config-error.js';
import { A2A_QUEUED_PREFIX, formatA2AError } from './errors/format.js';
import { HttpError } from './errors/http-error.js';
import { InvalidMessageError } from './errors/invalid-message-error.js';
import { InvalidPeerIdError } from './errors/invalid-peer-id-error.js';
import { JsonRpcError } from './errors/json-rpc-error.js';
import { ResponseValidationError } from './errors/response-validation-error.js';
import { isTransportError } from './errors/transport-error.js';
import { UnexpectedResponseError } from './errors/unexpected-response-error.js';
import { isRecord, parseJson } from './internal/json.js';
import { validatePeerId } from './peer-id.js';
import { extractReply, type Reply } from './reply.js';
import { retry, retryAfterMs, type RetryEvent } from './retry.js';
import { OutgoingMessage, type Part } from './schemas/a2a.js';
import { JsonRpcResponse } from './schemas/json-rpc.js';
import { parse, parsePart } from './schemas/parse.js';
import { PlatformErrorBody, PollQueuedBody, QueuedBody } from './schemas/platform.js';
import type { PlatformResponse, Transport } from './transport.js';

/** What `sendMessage` sends: plain text, or parts with optional message metadata. */
export type MessageInput = string | OutgoingMessage;

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
	sendText(peerId: string, text: string): Promise<string>;
}

/** The platform proxy reads at most 1 MiB of a request body and silently cuts the rest. */
export const maxRequestBytes = 1 << 20;

/** The message's parts, each checked against the schema of its kind; throws naming the first bad field. */
function partsOf(message: unknown): { parts: Part[]; metadata?: Record<string, unknown> | undefined } {
	if (typeof message === 'string') return { parts: [{ kind: 'text', text: message }] };
	if (!isRecord(message)) throw new InvalidMessageError('', 'must be a string or { parts, metadata? }');
	const checked = parse(OutgoingMessage, message);
	if (!checked.success) throw new InvalidMessageError(checked.issues[0]?.path ?? '', checked.issues[0]?.message ?? 'is invalid');
	if (checked.output.parts.length === 0) throw new InvalidMessageError('parts', 'must hold at least one part');
	const parts = checked.output.parts.map((part, index) => {
		const parsed = parsePart(part, `parts.${index}`);
		if (parsed.success) return parsed.output;
		throw new InvalidMessageError(parsed.issues[0]?.path ?? '', parsed.issues[0]?.message ?? 'is invalid');
	});
	return { parts, metadata: checked.output.metadata };
}

/** Sending A2A `message/send` through the platform proxy, with retries, and reading what comes back. */
export function createMessaging(settings: Settings, transport: Transport): Messaging {
	const { clock, logger, redact, uuid } = settings;

	const redactDeep = (value: unknown): unknown =>
		typeof value === 'string'
			? redact(value)
			: Array.isArray(value)
				? value.map(redactDeep)
				: isRecord(value)
					? Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactDeep(item)]))
					: value;

	/** A cause chain with every token value removed from its messages; untouched when there is none. */
	const redactCause = (cause: unknown): unknown => {
		if (!(cause instanceof Error)) return typeof cause === 'string' ? redact(cause) : cause;
		const inner = redactCause(cause.cause);
		if (redact(cause.message) === cause.message && inner === cause.cause) return cause;
		return Object.assign(new Error(redact(cause.message), { cause: inner }), { name: cause.name });
	};

	/** Errors leave this module with every token value removed from their text, causes included. */
	const scrub = (error: unknown): A2AClientError => {
		const failure = isA2AClientError(error) ? error : new A2AClientError(String(error), { cause: error });
		failure.message = redact(failure.message);
		if ('cause' in failure) failure.cause = redactCause(failure.cause);
		return failure;
	};

	function answerOf({ status, headers, text, url: target }: PlatformResponse): Answer {
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
		if (isRecord(data) && ('result' in data || 'error' in data)) {
			const rpc = parse(JsonRpcResponse, data);
			if (!rpc.success) throw new ResponseValidationError(rpc.issues.map(({ path, message }) => ({ path, message: redact(message) })), { target });
			const { result, error = {} } = rpc.output;
			if (!('result' in data)) throw new JsonRpcError(error.message ?? '', error.code, redactDeep(error.data), { target });
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

	function onRetry(event: RetryEvent, canonicalId: string, options: SendOptions): void {
		const { error } = event;
		const cause = isTransportError(error) ? error.kind : error.name === 'HttpError' ? `HTTP ${(error as HttpError).status}` : error.name;
		logger.warn(
			`sendMessage: transient ${cause} on attempt ${event.attempt}/${event.maxAttempts}, retrying in ${(event.delayMs / 1000).toFixed(1)}s (target=${error.target ?? canonicalId})`,
		);
		options.onRetry?.(event);
	}

	async function sendMessage(peerId: string, message: MessageInput, options: SendOptions = {}): Promise<SendOutcome> {
		const { signal, timeoutMs = settings.timeouts.sendMs } = options;
		if (signal?.aborted) throw signal.reason;
		const canonicalId = validatePeerId(peerId);
		if (!canonicalId) return { status: 'failed', error: new InvalidPeerIdError(peerId), attempts: 0, messageId: undefined };
		const messageId = uuid();
		let attempts = 0;
		try {
			if (!(timeoutMs >= 1 && timeoutMs < 2 ** 31)) throw new ConfigError('timeoutMs', `must be a number from 1 to ${2 ** 31 - 1}, got ${timeoutMs}`);
			const { parts, metadata } = partsOf(message);
			const body = JSON.stringify({
				jsonrpc: '2.0',
				id: uuid(),
				method: 'message/send',
				params: { message: { role: 'user', messageId, parts, ...(metadata && { metadata }) } },
			});
			// UTF-8 takes at most 3 bytes per UTF-16 unit: short bodies need no encoding pass.
			const bytes = body.length * 3 > maxRequestBytes ? new TextEncoder().encode(body).byteLength : body.length;
			if (bytes > maxRequestBytes) throw new InvalidMessageError('', `is ${bytes} bytes as JSON; the platform proxy reads at most ${maxRequestBytes}`);
			const answer = await retry(
				async (attempt, timeLeftMs) => {
					attempts = attempt;
					try {
						return answerOf(
							await transport({ method: 'POST', path: `/workspaces/${canonicalId}/a2a`, body, identify: true, timeoutMs: Math.min(timeoutMs, timeLeftMs), signal }),
						);
					} catch (error) {
						throw signal?.aborted ? error : scrub(error);
					}
				},
				{ policy: settings.retry, clock, random: settings.random, signal, onRetry: (event) => onRetry(event, canonicalId, options) },
			);
			return { ...answer, attempts, messageId };
		} catch (error) {
			if (signal?.aborted) throw signal.reason;
			return { status: 'failed', error: scrub(error), attempts, messageId };
		}
	}

	async function sendText(peerId: string, text: string): Promise<string> {
		try {
			const outcome = await sendMessage(peerId, text);
			if (outcome.status === 'replied') return outcome.parts.length > 0 ? outcome.text : '(no response)';
			if (outcome.status === 'queued') return `${A2A_QUEUED_PREFIX}target=${validatePeerId(peerId)} method=message/send`;
			return formatA2AError(outcome.error);
		} catch (error) {
			return formatA2AError(error);
		}
	}

	return { sendMessage, sendText };
}
