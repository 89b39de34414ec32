import { A2AClientError, guardFor } from './a2a-client-error.js';

/** The message given to `sendMessage` cannot be sent; names the field at fault. No request was made. */
export class InvalidMessageError extends A2AClientError {
	/** Always `'InvalidMessageError'`: what `isInvalidMessageError` checks. */
	override name = 'InvalidMessageError' as const;
	/** Dot path of the offending field inside the message, e.g. `parts.0.text`; `message` for the message itself. */
	readonly field: string;

	/**
	 * Builds the error naming the message field at fault.
	 *
	 * @param field Dot path of the offending field, `''` for the message itself.
	 * @param problem What is wrong with it, e.g. `must hold at least one part`.
	 */
	constructor(field: string, problem: string) {
		super(field === 'message' || field === '' ? `invalid message: ${problem}` : `invalid message at ${field}: ${problem}`);
		this.field = field;
	}
}

/**
 * True for an `InvalidMessageError`, from any realm or copy of the package.
 *
 * @example
 * if (outcome.status === 'failed' && isInvalidMessageError(outcome.error)) console.error(`fix ${outcome.error.field}`);
 */
export const isInvalidMessageError = guardFor<InvalidMessageError>('InvalidMessageError');
