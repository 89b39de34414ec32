import { isRecord, parseJson } from './http.js';
import type { JsonRpcRequest } from './types.js';

/** The proxy's normalised request: the object, its bytes as sent on, and the method for logs. */
export interface Envelope {
	request: JsonRpcRequest;
	text: string;
	/** `''` when the method is not a string. */
	method: string;
}

/** Go's `json.Marshal` escapes these even inside strings; only strings can contain them. */
const goEscapes: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (!isRecord(value)) return value;
	return Object.fromEntries(
		Object.keys(value)
			.sort()
			.map((key) => [key, sortKeys(value[key])]),
	);
}

/** Serialises as Go marshals a `map[string]interface{}`: keys sorted, HTML characters escaped. */
export function goJson(value: unknown): string {
	return JSON.stringify(sortKeys(value)).replace(/[<>&\u2028\u2029]/g, (character) => goEscapes[character] ?? character);
}

/**
 * `normalizeA2APayload` (§4.1). The body must be a JSON object (`null` counts as an empty one, as
 * in Go); without a `jsonrpc` key it is replaced by a fresh envelope keeping only `method` and
 * `params`; a `params.message` object without `messageId` gets one. `null` means invalid JSON.
 */
export function normaliseEnvelope(body: string, uuid: () => string): Envelope | null {
	const parsed = parseJson(body);
	if (parsed === undefined || !(parsed === null || isRecord(parsed))) return null;
	let payload: Record<string, unknown> = parsed ?? {};
	if (!('jsonrpc' in payload)) {
		payload = { jsonrpc: '2.0', id: uuid(), method: payload['method'] ?? null, params: payload['params'] ?? null };
	}
	const params = payload['params'];
	const message = isRecord(params) ? params['message'] : undefined;
	if (isRecord(message) && !('messageId' in message)) message['messageId'] = uuid();
	const text = goJson(payload);
	const method = payload['method'];
	return { request: JSON.parse(text) as JsonRpcRequest, text, method: typeof method === 'string' ? method : '' };
}

/** The queue's idempotency key: a string `params.message.messageId`, else `''` (no idempotency). */
export function idempotencyKeyOf(request: JsonRpcRequest): string {
	const params = request.params;
	const message = isRecord(params) ? params['message'] : undefined;
	const messageId = isRecord(message) ? message['messageId'] : undefined;
	return typeof messageId === 'string' ? messageId : '';
}

/** The text of every text part of the request's message, joined by newlines; `kind` or v0 `type` both count. */
export function requestText(request: JsonRpcRequest): string {
	const params = request.params;
	const message = isRecord(params) ? params['message'] : undefined;
	const parts = isRecord(message) && Array.isArray(message['parts']) ? (message['parts'] as unknown[]) : [];
	return parts
		.filter((part): part is Record<string, unknown> => isRecord(part) && (part['kind'] ?? part['type']) === 'text' && typeof part['text'] === 'string')
		.map((part) => part['text'] as string)
		.join('\n');
}

/** The request message's `contextId`, when it has a string one. */
export function requestContextId(request: JsonRpcRequest): string | undefined {
	const params = request.params;
	const message = isRecord(params) ? params['message'] : undefined;
	const contextId = isRecord(message) ? message['contextId'] : undefined;
	return typeof contextId === 'string' ? contextId : undefined;
}
