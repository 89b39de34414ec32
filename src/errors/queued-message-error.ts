import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

/** How a queue item ended without a reply: `failed` after its last dispatch, or `dropped` unsent. */
export type QueueFailureStatus = 'failed' | 'dropped';

/**
 * The platform gave up on a queued message (addendum §5): its queue item ended `failed` (its fifth
 * dispatch failed) or `dropped` (its time to live ran out, or a stale sweep removed it). Carries the
 * platform's `last_error`. Given by `waitForReply`.
 *
 * @example
 * if (isQueuedMessageError(error)) console.log(`${error.queueStatus}: ${error.lastError ?? 'no reason given'}`);
 */
export class QueuedMessageError extends A2AClientError {
	override name = 'QueuedMessageError' as const;
	/** The queue item's id, as the platform's 202 gave it. */
	readonly queueId: string;
	/** `failed` or `dropped`. */
	readonly queueStatus: QueueFailureStatus;
	/** The platform's `last_error`: why the last dispatch failed, or why the item was dropped. */
	readonly lastError: string | undefined;
	/** How many times the platform dispatched the item (its `attempts`). */
	readonly dispatchAttempts: number;

	/**
	 * Builds the error for queue item `queueId`, which the platform marked `queueStatus`.
	 *
	 * @param queueId The queue item's id.
	 * @param queueStatus `failed` or `dropped`.
	 * @param lastError The platform's `last_error`, when it gave one.
	 * @param dispatchAttempts The item's `attempts`.
	 * @param options The common facts: target, attempts (queue reads), cause.
	 */
	constructor(queueId: string, queueStatus: QueueFailureStatus, lastError: string | undefined, dispatchAttempts: number, options?: A2AClientErrorOptions) {
		const attempts = `after ${dispatchAttempts} dispatch attempt${dispatchAttempts === 1 ? '' : 's'}`;
		super(`queued message ${queueId} ${queueStatus} ${attempts}${lastError ? `: ${lastError}` : ''}`, options);
		this.queueId = queueId;
		this.queueStatus = queueStatus;
		this.lastError = lastError;
		this.dispatchAttempts = dispatchAttempts;
	}
}

/**
 * True for a `QueuedMessageError`, from any realm or copy of the package.
 *
 * @example
 * if (outcome.status === 'failed' && isQueuedMessageError(outcome.error)) console.log(outcome.error.lastError);
 */
export const isQueuedMessageError = guardFor<QueuedMessageError>('QueuedMessageError');
