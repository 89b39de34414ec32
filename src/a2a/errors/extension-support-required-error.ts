import { guardFor } from '../../errors/a2a-client-error.js';
import { A2AProtocolError } from './a2a-protocol-error.js';

/**
 * The agent requires an extension the request did not declare. A2A `EXTENSION_SUPPORT_REQUIRED`, JSON-RPC code -32008, HTTP 400.
 *
 * @example
 * if (isExtensionSupportRequiredError(error)) console.error(error.message, error.data);
 */
export class ExtensionSupportRequiredError extends A2AProtocolError {
	/** Always `'ExtensionSupportRequiredError'`: what `isExtensionSupportRequiredError` checks. */
	override name = 'ExtensionSupportRequiredError' as const;
}

/**
 * True for a `ExtensionSupportRequiredError`, from any realm or copy of the package.
 *
 * @example
 * if (isExtensionSupportRequiredError(error)) console.error(error.message);
 */
export const isExtensionSupportRequiredError = guardFor<ExtensionSupportRequiredError>('ExtensionSupportRequiredError');
