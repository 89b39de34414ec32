import type * as v from 'valibot';
import { ConfigError } from '../errors/config-error.js';
import { InvalidMessageError } from '../errors/invalid-message-error.js';
import type { FileRef, Part } from '../index.js';
import { kindOf } from '../internal/describe.js';
import { isRecord } from '../internal/json.js';
import { validatePeerId } from '../peer-id.js';
import { extractReply } from '../reply.js';
import { parsePart } from '../schemas/parse.js';
import type { ActivityRowSchema } from './schemas.js';
import type { InboundFile, InboundMessage, ReplyContent, Sender } from './message-types.js';
import type { Attachment } from './types.js';

type ActivityRow = v.InferOutput<typeof ActivityRowSchema>;

/** What a message needs from the agent to answer and to fetch its files. */
export interface MessageTools {
	/** Answers the message (poll mode: to the peer or the person; push mode: the pending request). */
	reply(message: InboundMessage, parts: Part[]): Promise<void>;
	/** Fetches and acknowledges a staged upload. */
	download(fileId: string, signal: AbortSignal | undefined): Promise<Blob>;
}

/**
 * The parts of a reply; throws `InvalidMessageError` naming the field when a reply cannot be sent
 * (empty text, a part that is not text, file or data, no parts at all).
 */
export function checkReply(content: ReplyContent): Part[] {
	if (typeof content === 'string') {
		if (content.trim() === '') throw new InvalidMessageError('message', 'is empty (or only whitespace): return nothing to stay silent');
		return [{ kind: 'text', text: content }];
	}
	if (!isRecord(content) || !Array.isArray(content['parts'])) throw new InvalidMessageError('message', `must be a string or { parts }, got ${kindOf(content)}`);
	if (content.parts.length === 0) throw new InvalidMessageError('parts', 'must hold at least one part');
	return content.parts.map((part, index) => {
		const parsed = parsePart(part, `parts.${index}`);
		if (!parsed.success) throw new InvalidMessageError(parsed.issues[0]?.path ?? `parts.${index}`, parsed.issues[0]?.message ?? 'is invalid');
		return parsed.output;
	});
}

/** What a person is shown for `parts`: the text (data parts as JSON), and the files as attachments. */
export function notification(parts: readonly Part[]): { message: string; attachments: Attachment[] } {
	const attachments = parts.flatMap((part): Attachment[] => {
		if (part.kind !== 'file' || part.file.uri === undefined) return [];
		const name = part.file.name ?? (part.file.uri.split('/').pop() || 'file');
		return [{ uri: part.file.uri, name, ...(part.file.mimeType ? { mimeType: part.file.mimeType } : {}), ...(part.file.size === undefined ? {} : { size: part.file.size }) }];
	});
	const text = parts
		.flatMap((part) => (part.kind === 'text' ? [part.text] : part.kind === 'data' ? [JSON.stringify(part.data)] : []))
		.join('\n');
	// The platform refuses an empty message; a files-only reply names its files.
	return { message: text || attachments.map((file) => file.name).join(', '), attachments };
}

/** The file id of a `platform-pending:<workspace>/<file id>` URI, canonical; `null` for any other URI. */
export function pendingFileId(uri: string): string | null {
	const match = /^platform-pending:[^/]*\/([^/]+)$/.exec(uri);
	return match ? validatePeerId(match[1]) : null;
}

function inboundFiles(files: readonly FileRef[], tools: MessageTools): InboundFile[] {
	return files.flatMap((file): InboundFile[] => {
		const { uri } = file;
		if (uri === undefined) return [];
		let downloaded: Promise<Blob> | undefined;
		return [
			{
				uri,
				...(file.name === undefined ? {} : { name: file.name }),
				...(file.mimeType === undefined ? {} : { mimeType: file.mimeType }),
				...(file.size === undefined ? {} : { size: file.size }),
				download(options) {
					const fileId = pendingFileId(uri);
					if (fileId === null) return Promise.reject(new ConfigError('file.uri', 'is not a platform-pending: upload, so the agent cannot fetch it; fetch it yourself'));
					// The platform forgets a file once it is acknowledged: a second download gets the first one's bytes.
					downloaded ??= tools.download(fileId, options?.signal).catch((error: unknown) => {
						downloaded = undefined;
						throw error;
					});
					return downloaded;
				},
			},
		];
	});
}

/** Messages whose `reply()` was delivered: a message gets one answer. */
const replied = new WeakSet<InboundMessage>();

/** True once `message.reply()` delivered an answer. */
export const wasReplied = (message: InboundMessage): boolean => replied.has(message);

/** Builds the message; `reply` binds it to the tools, so it can be passed around detached. */
export function inboundMessage(fields: Omit<InboundMessage, 'files' | 'reply'> & { fileRefs: readonly FileRef[] }, tools: MessageTools): InboundMessage {
	const { fileRefs, ...rest } = fields;
	const message: InboundMessage = {
		...rest,
		files: inboundFiles(fileRefs, tools),
		reply: async (content) => {
			if (replied.has(message)) throw new ConfigError('reply', 'was already called: a message gets one answer');
			const parts = checkReply(content);
			await tools.reply(message, parts);
			replied.add(message);
		},
	};
	return message;
}

/** The A2A message a row carries (`request_body.params.message`), when it is one. */
function rowMessage(row: ActivityRow): Record<string, unknown> | undefined {
	const params = isRecord(row.request_body) ? row.request_body['params'] : undefined;
	const message = isRecord(params) ? params['message'] : undefined;
	return isRecord(message) && Array.isArray(message['parts']) ? message : undefined;
}

/**
 * The message of an inbox row, or `null` for a row that is not a message to this agent: its own
 * `notify` echoes (no source), rows it wrote itself (source = this workspace), delegation results
 * (read through `delegations()`), staged-upload manifests (`chat_upload_receive`: the person's message
 * that follows carries the file, so the manifest as a message would be an empty one before it), and
 * turns that carry no A2A message (`tasks/get`, …).
 */
export function messageFromRow(row: ActivityRow, workspaceId: string, tools: MessageTools): InboundMessage | null {
	const source = row.source_id ? (validatePeerId(row.source_id) ?? row.source_id) : null;
	if (row.method === 'notify' && !row.source_id) return null;
	if (row.method === 'delegate_result' || row.method === 'chat_upload_receive' || source === workspaceId) return null;
	const from: Sender = source === null ? 'user' : { id: source, ...(row.peer_name ? { name: row.peer_name } : {}), ...(row.peer_role ? { role: row.peer_role } : {}) };
	const base = { id: row.id, seq: row.seq ?? null, from, receivedAt: new Date(row.created_at ?? 0) };
	const message = rowMessage(row);
	if (!message) return null;
	const { text, parts, files } = extractReply(message);
	const messageId = typeof message['messageId'] === 'string' ? message['messageId'] : row.id;
	return inboundMessage({ ...base, text, parts, messageId, fileRefs: files }, tools);
}
