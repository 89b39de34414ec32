import { A2AClientError, guardFor } from '../../errors/a2a-client-error.js';

/** `waitForDelegation` gave up: the delegation had not completed or failed within `timeoutMs`. It may still finish. */
export class DelegationTimeoutError extends A2AClientError {
	override name = 'DelegationTimeoutError' as const;
	readonly delegationId: string;
	/** The status last seen (`pending`, `dispatched`, `queued`, …), or `undefined` when no row was listed yet. */
	readonly lastStatus: string | undefined;
	readonly timeoutMs: number;

	constructor(delegationId: string, lastStatus: string | undefined, timeoutMs: number) {
		super(`delegation ${delegationId} did not finish within ${timeoutMs} ms (last status: ${lastStatus ?? 'not listed yet'}); it may still complete`);
		this.delegationId = delegationId;
		this.lastStatus = lastStatus;
		this.timeoutMs = timeoutMs;
	}
}

/**
 * @example
 * const outcome = await agent.waitForDelegation(id, { timeoutMs: 60_000 }).catch((error) => (isDelegationTimeoutError(error) ? null : Promise.reject(error)));
 */
export const isDelegationTimeoutError = guardFor<DelegationTimeoutError>('DelegationTimeoutError');
