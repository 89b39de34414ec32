import { pythonRepr } from '../internal/python.js';
import { A2AClientError, guardFor } from './a2a-client-error.js';

/** A peer id is not a UUID; no request was made. */
export class InvalidPeerIdError extends A2AClientError {
	override name = 'InvalidPeerIdError' as const;
	/** The rejected input, as given. */
	readonly input: unknown;

	constructor(input: unknown) {
		super(`invalid peer_id (expected UUID): ${pythonRepr(input)}`);
		this.input = input;
	}
}

export const isInvalidPeerIdError = guardFor<InvalidPeerIdError>('InvalidPeerIdError');
