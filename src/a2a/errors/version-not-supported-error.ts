import { guardFor } from '../../errors/a2a-client-error.js';
import { A2AProtocolError } from './a2a-protocol-error.js';

/**
 * The agent does not speak the protocol version asked for; raised before sending when its card offers no interface this client speaks. A2A `VERSION_NOT_SUPPORTED`, JSON-RPC code -32009, HTTP 400.
 *
 * @example
 * try { await connectAgent(url, { protocol: '1.0' }); } catch (error) { if (isVersionNotSupportedError(error)) await connectAgent(url, { protocol: '0.3' }); }
 */
export class VersionNotSupportedError extends A2AProtocolError {
	/** Always `'VersionNotSupportedError'`: what `isVersionNotSupportedError` checks. */
	override name = 'VersionNotSupportedError' as const;
}

/**
 * True for a `VersionNotSupportedError`, from any realm or copy of the package.
 *
 * @example
 * if (isVersionNotSupportedError(error)) console.error(error.message);
 */
export const isVersionNotSupportedError = guardFor<VersionNotSupportedError>('VersionNotSupportedError');
