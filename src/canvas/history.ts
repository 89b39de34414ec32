import { isAbortSignal, type OptionChecks } from '../arguments.js';
import { parse } from '../schemas/parse.js';
import { callOptions, integerUpTo, workspaceIdOf, type CanvasContext } from './http.js';
import { ChatHistoryBodySchema, ChatRowSchema } from './schemas.js';
import type { ChatFile, ChatHistory, ChatMessage } from './types.js';

/**
 * Options of `chatHistory`. A member that is not what it should be rejects with a `ConfigError` naming it.
 *
 * @example
 * const older = await canvas.chatHistory(workspaceId, { before: page.messages[0]?.at, limit: 50 });
 */
export interface ChatHistoryOptions {
	/**
	 * Activity rows to read (each holds a person's turn and the agent's reply, so up to twice as many
	 * messages come back), from 1 to 1000.
	 *
	 * @default 100 (the platform's)
	 */
	limit?: number | undefined;
	/** Only messages older than this time: an RFC 3339 string (a `ChatMessage.at`) or a `Date`. None by default. */
	before?: string | Date | undefined;
	/** Aborting rejects the call at once with the signal's reason. */
	signal?: AbortSignal | undefined;
}

const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const isTime = (value: unknown): boolean => (value instanceof Date ? !Number.isNaN(value.getTime()) : typeof value === 'string' && rfc3339.test(value));

const historyChecks: OptionChecks = {
	limit: integerUpTo(1000),
	before: [isTime, 'an RFC 3339 time (2026-05-01T00:00:00Z) or a valid Date'],
	signal: [isAbortSignal, 'an AbortSignal'],
};

/** The heartbeat's message to its own agent, which the canvas hides (spec §8.2). */
const heartbeatPrompt = 'Delegation results are ready. Review them and take appropriate action';
const failedTurn = /^(agent error|\[A2A_ERROR\])/i;

/** `ChatFile`s without members the platform left out. */
export const chatFilesOf = (files: readonly { uri: string; name: string; mimeType?: string | undefined; size?: number | undefined }[] | undefined): ChatFile[] =>
	(files ?? []).map(({ uri, name, mimeType, size }) => ({ uri, name, ...(mimeType === undefined ? {} : { mimeType }), ...(size === undefined ? {} : { size }) }));

/** The messages of a chat-history page: a row that is not a message is skipped, and the log says why. */
export function chatMessagesOf(rows: readonly unknown[], warn: (line: string) => void): ChatMessage[] {
	const messages: ChatMessage[] = [];
	rows.forEach((row, index) => {
		const parsed = parse(ChatRowSchema, row);
		if (!parsed.success) {
			warn(`chatHistory: skipped message ${index}: ${parsed.summary}`);
			return;
		}
		const { id, role, attachments, timestamp, systemKind } = parsed.output;
		const content = parsed.output.content ?? '';
		if (role === 'user' && content.startsWith(heartbeatPrompt)) return;
		messages.push({
			id,
			role,
			text: content,
			files: chatFilesOf(attachments ?? undefined),
			at: timestamp,
			// The platform gives a failed agent turn as a system message (addendum §9.8).
			isError: role !== 'user' && failedTurn.test(content.trimStart()),
			...(systemKind == null ? {} : { systemKind }),
		});
	});
	return messages;
}

/** `GET /workspaces/:id/chat-history` (addendum §9.8), oldest first. */
export async function chatHistory(context: CanvasContext, workspaceId: string, options: ChatHistoryOptions | undefined): Promise<ChatHistory> {
	const { limit, before, signal } = callOptions(options, historyChecks);
	const id = workspaceIdOf(workspaceId);
	const searchParams: Record<string, string> = {};
	if (limit != null) searchParams['limit'] = String(limit);
	if (before != null) searchParams['before_ts'] = before instanceof Date ? before.toISOString() : before;
	const body = await context.call({ method: 'GET', path: `/workspaces/${id}/chat-history`, searchParams, schema: ChatHistoryBodySchema, signal });
	return { messages: chatMessagesOf(body.messages, context.settings.core.logger.warn), reachedEnd: body.reached_end ?? false };
}
