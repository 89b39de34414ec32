import { InvalidMessageError } from '../errors/invalid-message-error.js';
import { refuseNonJson } from '../outgoing.js';
import { kindOf } from '../internal/describe.js';
import { isRecord } from '../internal/json.js';
import type { WireMessage } from './operation.js';
import type { Part } from './types.js';

/**
 * What `send` accepts: plain text (one text part), or parts with the message's optional fields.
 *
 * @example
 * const message: OutgoingMessage = { parts: [{ kind: 'text', text: 'Summarise this' }, { kind: 'data', data: { ticket: 'OPS-42' } }], metadata: { source: 'cli' } };
 */
export type OutgoingMessage = {
	/** At least one part. */
	parts: Part[];
	/** The message's id; one is made (`uuid`) when not given, and kept across retries. */
	messageId?: string | undefined;
	/** The conversation to continue (`send`'s `contextId` option wins). */
	contextId?: string | undefined;
	/** The task to continue, e.g. one in `'input-required'` (`send`'s `taskId` option wins). */
	taskId?: string | undefined;
	/** Tasks the message refers to. */
	referenceTaskIds?: string[] | undefined;
	/** The URIs of the extensions the message uses. */
	extensions?: string[] | undefined;
	/** Message metadata. */
	metadata?: Record<string, unknown> | undefined;
};

/**
 * `send`'s first argument: a string is one text part.
 *
 * @example
 * await agent.send('hello'); // same as { parts: [{ kind: 'text', text: 'hello' }] }
 */
export type MessageInput = string | OutgoingMessage;

const strings = (value: unknown): boolean => Array.isArray(value) && value.every((item) => typeof item === 'string');
const optional = (value: unknown, test: (value: unknown) => boolean): boolean => value === undefined || test(value);
const members = ['parts', 'messageId', 'contextId', 'taskId', 'referenceTaskIds', 'extensions', 'metadata'];

function checkPart(part: unknown, path: string): Part {
	if (!isRecord(part)) throw new InvalidMessageError(path, `must be an object, got ${kindOf(part)}`);
	const { kind } = part;
	if (!optional(part['metadata'], isRecord)) throw new InvalidMessageError(`${path}.metadata`, `must be an object, got ${kindOf(part['metadata'])}`);
	if (part['metadata'] !== undefined) refuseNonJson(part['metadata'], `${path}.metadata`, undefined, true);
	if (kind === 'text') {
		if (typeof part['text'] !== 'string') throw new InvalidMessageError(`${path}.text`, `must be a string, got ${kindOf(part['text'])}`);
		return part as Part;
	}
	if (kind === 'data') {
		if (part['data'] === undefined) throw new InvalidMessageError(`${path}.data`, 'must be a JSON value, got undefined');
		// Here, not in the request's JSON.stringify, whose throw would read as a transport failure and be retried.
		refuseNonJson(part['data'], `${path}.data`, undefined, true);
		return part as Part;
	}
	if (kind === 'file') {
		const { file } = part;
		if (!isRecord(file)) throw new InvalidMessageError(`${path}.file`, `must be an object, got ${kindOf(file)}`);
		const hasUri = typeof file['uri'] === 'string';
		const hasBytes = file['bytes'] instanceof Uint8Array;
		if (hasUri === hasBytes) throw new InvalidMessageError(`${path}.file`, 'must hold exactly one of uri (a string) or bytes (a Uint8Array)');
		for (const name of ['name', 'mediaType']) if (!optional(file[name], (value) => typeof value === 'string')) throw new InvalidMessageError(`${path}.file.${name}`, `must be a string, got ${kindOf(file[name])}`);
		return part as Part;
	}
	throw new InvalidMessageError(`${path}.kind`, `must be 'text', 'file' or 'data', got ${typeof kind === 'string' ? JSON.stringify(kind.slice(0, 20)) : kindOf(kind)}`);
}

/**
 * The message to send, checked, with its `messageId` (made once, so retries reuse it) and the
 * task and context the options name. Throws `InvalidMessageError` naming the first bad field.
 */
export function outgoingMessage(input: unknown, ids: { taskId?: string | undefined; contextId?: string | undefined }, uuid: () => string): WireMessage {
	if (typeof input === 'string') {
		if (input.trim() === '') throw new InvalidMessageError('message', 'is empty (or only whitespace): there is nothing to send');
		return { messageId: uuid(), parts: [{ kind: 'text', text: input }], taskId: ids.taskId, contextId: ids.contextId };
	}
	if (!isRecord(input)) throw new InvalidMessageError('message', `must be a string or { parts, … }, got ${kindOf(input)}`);
	const unknown = Object.keys(input).find((key) => !members.includes(key));
	if (unknown !== undefined) throw new InvalidMessageError(unknown, `is not a member of a message (${members.join(', ')})`);
	const { parts } = input;
	if (!Array.isArray(parts) || parts.length === 0) throw new InvalidMessageError('parts', 'must be an array of at least one part');
	for (const name of ['messageId', 'contextId', 'taskId']) if (!optional(input[name], (value) => typeof value === 'string' && value !== '')) throw new InvalidMessageError(name, `must be a non-empty string, got ${kindOf(input[name])}`);
	for (const name of ['referenceTaskIds', 'extensions']) if (!optional(input[name], strings)) throw new InvalidMessageError(name, 'must be an array of strings');
	if (!optional(input['metadata'], isRecord)) throw new InvalidMessageError('metadata', `must be an object, got ${kindOf(input['metadata'])}`);
	if (input['metadata'] !== undefined) refuseNonJson(input['metadata'], 'metadata', undefined, true);
	const message = input as OutgoingMessage;
	return {
		messageId: message.messageId ?? uuid(),
		parts: parts.map((part, index) => checkPart(part, `parts.${index}`)),
		contextId: ids.contextId ?? message.contextId,
		taskId: ids.taskId ?? message.taskId,
		referenceTaskIds: message.referenceTaskIds,
		extensions: message.extensions,
		metadata: message.metadata,
	};
}
