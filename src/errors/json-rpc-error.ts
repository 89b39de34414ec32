import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

/** The agent answered with a JSON-RPC `error` object. */
export class JsonRpcError extends A2AClientError {
	/** Always `'JsonRpcError'`: what `isJsonRpcError` checks. */
	override name = 'JsonRpcError' as const;
	/** The JSON-RPC error code, when the agent sent one. */
	readonly code: number | undefined;
	/** The JSON-RPC error `data`, when the agent sent it. */
	readonly data: unknown;

	/**
	 * Builds the error for an agent's JSON-RPC error object.
	 *
	 * @param message The error object's `message` (`''` when it had none).
	 * @param code The error object's `code`, when it had one.
	 * @param data The error object's `data`, when it had one.
	 * @param options The `target` and the common facts.
	 */
	constructor(message: string, code: number | undefined, data: unknown, options?: A2AClientErrorOptions) {
		super(message, options);
		this.code = code;
		this.data = data;
	}
}

/**
 * True for a `JsonRpcError`, from any realm or copy of the package.
 *
 * @example
 * if (outcome.status === 'failed' && isJsonRpcError(outcome.error)) console.error(`agent error ${outcome.error.code ?? '?'}: ${outcome.error.message}`);
 */
export const isJsonRpcError = guardFor<JsonRpcError>('JsonRpcError');
