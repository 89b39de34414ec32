import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

/** A response arrived but cannot be used: not JSON, too large, a redirect, no known shape, or the answer to another request (its JSON-RPC id). */
export class UnexpectedResponseError extends A2AClientError {
	/** Always `'UnexpectedResponseError'`: what `isUnexpectedResponseError` checks. */
	override name = 'UnexpectedResponseError' as const;
	/** The HTTP status of the response. */
	readonly status: number | undefined;

	/**
	 * Builds the error for a response that cannot be used.
	 *
	 * @param message What was wrong with the response.
	 * @param status The HTTP status of the response, when one arrived.
	 * @param options The `target` and the common facts.
	 */
	constructor(message: string, status: number | undefined, options?: A2AClientErrorOptions) {
		super(message, options);
		this.status = status;
	}
}

/**
 * True for an `UnexpectedResponseError`, from any realm or copy of the package.
 *
 * @example
 * if (outcome.status === 'failed' && isUnexpectedResponseError(outcome.error)) console.error(`HTTP ${outcome.error.status ?? '?'}: ${outcome.error.message}`);
 */
export const isUnexpectedResponseError = guardFor<UnexpectedResponseError>('UnexpectedResponseError');
