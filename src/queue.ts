import { platformFailure, storedReplyOf, type AnswerContext, type RepliedAnswer } from './answer.js';
import { checkOptions, isAbortSignal, type OptionChecks } from './arguments.js';
import { maxTimerMs, type Settings } from './config.js';
import type { A2AClientError } from './errors/a2a-client-error.js';
import { ConfigError } from './errors/config-error.js';
import { isHttpError } from './errors/http-error.js';
import { InvalidPeerIdError } from './errors/invalid-peer-id-error.js';
import { QueuedMessageError } from './errors/queued-message-error.js';
import { ReplyTimeoutError } from './errors/reply-timeout-error.js';
import { ResponseValidationError } from './errors/response-validation-error.js';
import { isTransportError } from './errors/transport-error.js';
import { UnexpectedResponseError } from './errors/unexpected-response-error.js';
import { kindOf } from './internal/describe.js';
import { asClientError } from './redaction.js';
import { isRecord, parseJson } from './internal/json.js';
import { validatePeerId } from './peer-id.js';
import { maxRetryAfterMs } from './retry.js';
import { parse } from './schemas/parse.js';
import { QueueStatusSchema, type QueueStatusBody } from './schemas/queue.js';
import type { Transport } from './transport.js';

/** Where a queued message is (addendum §5): waiting, being delivered, answered, or given up. */
export type QueueItemStatus = 'queued' | 'dispatched' | 'completed' | 'failed' | 'dropped';

/**
 * A message the platform holds in its queue, as `GET /workspaces/:id/a2a/queue/:queue_id` describes it.
 * Times are as the platform prints them (Postgres text, UTC: `2026-05-01 12:00:00.25+00`).
 *
 * @example
 * { queueId: '5d0c…', workspaceId: peerId, status: 'failed', priority: 50, attempts: 5, enqueuedAt: '2026-08-14 12:00:00+00', lastError: 'model crashed' }
 */
export interface QueuedMessage {
	/** The queue item's id (the `queueId` of a queued outcome). */
	queueId: string;
	/** The workspace the message is for. */
	workspaceId: string;
	/**
	 * `queued` (waiting for the agent), `dispatched` (being delivered), `completed` (answered: see
	 * `responseBody`), `failed` (its fifth dispatch failed: see `lastError`) or `dropped` (its time ran out).
	 */
	status: QueueItemStatus;
	/** Higher goes first; the proxy queues every message at 50. */
	priority: number;
	/** Dispatches tried so far. */
	attempts: number;
	/** When the platform queued it. */
	enqueuedAt: string;
	/** Why the last dispatch failed, or why the item was dropped. */
	lastError?: string;
	/** When it was last dispatched. */
	dispatchedAt?: string;
	/** When it was completed or given up. */
	completedAt?: string;
	/** When it expires unsent (from `params.expires_in_seconds`). */
	expiresAt?: string;
	/** The agent's answer as the platform kept it, once `completed`; `waitForReply` reads it like any other reply. */
	responseBody?: unknown;
}

/** Options of `getQueuedMessage`. A member that is not what it should be rejects with a `ConfigError` naming it. */
export interface QueueReadOptions {
	/** Aborting rejects the call at once with the signal's reason. */
	signal?: AbortSignal | undefined;
}

/** Options of `waitForReply`. A member that is not what it should be is a `ConfigError` outcome naming it; `null` means the default. */
export interface WaitForReplyOptions extends QueueReadOptions {
	/**
	 * How long to wait for the reply, in milliseconds, polls and pauses together; from 1 to 2³¹−1.
	 * @default 600000 (10 minutes)
	 */
	timeoutMs?: number | undefined;
	/**
	 * The pause between two polls, in milliseconds (longer when the platform asks for a longer wait); from 1 to 2³¹−1.
	 * @default 5000
	 */
	pollMs?: number | undefined;
}

/**
 * The queued message was answered: its reply, read like a `sendMessage` reply.
 *
 * @example
 * { status: 'replied', text: 'echo: later', parts: [{ kind: 'text', text: 'echo: later' }], files: [], result: {…}, polls: 4 }
 */
export interface WaitRepliedOutcome extends RepliedAnswer {
	/** Queue reads made, the last included. */
	polls: number;
}

/**
 * No reply: the platform gave up on the message (`QueuedMessageError`, with its `lastError`), the
 * agent's answer was an error (`AgentError`, `JsonRpcError`), the time ran out (`ReplyTimeoutError`),
 * or the queue could not be read (`HttpError`, `ConfigError`, …). `formatA2AError(error)` gives the agent-facing string.
 *
 * @example
 * { status: 'failed', error: new ReplyTimeoutError('5d0c…', 600000, 'queued'), polls: 120 }
 */
