import { A2AClientError, guardFor } from '../../errors/a2a-client-error.js';

/**
 * `waitForDelegation` gave up: the delegation had not completed or failed within `timeoutMs`. It may
 * still finish on the platform; `delegations()` will show it.
 *
 * @example
 * const outcome = await agent.waitForDelegation(id, { timeoutMs: 60_000 }).catch((error) => (isDelegationTimeoutError(error) ? null : Promise.reject(error)));
 */
export class DelegationTimeoutError extends A2AClientError {
	/** Always `'DelegationTimeoutError'`: what `isDelegationTimeoutError` checks. */
	override name = 'DelegationTimeoutError' as const;
	/** The delegation waited for. */
	readonly delegationId: string;
	/** The status last seen (`pending`, `dispatched`, `queued`, …), or `undefined` when no row was listed yet. */
	readonly lastStatus: string | undefined;
	/** How long `waitForDelegation` waited, in milliseconds. */
	readonly timeoutMs: number;

	/** `lastStatus` is the status last listed; `timeoutMs` the wait, in milliseconds. */
	constructor(delegationId: string, lastStatus: string | undefined, timeoutMs: number) {
		super(`delegation ${delegationId} did not finish within ${timeoutMs} ms (last status: ${lastStatus ?? 'not listed: the platform lists the 50 newest delegation rows, so one older than those cannot be followed'}); it may still complete`);
		this.delegationId = delegationId;
		this.lastStatus = lastStatus;
		this.timeoutMs = timeoutMs;
	}
}

/**
 * True for a `DelegationTimeoutError`, even one from another copy of the package.
 *
 * @example
 * if (isDelegationTimeoutError(error)) console.log(`still ${error.lastStatus ?? 'unlisted'} after ${error.timeoutMs} ms`);
 */
export const isDelegationTimeoutError = guardFor<DelegationTimeoutError>('DelegationTimeoutError');
