import { A2AClientError, guardFor } from './a2a-client-error.js';

/**
 * The agent's runtime failed: its reply starts with `Agent error:`, its task ended failed or rejected,
 * or the platform relayed its failure in a 2xx answer (an empty reply: `agent returned empty response body`).
 */
export class AgentError extends A2AClientError {
	/** Always `'AgentError'`: what `isAgentError` checks. */
	override name = 'AgentError' as const;
}

/**
 * True for an `AgentError`, from any realm or copy of the package.
 *
 * @example
 * if (outcome.status === 'failed' && isAgentError(outcome.error)) console.log('the agent crashed; check its logs');
 */
export const isAgentError = guardFor<AgentError>('AgentError');