export interface WaitFailedOutcome {
	/** Tells the outcomes apart: `'failed'`. */
	status: 'failed';
	/** Why: a `QueuedMessageError`, a `ReplyTimeoutError`, or the error of the last queue read. */
	error: A2AClientError;
	/** Queue reads made. */
	polls: number;
}

/** What `waitForReply` resolves to: `status` tells the two apart. */
export type WaitOutcome = WaitRepliedOutcome | WaitFailedOutcome;

export interface QueueReading {
	/**
	 * Reads the queue item `queueId` of a message sent to `peerId` (the `queueId` of a queued outcome).
	 * Resolves to `null` while the platform has no such item (its 404 `retryable`: not yet written, or
	 * never). Rejects with `InvalidPeerIdError` or `ConfigError` for a bad argument (no request made), and
	 * with the typed error of a failure: `HttpError` (401, 403 `access denied` for another workspace's
	 * message), `TransportError`, `ResponseValidationError`. Uses `timeouts.requestMs`.
	 *
	 * @example
	 * const item = await client.getQueuedMessage(peerId, outcome.queueId);
	 * if (item?.status === 'failed') console.log(item.lastError);
	 */
	getQueuedMessage(peerId: string, queueId: string, options?: QueueReadOptions): Promise<QueuedMessage | null>;
	/**
	 * Follows a queued message to its end, reading its queue item every `pollMs` on the client's clock:
	 * `completed` gives its reply, read like any `sendMessage` reply; `failed` and `dropped` give a
	 * `QueuedMessageError` carrying the platform's `last_error`; after `timeoutMs` a `ReplyTimeoutError`.
	 * A network failure or a 429/502/503/504 while polling is tried again at the next poll. Never
	 * rejects, except with the reason of an aborted `options.signal`.
	 *
	 * @example
	 * const sent = await client.sendMessage(peerId, 'Summarise the open incidents');
	 * if (sent.status === 'queued' && sent.queueId) {
	 *   const later = await client.waitForReply(peerId, sent.queueId, { timeoutMs: 120_000 });
	 *   console.log(later.status === 'replied' ? later.text : formatA2AError(later.error));
	 * }
	 */
	waitForReply(peerId: string, queueId: string, options?: WaitForReplyOptions): Promise<WaitOutcome>;
}

/** `waitForReply`'s default `timeoutMs`: the retry budget of `sendMessage`. */
export const defaultWaitTimeoutMs = 600_000;
/** `waitForReply`'s default `pollMs`: gentle on the platform's per-token rate limit. */
export const defaultPollMs = 5000;

const milliseconds: readonly [(value: unknown) => boolean, string] = [
	(value) => typeof value === 'number' && value >= 1 && value <= maxTimerMs,
	`a number of milliseconds from 1 to ${maxTimerMs}`,
];
const readOptionChecks: OptionChecks = { signal: [isAbortSignal, 'an AbortSignal'] };
const waitOptionChecks: OptionChecks = { ...readOptionChecks, timeoutMs: milliseconds, pollMs: milliseconds };

/** A failure that the next poll may not meet: the network, a rate limit, a gateway or a restart. */
const isPassing = (error: unknown): boolean => isTransportError(error) || (isHttpError(error) && [429, 502, 503, 504].includes(error.status));

/** The public shape of a validated queue status body. */
export function queuedMessageOf(body: QueueStatusBody): QueuedMessage {
	const { last_error: lastError, dispatched_at: dispatchedAt, completed_at: completedAt, expires_at: expiresAt, response_body: responseBody } = body;
	return {
		queueId: body.queue_id,
		workspaceId: body.workspace_id,
		status: body.status,
		priority: body.priority,
		attempts: body.attempts,
		enqueuedAt: body.enqueued_at,
		...(lastError !== undefined && { lastError }),
		...(dispatchedAt !== undefined && { dispatchedAt }),
		...(completedAt !== undefined && { completedAt }),
		...(expiresAt !== undefined && { expiresAt }),
		...(responseBody !== undefined && { responseBody }),
	};
}

