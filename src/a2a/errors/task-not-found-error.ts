import { guardFor } from '../../errors/a2a-client-error.js';
import { A2AProtocolError } from './a2a-protocol-error.js';

/**
 * The agent knows no task of that id (it may have expired, or belong to another tenant). A2A `TASK_NOT_FOUND`, JSON-RPC code -32001, HTTP 404.
 *
 * @example
 * try { await agent.getTask(id); } catch (error) { if (isTaskNotFoundError(error)) forget(id); }
 */
export class TaskNotFoundError extends A2AProtocolError {
	/** Always `'TaskNotFoundError'`: what `isTaskNotFoundError` checks. */
	override name = 'TaskNotFoundError' as const;
}

/**
 * True for a `TaskNotFoundError`, from any realm or copy of the package.
 *
 * @example
 * if (isTaskNotFoundError(error)) console.error(error.message);
 */
export const isTaskNotFoundError = guardFor<TaskNotFoundError>('TaskNotFoundError');
