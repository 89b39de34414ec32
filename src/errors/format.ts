import { kindOf } from '../internal/describe.js';
import { validatePeerId } from '../peer-id.js';
import { isA2AClientError } from './a2a-client-error.js';
import { isAgentError } from './agent-error.js';
import { isHttpError } from './http-error.js';
import { isInvalidPeerIdError } from './invalid-peer-id-error.js';
import { isJsonRpcError, type JsonRpcError } from './json-rpc-error.js';
import { isQueuedMessageError } from './queued-message-error.js';
import { isReplyTimeoutError } from './reply-timeout-error.js';
import { isResponseValidationError } from './response-validation-error.js';
import { isTransportError } from './transport-error.js';
import { isUnexpectedResponseError } from './unexpected-response-error.js';

/**
 * Sentinel that starts every error string handed to agents; the canvas strips it and matches hints on the rest.
 *
 * @example
 * if (text.startsWith(A2A_ERROR_PREFIX)) showHint(hintForError(text));
 */
export const A2A_ERROR_PREFIX = '[A2A_ERROR] ';
/**
 * Sentinel that starts `sendText`'s line for a message the platform accepted for later delivery instead of answering.
 *
 * @example
 * if (text.startsWith(A2A_QUEUED_PREFIX)) console.log('the reply will not come back to this call');
 */
export const A2A_QUEUED_PREFIX = '[A2A_QUEUED] ';

/** Python's `_format_a2a_error` detail: never empty, never a doubled type prefix. */
function typedDetail(type: string, message: string): string {
	const text = message.trim();
	if (!text) return `${type} (no message — likely connection reset or silent timeout)`;
	return text.startsWith(`${type}:`) || text.startsWith(`${type} `) ? text : `${type}: ${text}`;
}

function jsonRpcDetail(error: JsonRpcError): string {
	const message = error.message.trim();
	const code = error.code === undefined ? '' : ` (code=${error.code})`;
	return message ? message + code : `JSON-RPC error with no message${code}`;
}

function detailOf(error: unknown): string {
	if (isTransportError(error)) return typedDetail(error.kind, error.message);
	if (isJsonRpcError(error)) return jsonRpcDetail(error);
	if (isHttpError(error)) {
		const wait = error.retryAfterMs === undefined ? '' : ` (retry_after=${Math.ceil(error.retryAfterMs / 1000)}s)`;
		return error.message + wait;
	}
	if (isUnexpectedResponseError(error) || isResponseValidationError(error) || isQueuedMessageError(error) || isReplyTimeoutError(error)) return error.message;
	// A bare A2AClientError wraps a foreign failure: name that failure, as Python named the exception class.
	const named = isA2AClientError(error) && error.name === 'A2AClientError' && error.cause instanceof Error ? error.cause : error;
	if (named instanceof Error) return typedDetail(named.name, named.message);
	// String() throws for an object with no prototype; what was thrown is no concern of the caller's.
	let text: string;
	try {
		text = String(error);
	} catch {
		text = kindOf(error);
	}
	return typedDetail('Error', text);
}

/**
 * Turns any error into the `[A2A_ERROR] …` string that agents and the canvas parse, worded like the
 * Python client's `_format_a2a_error`: `[A2A_ERROR] <detail> [target=<url>]`. The detail is never empty
 * and never repeats the error's type. `@molecule-ai/a2a-client/hints` tells a person what to do about it.
 *
 * @param error Anything thrown or carried by a `'failed'` outcome.
 * @returns A one-line string starting with `A2A_ERROR_PREFIX`.
 * @example
 * formatA2AError(new TransportError('ReadTimeout', 'timed out after 300000 ms', { target: 'http://localhost:8080/workspaces/…/a2a' }));
 * // '[A2A_ERROR] ReadTimeout: timed out after 300000 ms [target=http://localhost:8080/workspaces/…/a2a]'
 */
export function formatA2AError(error: unknown): string {
	if (isInvalidPeerIdError(error) || isAgentError(error)) return A2A_ERROR_PREFIX + error.message;
	const target = isA2AClientError(error) ? error.target : undefined;
	return A2A_ERROR_PREFIX + detailOf(error) + (target ? ` [target=${target}]` : '');
}

/**
 * The line that stands for a message the platform accepted for later delivery instead of answering
 * (every `queued` outcome of `sendMessage`): `[A2A_QUEUED] target=<peer id> method=<method>`. A
 * peer id that is a UUID is written in its canonical lower-case form; any other is written as given.
 *
 * @param peerId The workspace the message was sent to.
 * @param method The JSON-RPC method that was queued. Default `'message/send'`.
 * @example formatA2AQueued('A2A00000-0000-4000-8000-000000000006') // '[A2A_QUEUED] target=a2a00000-0000-4000-8000-000000000006 method=message/send'
 */
export function formatA2AQueued(peerId: string, method = 'message/send'): string {
	return `${A2A_QUEUED_PREFIX}target=${validatePeerId(peerId) ?? peerId} method=${method}`;
}
