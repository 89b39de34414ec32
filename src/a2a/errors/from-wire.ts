import { A2AProtocolError, type A2AProtocolErrorOptions } from './a2a-protocol-error.js';
import { ContentTypeNotSupportedError } from './content-type-not-supported-error.js';
import { ExtendedCardNotConfiguredError } from './extended-card-not-configured-error.js';
import { ExtensionSupportRequiredError } from './extension-support-required-error.js';
import { InvalidAgentResponseError } from './invalid-agent-response-error.js';
import { PushNotificationNotSupportedError } from './push-notification-not-supported-error.js';
import { TaskNotCancelableError } from './task-not-cancelable-error.js';
import { TaskNotFoundError } from './task-not-found-error.js';
import { UnsupportedOperationError } from './unsupported-operation-error.js';
import { VersionNotSupportedError } from './version-not-supported-error.js';

type ErrorClass = new (message: string, options: A2AProtocolErrorOptions) => A2AProtocolError;

/** The A2A errors by JSON-RPC code and by `ErrorInfo.reason` (spec §5.4; v0.3 named -32007 the authenticated extended card). */
const known: readonly (readonly [number, string, ErrorClass])[] = [
	[-32001, 'TASK_NOT_FOUND', TaskNotFoundError],
	[-32002, 'TASK_NOT_CANCELABLE', TaskNotCancelableError],
	[-32003, 'PUSH_NOTIFICATION_NOT_SUPPORTED', PushNotificationNotSupportedError],
	[-32004, 'UNSUPPORTED_OPERATION', UnsupportedOperationError],
	[-32005, 'CONTENT_TYPE_NOT_SUPPORTED', ContentTypeNotSupportedError],
	[-32006, 'INVALID_AGENT_RESPONSE', InvalidAgentResponseError],
	[-32007, 'EXTENDED_AGENT_CARD_NOT_CONFIGURED', ExtendedCardNotConfiguredError],
	[-32008, 'EXTENSION_SUPPORT_REQUIRED', ExtensionSupportRequiredError],
	[-32009, 'VERSION_NOT_SUPPORTED', VersionNotSupportedError],
];

/**
 * The typed error for what an agent reported: by the `ErrorInfo.reason` first (HTTP+JSON carries no
 * code), else by the JSON-RPC code; a bare `A2AProtocolError` for any other. `message` is the agent's,
 * already redacted, or a description of the code when it gave none.
 */
export function protocolError(message: string, options: A2AProtocolErrorOptions): A2AProtocolError {
	const row = known.find(([, reason]) => reason === options.reason) ?? known.find(([code]) => code === options.code);
	const text = message || (row ? row[1].toLowerCase().replaceAll('_', ' ') : `error ${options.code ?? options.status ?? ''}`.trim());
	return new (row?.[2] ?? A2AProtocolError)(text, options);
}
