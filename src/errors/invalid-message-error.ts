import { A2AClientError, guardFor } from './a2a-client-error.js';

/** The message given to `sendMessage` cannot be sent; names the field at fault. No request was made. */
export class InvalidMessageError extends A2AClientError {
	override name = 'InvalidMessageError' as const;
	/** Dot path of the offending field inside the message, e.g. `parts.0.text`; empty for the message itself. */
	readonly field: string;

	constructor(field: string, problem: string) {
		super(field ? `invalid message at ${field}: ${problem}` : `invalid message: ${problem}`);
		this.field = field;
	}
}

export const isInvalidMessageError = guardFor<InvalidMessageError>('InvalidMessageError');
