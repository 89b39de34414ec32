import { pythonRepr } from '../internal/python.js';
import { A2AClientError, guardFor } from './a2a-client-error.js';

/** A peer id is not a UUID; no request was made. */
export class InvalidPeerIdError extends A2AClientError {
	/** Always `'InvalidPeerIdError'`: what `isInvalidPeerIdError` checks. */
	override name = 'InvalidPeerIdError' as const;
	/** The rejected input, as given, but for a token value the client knows, which reads `[redacted]`. */
	readonly input: unknown;

	/**
	 * Builds the error for a peer id that is not a UUID.
	 *
	 * @param input The rejected input, as given; the message shows it as Python's `repr` would.
	 */
	constructor(input: unknown) {
		super(`invalid peer_id (expected UUID): ${pythonRepr(input)}`);
		this.input = input;
	}
}

/**
 * True for an `InvalidPeerIdError`, from any realm or copy of the package.
 *
 * @example
 * if (outcome.status === 'failed' && isInvalidPeerIdError(outcome.error)) console.error(`not a workspace id: ${String(outcome.error.input)}`);
 */
export const isInvalidPeerIdError = guardFor<InvalidPeerIdError>('InvalidPeerIdError');
