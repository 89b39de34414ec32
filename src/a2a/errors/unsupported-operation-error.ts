import { guardFor } from '../../errors/a2a-client-error.js';
import { A2AProtocolError } from './a2a-protocol-error.js';

/**
 * The agent does not do this (a message to a finished task, a subscription to one, `listTasks` on a v0.3 agent: raised before sending). A2A `UNSUPPORTED_OPERATION`, JSON-RPC code -32004, HTTP 400.
 *
 * @example
 * try { await agent.listTasks({}); } catch (error) { if (isUnsupportedOperationError(error)) console.log('not offered by this agent'); }
 */
export class UnsupportedOperationError extends A2AProtocolError {
	/** Always `'UnsupportedOperationError'`: what `isUnsupportedOperationError` checks. */
	override name = 'UnsupportedOperationError' as const;
}

/**
 * True for a `UnsupportedOperationError`, from any realm or copy of the package.
 *
 * @example
 * if (isUnsupportedOperationError(error)) console.error(error.message);
 */
export const isUnsupportedOperationError = guardFor<UnsupportedOperationError>('UnsupportedOperationError');
