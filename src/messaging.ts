import { answerOf, type AnswerContext, type QueuedAnswer, type RepliedAnswer } from './answer.js';
import { checkOptions, isAbortSignal, type OptionChecks } from './arguments.js';
import { maxTimerMs, type Settings } from './config.js';
import type { A2AClientError } from './errors/a2a-client-error.js';
import { ConfigError } from './errors/config-error.js';
import { formatA2AError, formatA2AQueued } from './errors/format.js';
import type { HttpError } from './errors/http-error.js';
import { InvalidPeerIdError } from './errors/invalid-peer-id-error.js';
import { isTransportError } from './errors/transport-error.js';
import { checkMessage, messageSendBody } from './outgoing.js';
import { validatePeerId } from './peer-id.js';
import { asClientError } from './redaction.js';
import { readableText } from './reply.js';
import { retry, type RetryEvent } from './retry.js';
import type { Transport } from './transport.js';
import type { OutgoingMessage } from './types/a2a.js';

/**
 * What `sendMessage` sends: plain text (one text part), or parts with optional message metadata.
 *
 * @example
 * const input: MessageInput = { parts: [{ kind: 'data', data: { action: 'summarise', window: '24h' } }] };
 */
export type MessageInput = string | OutgoingMessage;

/**
 * Options of one `sendMessage` call. A member that is not what it should be makes a `'failed'` outcome
 * with a `ConfigError` naming it (`options.timeoutMs`), before anything is sent; `undefined` or `null`
 * means the default.
 *
 * @example
 * await client.sendMessage(peerId, 'status?', { signal: controller.signal, timeoutMs: 30_000, onRetry: (event) => console.warn(`retry ${event.attempt}`) });
 */
export interface SendOptions {
	/**
	 * Aborting rejects the call at once with the signal's reason, during a request or a retry wait. The
	 * message may still have reached the agent. None by default.
	 */
	signal?: AbortSignal | undefined;
	/**
	 * Time limit of each attempt in milliseconds, from 1 to 2147483647, cut to what is left of `retry.budgetMs`.
	 *
	 * @default the client's `timeouts.sendMs` (300000)
	 */
	timeoutMs?: number | undefined;
	/** Told before each retry wait, e.g. to show progress. None by default. */
	onRetry?: ((event: RetryEvent) => void) | undefined;
}

/** What every outcome of `sendMessage` tells about the attempts. */
interface Attempted {
	/** Attempts made, retries included (an attempt repeats its request once after a 401 and a token refresh); `0` when nothing was sent. */
	attempts: number;
	/** The A2A `messageId`, the same on every retry so the platform queue and agents can deduplicate; `undefined` when the call failed before one was made (a bad option or peer id). */
	messageId: string | undefined;
}

/**
 * `sendMessage` when the agent answered (docs/platform-contract.md §7.3 rows 16 and 33): its reply, read
 * from a Message, a Task or a bare string as `extractReply` reads it. See `RepliedAnswer`.
 *
 * @example
 * if (outcome.status === 'replied') console.log(outcome.text, outcome.files.map((file) => file.uri));
 */
export interface RepliedOutcome extends RepliedAnswer, Attempted {}

/**
 * `sendMessage` when the platform accepted the message without answering it, to deliver it later
 * (docs/platform-contract.md §7.3 rows 5, 14, 15, 19 and 27): a busy or starting agent (202), a platform
 * boot turn, a poll-mode target, or a canvas-class turn past the 90 s cut-off (200). See `QueuedAnswer`;
 * `waitForReply` follows a queued message with a `queueId` to its reply.
 *
 * @example
 * if (outcome.status === 'queued') console.log(`queued${outcome.queueId ? ` as ${outcome.queueId}` : ''} (${outcome.deliveryMode ?? 'push'})`);
 */
export interface QueuedOutcome extends QueuedAnswer, Attempted {}

/**
 * `sendMessage` when the message was not delivered, or the answer was an error. `error` is one of this
 * package's errors (`InvalidPeerIdError`, `InvalidMessageError`, `ConfigError`, `HttpError`,
 * `TransportError`, `JsonRpcError`, `AgentError`, `ResponseValidationError`, `UnexpectedResponseError`),
 * with every token value removed; `formatA2AError(error)` gives the agent-facing string.
 *
 * @example
 * if (outcome.status === 'failed' && isHttpError(outcome.error) && outcome.error.status === 402) console.log('over budget');
 */
export interface FailedOutcome extends Attempted {
	/** Tells the outcomes apart: `'failed'`. */
	status: 'failed';
	/** Why; test it with the `is…` guards (`isHttpError`, `isTransportError`, …). */
	error: A2AClientError;
}

/**
 * What `sendMessage` resolves to, told apart by `status`: `'replied'`, `'queued'` or `'failed'`.
 *
 * @example
 * switch (outcome.status) {
 *   case 'replied': return outcome.text;
 *   case 'queued': return 'queued';
 *   case 'failed': return formatA2AError(outcome.error);
 * }
 */
export type SendOutcome = RepliedOutcome | QueuedOutcome | FailedOutcome;

