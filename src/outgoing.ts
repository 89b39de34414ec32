import { InvalidMessageError } from './errors/invalid-message-error.js';
import { isRecord } from './internal/json.js';
import { OutgoingMessageSchema } from './schemas/a2a.js';
import { parse, parsePart } from './schemas/parse.js';
import type { Part } from './types/a2a.js';

/** The platform proxy reads request bodies up to 16 MiB and refuses larger ones with 413 (addendum §4.1). */
export const maxRequestBytes = 16 << 20;

/** A message that passed `checkMessage`. */
export interface CheckedMessage {
	parts: Part[];
	metadata?: Record<string, unknown> | undefined;
}

const isBlank = (part: Part): boolean => part.kind === 'text' && part.text.trim() === '';

/**
 * The message's parts, each checked against the schema of its kind; throws `InvalidMessageError` naming
 * the first bad field. A message with no content (only empty or whitespace text) is refused, as the CLI
 * refuses it: it is nearly always an unset variable or an empty read upstream, and an agent would spend
 * a turn on it.
 */
export function checkMessage(message: unknown): CheckedMessage {
	if (typeof message === 'string') {
		if (message.trim() === '') throw new InvalidMessageError('', 'is empty (or only whitespace): there is nothing to send');
		return { parts: [{ kind: 'text', text: message }] };
	}
	if (!isRecord(message)) throw new InvalidMessageError('', 'must be a string or { parts, metadata? }');
	const checked = parse(OutgoingMessageSchema, message);
	if (!checked.success) throw new InvalidMessageError(checked.issues[0]?.path ?? '', checked.issues[0]?.message ?? 'is invalid');
	if (checked.output.parts.length === 0) throw new InvalidMessageError('parts', 'must hold at least one part');
	const parts = checked.output.parts.map((part, index) => {
		const parsed = parsePart(part, `parts.${index}`);
		if (!parsed.success) throw new InvalidMessageError(parsed.issues[0]?.path ?? '', parsed.issues[0]?.message ?? 'is invalid');
		const { output } = parsed;
		if (output.kind === 'file' && typeof output.file.uri !== 'string' && typeof output.file.bytes !== 'string') {
			throw new InvalidMessageError(`parts.${index}.file`, 'must have a uri or bytes');
		}
		// JSON drops an undefined member: the agent would get a data part with no data.
		if (output.kind === 'data' && output.data === undefined) throw new InvalidMessageError(`parts.${index}.data`, 'must be a JSON value, got undefined');
		return output;
	});
	if (parts.every(isBlank)) throw new InvalidMessageError('parts', 'must carry content: every part is empty or whitespace text');
	return { parts, metadata: checked.output.metadata };
}

/**
 * The error for a message `JSON.stringify` refused (a BigInt, a cycle), naming the smallest field that
 * fails on its own. Only built after the body failed, so a valid message pays nothing for it.
 */
function unwritable(parts: Part[], metadata: unknown, error: unknown): InvalidMessageError {
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
	const field = part ? `parts.${index}${part.kind === 'data' && fails(part.data) ? '.data' : ''}` : fails(metadata) ? 'metadata' : '';
	// Engines spread the cycle message over lines; one line reads better in a log or a CLI error.
	return new InvalidMessageError(field, `cannot be written as JSON: ${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')}`);
}

/**
 * The JSON-RPC `message/send` body for a checked message. Throws `InvalidMessageError` naming the
 * field when a value cannot be written as JSON (a BigInt, a cycle) or the body exceeds what the proxy reads.
 */
export function messageSendBody({ parts, metadata }: CheckedMessage, messageId: string, requestId: string): string {
	let body: string;
	try {
		body = JSON.stringify({
			jsonrpc: '2.0',
			id: requestId,
			method: 'message/send',
			params: { message: { role: 'user', messageId, parts, ...(metadata && { metadata }) } },
		});
	} catch (error) {
		throw unwritable(parts, metadata, error);
	}
	// UTF-8 takes at most 3 bytes per UTF-16 unit: short bodies need no encoding pass.
	const bytes = body.length * 3 > maxRequestBytes ? new TextEncoder().encode(body).byteLength : body.length;
	if (bytes > maxRequestBytes) throw new InvalidMessageError('', `is ${bytes} bytes as JSON; the platform proxy accepts at most ${maxRequestBytes}`);
	return body;
}
