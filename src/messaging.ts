import { answerOf, type AnswerContext, type QueuedAnswer, type RepliedAnswer } from './answer.js';
import { checkOptions, isAbortSignal, type OptionChecks } from './arguments.js';
import { maxTimerMs, type Settings } from './config.js';
import type { A2AClientError } from './errors/a2a-client-error.js';
import { ConfigError } from './errors/config-error.js';
import { formatA2AError, formatA2AQueued } from './errors/format.js';
import type { HttpError } from './errors/http-error.js';
import { InvalidPeerIdError } from './errors/invalid-peer-id-error.js';
import { isTransportError } from './errors/transport-error.js';
import { errorRedaction } from './internal/error-redaction.js';
import { checkMessage, messageSendBody } from './outgoing.js';
import { validatePeerId } from './peer-id.js';
import { readableText } from './reply.js';
import { retry, type RetryEvent } from './retry.js';
import type { OutgoingMessage } from './schemas/a2a.js';
import type { Transport } from './transport.js';

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
export interface RepliedOutcome extends RepliedAnswer, Attempted {}

/**
 * The platform accepted the message without answering it: a busy or starting agent (202), a platform
 * boot turn, a poll-mode target, or a canvas-class turn past 90 s (200). See `QueuedAnswer`.
 */
export interface QueuedOutcome extends QueuedAnswer, Attempted {}

/** The message was not delivered, or the answer was an error. `formatA2AError(error)` gives the agent-facing string. */
export interface FailedOutcome extends Attempted {
	status: 'failed';
	error: A2AClientError;
}

export type SendOutcome = RepliedOutcome | QueuedOutcome | FailedOutcome;

export interface Messaging {
	/**
	 * Sends `message/send` to `peerId` through the platform proxy, retrying transient failures (network
	 * failures, 429 and 503 with a wait, a 503 `restarting` on the backoff) within `retry.budgetMs`.
	 * Resolves to `replied` (the agent's answer), `queued` (accepted, not answered: every body with
	 * `status: "queued"` or `queued: true`) or `failed` (a typed error); rejects only with the reason of
	 * an aborted `options.signal`. Messages over 16 MiB as JSON fail with `InvalidMessageError` unsent.
	 *
	 * @example
	 * const outcome = await client.sendMessage(peerId, 'Summarise the open incidents');
	 * if (outcome.status === 'queued' && outcome.queueId) await client.waitForReply(peerId, outcome.queueId);
	 */
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
	const { clock, logger, redact, uuid } = settings;

	const { redactDeep, scrub } = errorRedaction(redact);

	const answerContext: AnswerContext = { clock, workspaceId: settings.workspaceId, redact, redactDeep };

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
			const body = messageSendBody(checkMessage(message), messageId, requestId);
			const answer = await retry(
				async (attempt, timeLeftMs) => {
					attempts = attempt;
					try {
						return answerOf(
							await transport({ method: 'POST', path: `/workspaces/${canonicalId}/a2a`, body, identify: true, timeoutMs: Math.min(timeoutMs, timeLeftMs), signal }),
							requestId,
							answerContext,
						);
					} catch (error) {
						throw signal?.aborted ? error : scrub(error);
					}
				},
				{ policy: settings.retry, clock, random: settings.random, signal, onRetry: (event) => onRetry(event, canonicalId, checked) },
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
			if (outcome.status === 'replied') return outcome.parts.length > 0 ? readableText(outcome) : '(no response)';
			if (outcome.status === 'queued') return formatA2AQueued(peerId);
			return formatA2AError(outcome.error);
		} catch (error) {
			return formatA2AError(error);
		}
	}

	return { sendMessage, sendText };
}
