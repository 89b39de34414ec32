import { guardFor } from '../../errors/a2a-client-error.js';
import { A2AProtocolError } from './a2a-protocol-error.js';

/**
 * The agent does not accept a media type of the message (or the request's Content-Type). A2A `CONTENT_TYPE_NOT_SUPPORTED`, JSON-RPC code -32005, HTTP 400.
 *
 * @example
 * try { await agent.send(message); } catch (error) { if (isContentTypeNotSupportedError(error)) await agent.send('as text, please'); }
 */
export class ContentTypeNotSupportedError extends A2AProtocolError {
	/** Always `'ContentTypeNotSupportedError'`: what `isContentTypeNotSupportedError` checks. */
	override name = 'ContentTypeNotSupportedError' as const;
}

/**
 * True for a `ContentTypeNotSupportedError`, from any realm or copy of the package.
 *
 * @example
 * if (isContentTypeNotSupportedError(error)) console.error(error.message);
 */
export const isContentTypeNotSupportedError = guardFor<ContentTypeNotSupportedError>('ContentTypeNotSupportedError');
