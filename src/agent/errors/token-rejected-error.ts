import { A2AClientError, guardFor, type A2AClientErrorOptions } from '../../errors/a2a-client-error.js';

/** The 401 the platform answers when no token was sent but the workspace has a live one (contract §2.2). */
const missingToken = 'missing workspace auth token';

/**
 * The platform answered 401 to the agent's token: it was revoked, belongs to another workspace, or
 * there is none (the workspace has a token, minted by an earlier register, that this agent was not given). Nothing renews it silently; the operator issues a new one (or clears the store so the
 * next register of a workspace without a live token mints one). `run` and `inbox` end with it.
 *
 * @example
 * await agent.run({ signal }).catch((error) => { if (isTokenRejectedError(error)) alertOperator(error.message); else throw error; });
 */
export class TokenRejectedError extends A2AClientError {
	/** Always `'TokenRejectedError'`: what `isTokenRejectedError` checks. */
	override name = 'TokenRejectedError' as const;
	/** The platform's `error` string, e.g. `invalid workspace auth token`. */
	readonly platformError: string | undefined;

	/**
	 * `platformError` is the 401's `error` string; `options.target` the URL that answered it;
	 * `unregistered` says the agent had no token to send on a call other than register.
	 */
	constructor(platformError: string | undefined, options?: A2AClientErrorOptions, unregistered = false) {
		super(
			platformError !== missingToken
				? `the platform refused the agent's token (HTTP 401: ${platformError ?? 'no error message'}): it is gone; issue a new one`
				: unregistered
					? `the platform asks for the workspace's token (HTTP 401: ${missingToken}) and the agent has none yet: call register() first (run() does), or, when the workspace already has a token, pass it as \`token\``
					: `the platform asks for the workspace's token (HTTP 401: ${missingToken}) and the agent sent none: the workspace already has one, minted by an earlier register; pass it as \`token\`, or give the agent the store that holds it`,
			options,
		);
		this.platformError = platformError;
	}
}

/**
 * True for a `TokenRejectedError`, even one from another copy of the package.
 *
 * @example
 * if (isTokenRejectedError(error)) console.error('the agent token was revoked');
 */
export const isTokenRejectedError = guardFor<TokenRejectedError>('TokenRejectedError');
