import { A2AClientError, guardFor, type A2AClientErrorOptions } from '../../errors/a2a-client-error.js';

/**
 * The platform answered 401 to the agent's token: it was revoked, belongs to another workspace, or
 * there is none. Nothing renews it silently; the operator issues a new one (or clears the store so the
 * next register of a workspace without a live token mints one).
 */
export class TokenRejectedError extends A2AClientError {
	override name = 'TokenRejectedError' as const;
	/** The platform's `error` string, e.g. `invalid workspace auth token`. */
	readonly platformError: string | undefined;

	constructor(platformError: string | undefined, options?: A2AClientErrorOptions) {
		super(`the platform refused the agent's token (HTTP 401: ${platformError ?? 'no error message'}): it is gone; issue a new one`, options);
		this.platformError = platformError;
	}
}

/**
 * @example
 * try { await agent.run({ signal }); } catch (error) { if (isTokenRejectedError(error)) alertOperator('the agent token was revoked'); }
 */
export const isTokenRejectedError = guardFor<TokenRejectedError>('TokenRejectedError');
