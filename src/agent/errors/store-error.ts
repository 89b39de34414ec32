import { A2AClientError, guardFor } from '../../errors/a2a-client-error.js';

/** The agent's store failed to read or write a key. The message names the key, never its value (it may be a secret). */
export class StoreError extends A2AClientError {
	override name = 'StoreError' as const;
	readonly key: string;
	readonly operation: 'get' | 'set';

	/** `detail` says what went wrong, already stripped of secrets; `cause` is the store's own error. */
	constructor(operation: 'get' | 'set', key: string, detail: string, cause?: unknown) {
		super(`store.${operation}(${JSON.stringify(key)}) failed: ${detail}`, { cause });
		this.key = key;
		this.operation = operation;
	}
}

/**
 * @example
 * await agent.register().catch((error) => { if (isStoreError(error)) console.warn(`store ${error.key}: ${error.message}`); else throw error; });
 */
export const isStoreError = guardFor<StoreError>('StoreError');
