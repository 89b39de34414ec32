import { isRecord, jsonValue } from '../internal/json.js';
import type { JsonRpcRequest } from './agent-types.js';

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

/** How the caller shapes normalisation (contract §7.2). */
export interface NormaliseOptions {
	/** A canvas-class `message/send` without a `contextId` gets `canvas-<this id>`. */
	canvasContextFor?: string;
	/** A verified human: `params.metadata` says so. */
	human?: boolean;
}

/** Why a body was refused: the 400 body's `error` and, for message shape problems, a `hint`. */
export interface EnvelopeProblem {
	error: string;
	hint?: string;
}

const partsOrContent: EnvelopeProblem = {
	error: "params.message must contain either 'parts' (v0.3) or 'content' (v0.2 compat)",
	hint: 'send params.message.parts, e.g. [{"kind":"text","text":"hello"}]',
};
const contentType: EnvelopeProblem = {
	error: 'invalid params.message.content type',
	hint: 'params.message.content must be a string or an array of parts',
};

/** Brings `params.message` to v0.3: a role, `parts` (from v0.2 `content`), `kind` on every part, a `messageId`. */
function normaliseMessage(message: Record<string, unknown>, uuid: () => string): EnvelopeProblem | null {
	if (!('parts' in message)) {
		const content = message['content'];
		if (content === undefined) return partsOrContent;
		if (typeof content === 'string') message['parts'] = [{ kind: 'text', text: content }];
		else if (Array.isArray(content)) message['parts'] = content;
		else return contentType;
		delete message['content'];
	}
	if (Array.isArray(message['parts'])) {
		for (const part of message['parts']) {
			if (isRecord(part) && 'type' in part && !('kind' in part)) {
				part['kind'] = part['type'];
				delete part['type'];
			}
		}
	}
	if (typeof message['role'] !== 'string' || message['role'] === '') message['role'] = 'user';
	if (!('messageId' in message)) message['messageId'] = uuid();
	return null;
}

/**
 * `normalizeA2APayload` (contract §7.2). The body must be a JSON object (`null` counts as an empty
 * one, as in Go); without a `jsonrpc` key it is replaced by a fresh envelope keeping only `method`
 * and `params`; `params.message` is brought to v0.3; canvas-class turns get a default `contextId`
 * and humans their identity metadata. Answers the envelope, or the problem to answer 400 with.
 */
export function normaliseEnvelope(body: string, uuid: () => string, options: NormaliseOptions = {}): Envelope | EnvelopeProblem {
	const parsed = jsonValue(body);
	if (parsed === undefined || !(parsed === null || isRecord(parsed))) return { error: 'invalid JSON' };
	let payload: Record<string, unknown> = parsed ?? {};
	if (!('jsonrpc' in payload)) {
		payload = { jsonrpc: '2.0', id: uuid(), method: payload['method'] ?? null, params: payload['params'] ?? null };
	}
	const params = payload['params'];
	const message = isRecord(params) ? params['message'] : undefined;
	if (isRecord(message)) {
		const problem = normaliseMessage(message, uuid);
		if (problem) return problem;
		const contextId = message['contextId'];
		const blank = typeof contextId !== 'string' || contextId.trim() === '';
		if (options.canvasContextFor !== undefined && payload['method'] === 'message/send' && blank) {
			message['contextId'] = `canvas-${options.canvasContextFor}`;
		}
	}
	if (options.human && isRecord(params)) {
		const metadata = isRecord(params['metadata']) ? params['metadata'] : {};
		params['metadata'] = { ...metadata, source: 'canvas_user', user_identity_status: 'UNAUTHENTICATED' };
	}
	const text = goJson(payload);
	const method = payload['method'];
	return { request: JSON.parse(text) as JsonRpcRequest, text, method: typeof method === 'string' ? method : '' };
}

/** A delivery hint: `params.expires_in_seconds` when it is a positive number, in ms. */
export function expiresInMs(request: JsonRpcRequest): number | null {
	const params = request.params;
	const seconds = isRecord(params) ? params['expires_in_seconds'] : undefined;
	return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
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
