import type { Settings } from './config.js';
import { A2AClientError, isA2AClientError } from './errors/a2a-client-error.js';
import { AgentError } from './errors/agent-error.js';
import { ConfigError } from './errors/config-error.js';
import { A2A_QUEUED_PREFIX, formatA2AError } from './errors/format.js';
import { HttpError, isHttpError } from './errors/http-error.js';
import { InvalidMessageError } from './errors/invalid-message-error.js';
import { InvalidPeerIdError } from './errors/invalid-peer-id-error.js';
import { JsonRpcError } from './errors/json-rpc-error.js';
import { ResponseValidationError } from './errors/response-validation-error.js';
import { isTransportError } from './errors/transport-error.js';
import { UnexpectedResponseError } from './errors/unexpected-response-error.js';
import { parseJson, snippet } from './internal/json.js';
import { validatePeerId } from './peer-id.js';
import { extractReply, type Reply } from './reply.js';
import { retry, retryAfterMs, type RetryEvent } from './retry.js';
import { OutgoingMessage, type Part } from './schemas/a2a.js';
import { JsonRpcResponse } from './schemas/json-rpc.js';
import { parse } from './schemas/parse.js';
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
	/** HTTP attempts made, retries included. */
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

/** The platform proxy reads at most 1 MiB of a request body and silently cuts the rest. */
export const maxRequestBytes = 1 << 20;

