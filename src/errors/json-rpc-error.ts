import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

/** The agent answered with a JSON-RPC `error` object. */
export class JsonRpcError extends A2AClientError {
	override name = 'JsonRpcError' as const;
	/** The JSON-RPC error code, when the agent sent one. */
	readonly code: number | undefined;
	/** The JSON-RPC error `data`, when the agent sent it. */
	readonly data: unknown;

	constructor(message: string, code: number | undefined, data: unknown, options?: A2AClientErrorOptions) {
		super(message, options);
		this.code = code;
		this.data = data;
	}
}

export const isJsonRpcError = guardFor<JsonRpcError>('JsonRpcError');
