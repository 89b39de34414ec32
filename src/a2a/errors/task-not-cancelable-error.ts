import { guardFor } from '../../errors/a2a-client-error.js';
import { A2AProtocolError } from './a2a-protocol-error.js';

/**
 * The task cannot be canceled (it has ended already, or the agent does not cancel it). A2A `TASK_NOT_CANCELABLE`, JSON-RPC code -32002, HTTP 400.
 *
 * @example
 * try { await agent.cancelTask(id); } catch (error) { if (isTaskNotCancelableError(error)) console.log('too late to cancel'); }
 */
export class TaskNotCancelableError extends A2AProtocolError {
	/** Always `'TaskNotCancelableError'`: what `isTaskNotCancelableError` checks. */
	override name = 'TaskNotCancelableError' as const;
}

/**
 * True for a `TaskNotCancelableError`, from any realm or copy of the package.
 *
 * @example
 * if (isTaskNotCancelableError(error)) console.error(error.message);
 */
export const isTaskNotCancelableError = guardFor<TaskNotCancelableError>('TaskNotCancelableError');