const failedTaskStates = new Set(['failed', 'rejected']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface Messaging {
	sendMessage(peerId: string, message: MessageInput, options?: SendOptions): Promise<SendOutcome>;
	sendText(peerId: string, text: string): Promise<string>;
}

function partsOf(message: unknown): { parts: Part[]; metadata?: Record<string, unknown> | undefined } {
	if (typeof message === 'string') return { parts: [{ kind: 'text', text: message }] };
	const parsed = parse(OutgoingMessage, message);
	if (parsed.success) return parsed.output;
	const [first] = parsed.issues;
	throw new InvalidMessageError(first?.path ?? '', isRecord(message) ? (first?.message ?? 'is invalid') : 'must be a string or { parts, metadata? }');
}

/** Sending A2A `message/send` through the platform proxy, with retries, and reading what comes back. */
export function createMessaging(settings: Settings, transport: Transport): Messaging {
	const { clock, logger, redact, timeouts, uuid } = settings;

	const redactDeep = (value: unknown): unknown => {
		if (typeof value === 'string') return redact(value);
		if (Array.isArray(value)) return value.map(redactDeep);
		return isRecord(value) ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item)])) : value;
	};

	/** Errors leave this module with every token value removed from their text. */
	const scrub = (error: unknown): unknown => {
		if (isA2AClientError(error)) error.message = redact(error.message);
		return error;
	};

	function envelope(message: unknown, messageId: string): string {
		const { parts, metadata } = partsOf(message);
		const body = JSON.stringify({
			jsonrpc: '2.0',
			id: uuid(),
			method: 'message/send',
			params: { message: { role: 'user', messageId, parts, ...(metadata && { metadata }) } },
		});
		const bytes = new TextEncoder().encode(body).byteLength;
		if (bytes > maxRequestBytes) throw new InvalidMessageError('', `is ${bytes} bytes as JSON; the platform proxy reads at most ${maxRequestBytes}`);
		return body;
	}

	function answerOf(response: PlatformResponse): Answer {
		const { status, url: target } = response;
		const json = parseJson(response.text);
		if (status < 200 || status >= 300) {
			const body = json.ok ? parse(PlatformErrorBody, json.value) : undefined;
			const fields = body?.success ? body.output : {};
			throw new HttpError(status, {
				target,
				platformError: fields.error === undefined ? undefined : redact(fields.error),
				retryAfterMs: retryAfterMs(response.headers, fields.retry_after),
				body: json.ok ? redactDeep(json.value) : undefined,
			});
		}
		if (!json.ok) throw new UnexpectedResponseError(`response is not JSON: ${json.error}`, status, { target });
		const data = json.value;
		const unexpected = (): UnexpectedResponseError =>
			new UnexpectedResponseError(`unexpected response shape (no result, no error): ${snippet(redact(JSON.stringify(data)))}`, status, { target });
		if (!isRecord(data)) throw unexpected();
		if ('result' in data || 'error' in data) {
			const rpc = parse(JsonRpcResponse, data);
			if (!rpc.success) {
				throw new ResponseValidationError(rpc.issues.map((issue) => ({ path: issue.path, message: redact(issue.message) })), { target });
			}
			if ('result' in rpc.output) return replied(rpc.output.result, target);
			const error = rpc.output.error ?? {};
			throw new JsonRpcError(error.message ?? '', error.code, redactDeep(error.data), { target });
		}
		const queued = parse(QueuedBody, data);
		if (queued.success) return withDefined({ status: 'queued' }, { queueId: queued.output.queue_id, queueDepth: queued.output.queue_depth });
		const poll = parse(PollQueuedBody, data);
		if (poll.success) return withDefined({ status: 'queued' }, { deliveryMode: poll.output.delivery_mode });
		throw unexpected();
	}

	function replied(result: unknown, target: string): Answer {
		const reply = extractReply(result);
		if (reply.text.startsWith('Agent error:')) throw new AgentError(reply.text, { target });
		if (reply.taskState !== undefined && failedTaskStates.has(reply.taskState)) {
			throw new AgentError(`Agent error: task ${reply.taskState}${reply.text ? `: ${reply.text}` : ''}`, { target });
		}
		return { status: 'replied', ...reply, result };
	}

	async function sendMessage(peerId: string, message: MessageInput, options: SendOptions = {}): Promise<SendOutcome> {
		const { signal } = options;
		if (signal?.aborted) throw signal.reason;
		const canonicalId = validatePeerId(peerId);
		if (!canonicalId) return { status: 'failed', error: new InvalidPeerIdError(peerId), attempts: 0, messageId: undefined };
		const timeoutMs = options.timeoutMs ?? timeouts.sendMs;
		const messageId = uuid();
		let attempts = 0;
		try {
			if (!(timeoutMs > 0 && timeoutMs <= 2 ** 31 - 1)) throw new ConfigError('timeoutMs', `must be a number from 1 to ${2 ** 31 - 1}, got ${String(timeoutMs)}`);
			const body = envelope(message, messageId);
			const answer = await retry(
				async (attempt, timeLeftMs) => {
					attempts = attempt;
					try {
						const path = `/workspaces/${canonicalId}/a2a`;
						return answerOf(await transport({ method: 'POST', path, body, identify: true, timeoutMs: Math.min(timeoutMs, timeLeftMs), signal }));
					} catch (error) {
						throw scrub(error);
					}
				},
				{
					policy: settings.retry,
					clock,
					random: settings.random,
					signal,
					onRetry(event) {
						const { error } = event;
						const cause = isTransportError(error) ? error.kind : isHttpError(error) ? `HTTP ${error.status}` : error.name;
						logger.warn(
							`sendMessage: transient ${cause} on attempt ${event.attempt}/${event.maxAttempts}, retrying in ${(event.delayMs / 1000).toFixed(1)}s (target=${error.target ?? canonicalId})`,
						);
						options.onRetry?.(event);
					},
				},
			);
			return { ...answer, attempts, messageId };
		} catch (error) {
			if (signal?.aborted) throw signal.reason;
			const failure = isA2AClientError(error) ? error : new A2AClientError(String(error), { cause: error, attempts });
			return { status: 'failed', error: scrub(failure) as A2AClientError, attempts, messageId };
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

/** Copies the defined values of `extra` onto `base` (optional properties stay absent, never `undefined`). */
function withDefined<T extends object>(base: T, extra: Record<string, unknown>): T {
	return Object.assign(base, Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined)));
}
