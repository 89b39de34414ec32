import { A2AClientError, guardFor } from '../../errors/a2a-client-error.js';

/**
 * The agent's store failed to read or write a key. The message names the key, never its value (it may
 * be a secret). A value that could not be written is kept in memory, so the running agent goes on.
 *
 * @example
 * await agent.register().catch((error) => { if (isStoreError(error)) console.warn(`store ${error.key}: ${error.message}`); else throw error; });
 */
export class StoreError extends A2AClientError {
	/** Always `'StoreError'`: what `isStoreError` checks. */
	override name = 'StoreError' as const;
	/** The key that could not be read or written: `token`, `inboundSecret` or `inbox`. */
	readonly key: string;
	/** Whether reading (`get`) or writing (`set`) failed. */
	readonly operation: 'get' | 'set';

	/** `detail` says what went wrong, already stripped of secrets. */
	constructor(operation: 'get' | 'set', key: string, detail: string) {
		super(`store.${operation}(${JSON.stringify(key)}) failed: ${detail}`);
		this.key = key;
		this.operation = operation;
	}
}

/**
 * True for a `StoreError`, even one from another copy of the package.
 *
 * @example
 * if (isStoreError(error)) console.warn(`the agent store failed on ${error.key}`);
 */
export const isStoreError = guardFor<StoreError>('StoreError');