/** Reading the platform's queue: one item (`getQueuedMessage`), or polling it until its reply (`waitForReply`). */
export function createQueueReading(settings: Settings, transport: Transport): QueueReading {
	const { clock, redaction, timeouts } = settings;
	const { text: redact, value: redactDeep } = redaction;
	const context: AnswerContext = { clock, workspaceId: settings.workspaceId, redact, redactDeep };

	/** The canonical peer and queue ids, or the typed error of a bad one; nothing is sent for those. */
	function checkedIds(peerId: unknown, queueId: unknown): { peer: string; queue: string } {
		const peer = validatePeerId(peerId);
		if (!peer) throw new InvalidPeerIdError(redactDeep(peerId));
		// The id goes into the path: only a UUID, as the platform writes them, can neither escape nor mislead it.
		const queue = validatePeerId(queueId);
		if (!queue) throw new ConfigError('queueId', `must be the UUID a queued outcome gave, got ${typeof queueId === 'string' ? JSON.stringify(redact(queueId).slice(0, 100)) : kindOf(queueId)}`);
		return { peer, queue };
	}

	async function read(peer: string, queue: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<QueuedMessage | null> {
		const response = await transport({ method: 'GET', path: `/workspaces/${peer}/a2a/queue/${queue}`, identify: true, timeoutMs, signal });
		const { status, text, url: target } = response;
		if (status === 404) {
			// Only the platform's own "not yet" is; a plain 404 is a platform without the endpoint.
			const body = parseJson(text);
			if (body.ok && isRecord(body.value) && body.value['retryable'] === true) return null;
		}
		if (status !== 200) throw platformFailure(response, context);
		const body = parseJson(text);
		if (!body.ok) throw new UnexpectedResponseError(`response is not JSON: ${body.error}`, status, { target });
		const item = parse(QueueStatusSchema, body.value);
		if (!item.success) throw new ResponseValidationError(item.issues.map(({ path, message }) => ({ path, message: redact(message) })), { target });
		return queuedMessageOf(item.output);
	}

	async function getQueuedMessage(peerId: string, queueId: string, options?: QueueReadOptions): Promise<QueuedMessage | null> {
		const signal = checkOptions(options, readOptionChecks).signal ?? undefined;
		if (signal?.aborted) throw signal.reason;
		const { peer, queue } = checkedIds(peerId, queueId);
		try {
			return await read(peer, queue, timeouts.requestMs, signal);
		} catch (error) {
			throw signal?.aborted ? signal.reason : asClientError(redaction, error);
		}
	}

	async function waitForReply(peerId: string, queueId: string, options?: WaitForReplyOptions): Promise<WaitOutcome> {
		let checked: WaitForReplyOptions;
		let ids: { peer: string; queue: string };
		try {
			checked = checkOptions(options, waitOptionChecks);
			ids = checkedIds(peerId, queueId);
		} catch (error) {
			// Checked before anything starts: a bad argument leaves no timer or request behind.
			return { status: 'failed', error: error as A2AClientError, polls: 0 };
		}
		const signal = checked.signal ?? undefined;
		if (signal?.aborted) throw signal.reason;
		const timeoutMs = checked.timeoutMs ?? defaultWaitTimeoutMs;
		const pollMs = checked.pollMs ?? defaultPollMs;
		const deadline = clock.now() + timeoutMs;
		const target = `${settings.platformUrl}/workspaces/${ids.peer}/a2a/queue/${ids.queue}`;
		let polls = 0;
		let lastStatus: QueueItemStatus | undefined;
		try {
			for (;;) {
				const timeLeftMs = deadline - clock.now();
				if (timeLeftMs <= 0) return { status: 'failed', error: new ReplyTimeoutError(ids.queue, timeoutMs, lastStatus, { target, attempts: polls }), polls };
				polls++;
				let pauseMs = pollMs;
				try {
					const item = await read(ids.peer, ids.queue, Math.min(timeouts.requestMs, timeLeftMs), signal);
					lastStatus = item?.status ?? lastStatus;
					if (item?.status === 'completed') {
						if (item.responseBody === undefined) {
							throw new UnexpectedResponseError(`queued message ${ids.queue} completed without a response_body: the platform kept no reply`, 200, { target });
						}
						return { ...storedReplyOf(item.responseBody, target, context), polls };
					}
					if (item?.status === 'failed' || item?.status === 'dropped') {
						return { status: 'failed', error: new QueuedMessageError(ids.queue, item.status, item.lastError, item.attempts, { target, attempts: polls }), polls };
					}
				} catch (error) {
					if (signal?.aborted) throw error;
					if (!isPassing(error)) throw error;
					const asked = isHttpError(error) ? error.retryAfterMs : undefined;
					if (asked !== undefined) pauseMs = Math.max(pollMs, Math.min(asked, maxRetryAfterMs));
				}
				await clock.sleep(Math.min(pauseMs, Math.max(0, deadline - clock.now())), signal);
			}
		} catch (error) {
			if (signal?.aborted) throw signal.reason;
			return { status: 'failed', error: asClientError(redaction, error), polls };
		}
	}

	return { getQueuedMessage, waitForReply };
}