/** The messaging half of `A2AClient`. */
export interface Messaging {
	/**
	 * Sends an A2A `message/send` to `peerId` through the platform proxy (`POST /workspaces/:id/a2a`,
	 * docs/platform-contract.md §7) and reads the answer. Transient failures (connection errors, time
	 * limits, 429/503 with a wait, a 503 `restarting` on the backoff) are retried as `retry` says, with
	 * the same `messageId`.
	 *
	 * Resolves to an outcome told apart by `status`, whatever happened to the message:
	 * `'replied'` (the agent's reply), `'queued'` (accepted, not answered: every body with
	 * `status: "queued"` or `queued: true`, §7.3 rows 5, 14, 15, 19, 27) or `'failed'` (the error that
	 * stopped it, an invalid peer id or message included). It rejects only when `options.signal` aborts,
	 * with the signal's reason. Messages over 16 MiB as JSON fail with `InvalidMessageError`, unsent.
	 *
	 * @param peerId The target workspace's id: a UUID, any case, surrounding whitespace ignored.
	 * @param message Text, or parts with optional metadata; refused before sending when it has no content or its JSON is too large.
	 * @param options A signal, a per-attempt time limit and a retry listener.
	 * @returns A `SendOutcome`: `RepliedOutcome`, `QueuedOutcome` or `FailedOutcome`.
	 * @example
	 * const outcome = await client.sendMessage(peerId, 'Summarise the open incidents', { signal: AbortSignal.timeout(120_000) });
	 * if (outcome.status === 'replied') console.log(outcome.text);
	 * else if (outcome.status === 'queued') console.log('queued for later delivery');
	 * else console.error(formatA2AError(outcome.error));
	 */
	sendMessage(peerId: string, message: MessageInput, options?: SendOptions): Promise<SendOutcome>;
	/**
	 * The agent-facing form of `sendMessage(peerId, text)`, as the Python client's `send_a2a_message`;
	 * never rejects. Gives the reply's text or, when no part holds text, its data parts as compact JSON
	 * (one per line); `(no response)` for a reply without parts; the `[A2A_QUEUED] …` line; or the
	 * `[A2A_ERROR] …` string of a failure (see `formatA2AError`).
	 *
	 * @returns The reply's text, or a line starting with `A2A_QUEUED_PREFIX` or `A2A_ERROR_PREFIX`.
	 * @example
	 * await client.sendText(peerId, 'status?'); // 'all green' | '{"open":3}' | '[A2A_QUEUED] target=… method=message/send' | '[A2A_ERROR] …'
	 */
	sendText(peerId: string, text: string): Promise<string>;
}

/** What each `SendOptions` member must be; `undefined` and `null` mean the default. */
const sendOptionChecks: OptionChecks = {
	signal: [isAbortSignal, 'an AbortSignal'],
	timeoutMs: [(value) => typeof value === 'number' && value >= 1 && value <= maxTimerMs, `a number of milliseconds from 1 to ${maxTimerMs}`],
	onRetry: [(value) => typeof value === 'function', 'a function'],
};

/**
 * One JSON-RPC call through the proxy (`createMessaging`'s, for `peer(peerId)`): `name` labels its
 * retry warnings, `body` builds the envelope from a fresh id pair, `messageIdOf` says which
 * `messageId` the outcome reports (none for calls that send no message).
 */
export type PeerCall = (
	name: string,
	peerId: string,
	options: SendOptions | undefined,
	body: (messageId: string, requestId: string) => { json: object; jsonText: string },
	messageIdOf: (messageId: string) => string | undefined,
) => Promise<SendOutcome>;

/** Sending A2A `message/send` through the platform proxy, with retries, and reading what comes back. */
export function createMessaging(settings: Settings, transport: Transport): { messaging: Messaging; call: PeerCall } {
	const { clock, logger, redaction, uuid } = settings;
	const { text: redact, value: redactDeep } = redaction;

	const answerContext: AnswerContext = { clock, workspaceId: settings.workspaceId, redact, redactDeep };

	function onRetry(name: string, event: RetryEvent, canonicalId: string, options: SendOptions): void {
		const { error } = event;
		const cause = isTransportError(error) ? error.kind : error.name === 'HttpError' ? `HTTP ${(error as HttpError).status}` : error.name;
		logger.warn(
			`${name}: transient ${cause} on attempt ${event.attempt}/${event.maxAttempts}, retrying in ${(event.delayMs / 1000).toFixed(1)}s (target=${error.target ?? canonicalId})`,
		);
		options.onRetry?.(event);
	}

	/**
	 * One JSON-RPC call to `peerId` through the proxy, retried as the client's policy says; `body`
	 * builds the envelope once (a retry sends the same text, `messageId` and request id). Bad options,
	 * a bad peer id and what `body` throws make `'failed'` outcomes; only an abort rejects.
	 */
	const call: PeerCall = async (name, peerId, options, body, messageIdOf) => {
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
		// Redacted: a token pasted where the peer id belongs must not be repeated.
		if (!canonicalId) return { status: 'failed', error: new InvalidPeerIdError(redactDeep(peerId)), attempts: 0, messageId: undefined };
		const generated = uuid();
		const messageId = messageIdOf(generated);
		let attempts = 0;
		try {
			const requestId = uuid();
			const envelope = body(generated, requestId);
			const answer = await retry(
				async (attempt, timeLeftMs) => {
					attempts = attempt;
					try {
						return answerOf(
							await transport({ method: 'POST', path: `/workspaces/${canonicalId}/a2a`, ...envelope, identify: true, timeoutMs: Math.min(timeoutMs, timeLeftMs), signal }),
							requestId,
							answerContext,
						);
					} catch (error) {
						throw signal?.aborted ? error : asClientError(redaction, error);
					}
				},
				{ policy: settings.retry, clock, random: settings.random, signal, onRetry: (event) => onRetry(name, event, canonicalId, checked) },
			);
			return { ...answer, attempts, messageId };
		} catch (error) {
			if (signal?.aborted) throw signal.reason;
			return { status: 'failed', error: asClientError(redaction, error), attempts, messageId };
		}
	};

	const sendMessage = (peerId: string, message: MessageInput, options?: SendOptions): Promise<SendOutcome> =>
		call('sendMessage', peerId, options, (messageId, requestId) => messageSendBody(checkMessage(message, redact), messageId, requestId, redact), (messageId) => messageId);

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

	return { messaging: { sendMessage, sendText }, call };
}
