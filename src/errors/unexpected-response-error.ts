import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

/** A response arrived but cannot be used: not JSON, too large, a redirect, no known shape, or the answer to another request (its JSON-RPC id). */
export class UnexpectedResponseError extends A2AClientError {
	override name = 'UnexpectedResponseError' as const;
	/** The HTTP status of the response. */
	readonly status: number | undefined;

	constructor(message: string, status: number | undefined, options?: A2AClientErrorOptions) {
		super(message, options);
		this.status = status;
	}
}

export const isUnexpectedResponseError = guardFor<UnexpectedResponseError>('UnexpectedResponseError');
