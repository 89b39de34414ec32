import { A2AClientError, isA2AClientError, type A2AClientErrorOptions } from '../../errors/a2a-client-error.js';

/** Marks the A2A protocol errors, so one guard finds every subclass across realms and copies. */
const brand = Symbol.for('@molecule-ai/a2a-client/a2a-protocol-error');

/** The facts of an A2A protocol error, given to its constructor. */
export interface A2AProtocolErrorOptions extends A2AClientErrorOptions {
	/** The JSON-RPC error code (`-32001`, …), when the error came as a JSON-RPC error. */
	code?: number | undefined;
	/** The HTTP status of the answer that carried the error (200 for JSON-RPC, 404, 400, … for HTTP+JSON). */
	status?: number | undefined;
	/** The `ErrorInfo.reason` the agent gave (`TASK_NOT_FOUND`, …). */
	reason?: string | undefined;
	/** The error's `data` (JSON-RPC) or `details` (HTTP+JSON), as the agent sent it. */
	data?: unknown;
}

/**
 * An error the agent reported in the A2A protocol (a JSON-RPC `error`, an HTTP+JSON `google.rpc.Status`),
 * or one the client raised for the same reason before sending (a push config for an agent whose card
 * says it has no push notifications). The subclasses name the A2A errors (`TaskNotFoundError`, …); a
 * bare `A2AProtocolError` carries any other code, such as JSON-RPC's `-32602` invalid params.
 *
 * @example
 * try { await agent.getTask(id); } catch (error) { if (isA2AProtocolError(error)) console.error(error.code, error.status, error.reason); }
 */
export class A2AProtocolError extends A2AClientError {
	/** `'A2AProtocolError'` here, each subclass's own literal there (`'TaskNotFoundError'`, …). */
	override name: string = 'A2AProtocolError';
	/** The JSON-RPC error code; `undefined` for an HTTP+JSON error or one raised by the client. */
	readonly code: number | undefined;
	/** The HTTP status of the answer that carried it; `undefined` for one raised by the client. */
	readonly status: number | undefined;
	/** The `ErrorInfo.reason` the agent gave, e.g. `TASK_NOT_FOUND`. */
	readonly reason: string | undefined;
	/** The error's `data` or `details`, as the agent sent them. */
	readonly data: unknown;

	/**
	 * Builds the error from what the agent said.
	 *
	 * @param message The agent's message, or the client's own words.
	 * @param options The JSON-RPC code, HTTP status, reason, data and the common facts.
	 */
	constructor(message: string, options: A2AProtocolErrorOptions = {}) {
		super(message, options);
		this.code = options.code;
		this.status = options.status;
		this.reason = options.reason;
		this.data = options.data;
		Object.defineProperty(this, brand, { value: true });
	}
}

/**
 * True for an `A2AProtocolError` or any of its subclasses, from any realm or copy of the package.
 *
 * @example
 * if (isA2AProtocolError(error) && error.code === -32602) console.error('the agent refused the parameters');
 */
export function isA2AProtocolError(value: unknown): value is A2AProtocolError {
	return isA2AClientError(value) && brand in value;
}
