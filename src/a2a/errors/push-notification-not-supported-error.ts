import { guardFor } from '../../errors/a2a-client-error.js';
import { A2AProtocolError } from './a2a-protocol-error.js';

/**
 * The agent does not send push notifications; raised before sending when its card says so. A2A `PUSH_NOTIFICATION_NOT_SUPPORTED`, JSON-RPC code -32003, HTTP 400.
 *
 * @example
 * try { await agent.createPushConfig(id, { url }); } catch (error) { if (isPushNotificationNotSupportedError(error)) pollInstead(id); }
 */
export class PushNotificationNotSupportedError extends A2AProtocolError {
	/** Always `'PushNotificationNotSupportedError'`: what `isPushNotificationNotSupportedError` checks. */
	override name = 'PushNotificationNotSupportedError' as const;
}

/**
 * True for a `PushNotificationNotSupportedError`, from any realm or copy of the package.
 *
 * @example
 * if (isPushNotificationNotSupportedError(error)) console.error(error.message);
 */
export const isPushNotificationNotSupportedError = guardFor<PushNotificationNotSupportedError>('PushNotificationNotSupportedError');
