import { isRecord, jsonValue } from '../internal/json.js';
import type { EventSocketAccept } from './streams.js';

/** A response before it becomes a `Response`: middleware can still add headers and the recorder reads the status. */
export interface Reply {
	status: number;
	headers: Record<string, string>;
	body: string | null;
	/** Bytes sent in place of `body` (a staged file's content). */
	binary?: Uint8Array<ArrayBuffer>;
	/** A body streamed in place of `body` (an SSE stream). */
	stream?: ReadableStream<Uint8Array>;
	/** An accepted `/ws` handshake (status 101): only `DevPlatform.webSocket` can complete it. */
	upgrade?: EventSocketAccept;
}

/** What Gin's `c.JSON` sends. */
export const jsonContentType = 'application/json; charset=utf-8';

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
	return { status, headers: { 'Content-Type': jsonContentType, ...headers }, body: JSON.stringify(value) };
}

/** The platform's error body: `{"error":"<message>"}` plus any extra fields. */
export function errorReply(status: number, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Reply {
	return json(status, { error: message, ...extra }, headers);
}

/** Bytes passed through as Gin's `c.Data(status, "application/json", body)` does. */
export function rawJson(status: number, body: string): Reply {
	return { status, headers: { 'Content-Type': 'application/json' }, body };
}

export function emptyReply(status: number, headers: Record<string, string> = {}): Reply {
	return { status, headers, body: null };
}

/** Gin's answer to an unknown route. */
export function routeNotFound(): Reply {
	return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: '404 page not found' };
}

export function toResponse(reply: Reply): Response {
	// A Response refuses a body on 1xx/204/205/304 statuses.
	const bodyless = reply.status < 200 || reply.status === 204 || reply.status === 205 || reply.status === 304;
	const body = reply.stream ?? reply.binary ?? reply.body;
	return new Response(bodyless ? null : body, { status: reply.status, headers: reply.headers });
}

/** Decodes like Go: invalid UTF-8 becomes U+FFFD and a BOM is kept (so JSON parsing then fails, as in Go). */
export function decodeUtf8(bytes: Uint8Array): string {
	return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'strings' | 'any';

export interface FieldSpec {
	kind: FieldKind;
	/** Gin's `binding:"required"`: a non-empty string, or a present value for `any`. */
	required?: boolean;
}

function fitsKind(value: unknown, kind: FieldKind): boolean {
	switch (kind) {
		case 'string':
			return typeof value === 'string';
		case 'number':
			return typeof value === 'number';
		case 'integer':
			return Number.isInteger(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'object':
			return isRecord(value);
		case 'strings':
			return Array.isArray(value) && value.every((item) => typeof item === 'string');
		case 'any':
			return true;
	}
}

/**
 * Binds a JSON body the way Gin's `ShouldBindJSON` binds it into a Go struct: the body must be a
 * JSON object (or `null`), a field of the wrong type fails, `null` leaves the Go zero value, and
 * required strings must be non-empty. Answers the object, or `null` when binding fails.
 */
export function bindJson(body: string | null, fields: Record<string, FieldSpec>): Record<string, unknown> | null {
	const parsed = body === null ? undefined : jsonValue(body);
	if (parsed === undefined || !(parsed === null || isRecord(parsed))) return null;
	const object = parsed ?? {};
	for (const [name, spec] of Object.entries(fields)) {
		const value = object[name];
		const missing = spec.kind === 'any' ? !(name in object) : value === undefined || value === null || value === '';
		if (spec.required && missing) return null;
		if (value !== undefined && value !== null && !fitsKind(value, spec.kind)) return null;
	}
	return object;
}
