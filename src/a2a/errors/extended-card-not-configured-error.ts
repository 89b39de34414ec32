import { guardFor } from '../../errors/a2a-client-error.js';
import { A2AProtocolError } from './a2a-protocol-error.js';

/**
 * The agent has no extended (authenticated) agent card. A2A `EXTENDED_AGENT_CARD_NOT_CONFIGURED`, JSON-RPC code -32007, HTTP 400.
 *
 * @example
 * if (isExtendedCardNotConfiguredError(error)) console.log('no extended card');
 */
export class ExtendedCardNotConfiguredError extends A2AProtocolError {
	/** Always `'ExtendedCardNotConfiguredError'`: what `isExtendedCardNotConfiguredError` checks. */
	override name = 'ExtendedCardNotConfiguredError' as const;
}

/**
 * True for a `ExtendedCardNotConfiguredError`, from any realm or copy of the package.
 *
 * @example
 * if (isExtendedCardNotConfiguredError(error)) console.error(error.message);
 */
export const isExtendedCardNotConfiguredError = guardFor<ExtendedCardNotConfiguredError>('ExtendedCardNotConfiguredError');
