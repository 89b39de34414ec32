import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

/**
 * `waitForReply` ran out of time before the queued message was answered. The platform may still
 * deliver it later: `getQueuedMessage` or another `waitForReply` can follow it on.
 *
 * @example
 * if (isReplyTimeoutError(error)) console.log(`still ${error.lastStatus ?? 'unknown'} after ${error.timeoutMs} ms`);
 */
export class ReplyTimeoutError extends A2AClientError {
	override name = 'ReplyTimeoutError' as const;
	/** The queue item's id. */
	readonly queueId: string;
	/** The time allowed, in milliseconds. */
	readonly timeoutMs: number;
	/** The item's status at the last successful poll (`queued`, `dispatched`); `undefined` when the platform never had it. */
	readonly lastStatus: string | undefined;

	/**
	 * Builds the error for queue item `queueId`, not answered within `timeoutMs`.
	 *
	 * @param queueId The queue item's id.
	 * @param timeoutMs The time allowed, in milliseconds.
	 * @param lastStatus The item's status at the last successful poll, if any.
	 * @param options The common facts: target, attempts (queue reads), cause.
	 */
	constructor(queueId: string, timeoutMs: number, lastStatus: string | undefined, options?: A2AClientErrorOptions) {
		super(`no reply to queued message ${queueId} within ${timeoutMs} ms (last status: ${lastStatus ?? 'not found'})`, options);
		this.queueId = queueId;
		this.timeoutMs = timeoutMs;
		this.lastStatus = lastStatus;
	}
}

/**
 * True for a `ReplyTimeoutError`, from any realm or copy of the package.
 *
 * @example
 * if (outcome.status === 'failed' && isReplyTimeoutError(outcome.error)) console.log(`still ${outcome.error.lastStatus}`);
 */
export const isReplyTimeoutError = guardFor<ReplyTimeoutError>('ReplyTimeoutError');
