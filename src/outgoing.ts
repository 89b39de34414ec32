import { InvalidMessageError } from './errors/invalid-message-error.js';
import { kindOf } from './internal/describe.js';
import { isRecord } from './internal/json.js';
import { OutgoingMessageSchema } from './schemas/a2a.js';
import { parse, parsePart, type Parsed } from './schemas/parse.js';
import type { Part } from './types/a2a.js';

/** The platform proxy reads request bodies up to 16 MiB and refuses larger ones with 413 (addendum §4.1). */
export const maxRequestBytes = 16 << 20;

/** A message that passed `checkMessage`. */
export interface CheckedMessage {
	parts: Part[];
	metadata?: Record<string, unknown> | undefined;
}

const isBlank = (part: Part): boolean => part.kind === 'text' && part.text.trim() === '';

/** Removes secret values from text that may quote the caller's values (a key, a `kind` received). */
type Redact = (text: string) => string;

/** The first issue of a failed check, as the error; redacted, as the issue quotes what it received. */
const firstIssue = ({ issues }: Extract<Parsed<unknown>, { success: false }>, redact: Redact): InvalidMessageError =>
	new InvalidMessageError(redact(issues[0]?.path || 'message'), redact(issues[0]?.message ?? 'is invalid'));

/** The error for the field at `path`: an `InvalidMessageError` for a message, a `ConfigError` for an agent's argument. */
export type JsonFailure = (path: string, problem: string) => Error;

const invalidMessage: JsonFailure = (path, problem) => new InvalidMessageError(path, problem);

/**
 * Throws `fail(path, problem)` at the first thing in `value` that JSON would drop or change: the
 * receiver would get a member with no value (`undefined`, a function, a symbol), `{}` for a `Map`, or
 * `null` for `NaN`. An `undefined` object member is left out, as JSON leaves it; a value with
 * `toJSON` (a `Date`) writes itself. A cycle and a BigInt are left to `JSON.stringify` to report,
 * unless `whole` is set: then they are refused here too, naming where they are (the agent's bodies,
 * which ky writes, so a throw there would be a transport failure naming no field).
 */
export function refuseNonJson(value: unknown, path: string, fail: JsonFailure = invalidMessage, whole = false, ancestors: unknown[] = []): void {
	if (value === null || typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value)) return;
	if (typeof value === 'bigint' && !whole) return;
	if (ancestors.includes(value)) {
		if (whole) throw fail(path, 'must be a JSON value, got a cycle');
		return;
	}
	const prototype: unknown = isRecord(value) && Object.getPrototypeOf(value);
	if (Array.isArray(value) || prototype === Object.prototype || prototype === null) {
		for (const [key, item] of Object.entries(value as object)) if (item !== undefined || Array.isArray(value)) refuseNonJson(item, `${path}.${key}`, fail, whole, [...ancestors, value]);
		return;
	}
	if (isRecord(value) && typeof value['toJSON'] === 'function') return;
	throw fail(path, `must be a JSON value, got ${isRecord(value) ? `a ${(value.constructor as { name?: string } | undefined)?.name || 'object'}` : kindOf(value)}`);
}

/** The size of `text` in UTF-8; short text (at most 3 bytes per UTF-16 unit) needs no encoding pass to be known under the limit. */
export function requestBytes(text: string): number {
	return text.length * 3 > maxRequestBytes ? new TextEncoder().encode(text).byteLength : text.length;
}

/**
 * The message's parts, each checked against the schema of its kind; throws `InvalidMessageError` naming
 * the first bad field. A message with no content (only empty or whitespace text) is refused, as the CLI
 * refuses it: it is nearly always an unset variable or an empty read upstream, and an agent would spend
 * a turn on it.
 */
export function checkMessage(message: unknown, redact: Redact): CheckedMessage {
	if (typeof message === 'string') {
		if (message.trim() === '') throw new InvalidMessageError('message', 'is empty (or only whitespace): there is nothing to send');
		return { parts: [{ kind: 'text', text: message }] };
	}
	if (!isRecord(message)) throw new InvalidMessageError('message', 'must be a string or { parts, metadata? }');
	const checked = parse(OutgoingMessageSchema, message);
	if (!checked.success) throw firstIssue(checked, redact);
	if (checked.output.parts.length === 0) throw new InvalidMessageError('parts', 'must hold at least one part');
	const parts = checked.output.parts.map((part, index) => {
		const parsed = parsePart(part, `parts.${index}`);
		if (!parsed.success) throw firstIssue(parsed, redact);
		const { output } = parsed;
		if (output.kind === 'file' && typeof output.file.uri !== 'string' && typeof output.file.bytes !== 'string') {
			throw new InvalidMessageError(`parts.${index}.file`, 'must have a uri or bytes');
		}
		if (output.kind === 'data') refuseNonJson(output.data, `parts.${index}.data`);
		return output;
	});
	refuseNonJson(checked.output.metadata ?? {}, 'metadata');
	if (parts.every(isBlank)) throw new InvalidMessageError('parts', 'must carry content: every part is empty or whitespace text');
	return { parts, metadata: checked.output.metadata };
}

/**
 * The error for a message `JSON.stringify` refused (a BigInt, a cycle), naming the smallest field that
 * fails on its own. Only built after the body failed, so a valid message pays nothing for it.
 */
function unwritable(parts: Part[], metadata: unknown, error: unknown, redact: Redact): InvalidMessageError {
	const fails = (value: unknown): boolean => {
		try {
			JSON.stringify(value);
			return false;
		} catch {
			return true;
		}
	};
	const index = parts.findIndex(fails);
	const part = parts[index];
	const field = part ? `parts.${index}${part.kind === 'data' && fails(part.data) ? '.data' : ''}` : fails(metadata) ? 'metadata' : 'message';
	// Engines spread the cycle message over lines; one line reads better in a log or a CLI error.
	return new InvalidMessageError(field, `cannot be written as JSON: ${redact(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')}`);
}

/**
 * The JSON-RPC `message/send` body for a checked message, as a value and as the text it was checked as. Throws
 * `InvalidMessageError` naming the field when a value cannot be written as JSON (a BigInt, a cycle)
 * or the body, written, exceeds what the proxy reads.
 */
export function messageSendBody({ parts, metadata }: CheckedMessage, messageId: string, requestId: string, redact: Redact): { json: object; jsonText: string } {
	const envelope = {
		jsonrpc: '2.0',
		id: requestId,
		method: 'message/send',
		params: { message: { role: 'user', messageId, parts, ...(metadata && { metadata }) } },
	};
	let body: string;
	try {
		body = JSON.stringify(envelope);
	} catch (error) {
		throw unwritable(parts, metadata, error, redact);
	}
	const bytes = requestBytes(body);
	if (bytes > maxRequestBytes) throw new InvalidMessageError('message', `is ${bytes} bytes as JSON; the platform proxy accepts at most ${maxRequestBytes}`);
	return { json: envelope, jsonText: body };
}
