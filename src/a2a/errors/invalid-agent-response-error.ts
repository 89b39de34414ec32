import { guardFor } from '../../errors/a2a-client-error.js';
import { A2AProtocolError } from './a2a-protocol-error.js';

/**
 * The agent reported that its own implementation produced an invalid answer. A2A `INVALID_AGENT_RESPONSE`, JSON-RPC code -32006, HTTP 500.
 *
 * @example
 * try { await agent.send('hi'); } catch (error) { if (isInvalidAgentResponseError(error)) console.error('the agent is broken:', error.message); }
 */
export class InvalidAgentResponseError extends A2AProtocolError {
	/** Always `'InvalidAgentResponseError'`: what `isInvalidAgentResponseError` checks. */
	override name = 'InvalidAgentResponseError' as const;
}

/**
 * True for a `InvalidAgentResponseError`, from any realm or copy of the package.
 *
 * @example
 * if (isInvalidAgentResponseError(error)) console.error(error.message);
 */
export const isInvalidAgentResponseError = guardFor<InvalidAgentResponseError>('InvalidAgentResponseError');
