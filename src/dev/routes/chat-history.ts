import { validatePeerId } from '../../peer-id.js';
import { workspaceAuth } from '../auth.js';
import type { DevContext } from '../context.js';
import { errorReply, json, type Reply } from '../http.js';
import { filesOf, firstText, messageOf, replyFilesOf, replyTextOf, type ChatAttachment } from '../message-parts.js';
import type { RouteRequest } from '../router.js';
import type { ActivityRow } from '../types.js';
import { rfc3339 } from './activity.js';

const defaultHistoryLimit = 100;
const maxHistoryLimit = 1000;

/** Heartbeat self-messages are not the user's words (spec §8.2); their turns show no user bubble. */
const internalSelfPrefixes = ['Delegation results are ready'];

/** One bubble of the chat (addendum §9.8). */
interface ChatMessage {
	id: string;
	role: 'user' | 'agent' | 'system';
	content: string;
	attachments?: ChatAttachment[];
	timestamp: string;
}

/** `created_at` as Go's `RFC3339Nano` prints it: fractional seconds without trailing zeros, none when zero. */
function goTimestamp(iso: string): string {
	return iso.replace(/\.(\d*?)0*Z$/, (_match, digits: string) => (digits === '' ? 'Z' : `.${digits}Z`));
}

/** One activity row as 0–2 bubbles: the user's text or files, then the reply (`system` when it is an error). */
function bubblesOf(row: ActivityRow): ChatMessage[] {
	const bubbles: ChatMessage[] = [];
	const timestamp = goTimestamp(row.created_at);
	const parts = messageOf(row.request_body)?.['parts'];
	const userText = firstText(parts);
	const userFiles = filesOf(parts);
	const internal = internalSelfPrefixes.some((prefix) => userText.startsWith(prefix));
	if (!internal && (userText !== '' || userFiles.length > 0)) {
		bubbles.push({ id: `${row.id}:user`, role: 'user', content: userText, ...(userFiles.length > 0 ? { attachments: userFiles } : {}), timestamp });
	}
	if (row.response_body !== undefined && row.response_body !== null) {
		const agentText = replyTextOf(row.response_body);
		const agentFiles = replyFilesOf(row.response_body);
		if (agentText !== '' || agentFiles.length > 0) {
			const failed = row.status === 'error' || agentText.toLowerCase().startsWith('agent error');
			bubbles.push({ id: `${row.id}:agent`, role: failed ? 'system' : 'agent', content: agentText, ...(agentFiles.length > 0 ? { attachments: agentFiles } : {}), timestamp });
		}
	}
	return bubbles;
}

function historyLimit(raw: string | null): number {
	const limit = raw !== null && /^[+-]?\d+$/.test(raw) ? Number(raw) : 0;
	return limit > 0 ? Math.min(limit, maxHistoryLimit) : defaultHistoryLimit;
}

/**
 * `GET /workspaces/:id/chat-history[?limit][&before_ts]` (addendum §9.8), behind WorkspaceAuth: the
 * human's chat, derived from the workspace's `a2a_receive` rows with no source (canvas turns, and the
 * agent's own notify messages). `limit` counts rows (default 100, at most 1000), newest first, and
 * `before_ts` pages back; the bubbles come oldest first, each row's user bubble before its reply.
 * `reached_end` is true when the page held fewer rows than `limit`.
 */
export function chatHistory(context: DevContext, request: RouteRequest): Reply {
	const id = request.params['id'] ?? '';
	const denial = workspaceAuth(context, id, request.headers);
	if (denial) return denial;
	const workspaceId = validatePeerId(id);
	if (workspaceId === null) return errorReply(400, 'workspace id must be a UUID');
	const query = request.url.searchParams;
	const limit = historyLimit(query.get('limit'));
	const beforeTs = query.get('before_ts');
	let before = Number.POSITIVE_INFINITY;
	if (beforeTs !== null && beforeTs !== '') {
		before = rfc3339.test(beforeTs) ? Date.parse(beforeTs) : Number.NaN;
		if (Number.isNaN(before)) return errorReply(400, 'before_ts must be an RFC3339 timestamp (e.g. 2026-05-01T00:00:00Z)');
	}
	const rows = context.model.activity
		.of(workspaceId)
		.filter((row) => row.activity_type === 'a2a_receive' && row.source_id === null && Date.parse(row.created_at) < before)
		.reverse()
		.slice(0, limit);
	const messages = rows.reverse().flatMap(bubblesOf);
	return json(200, { messages, reached_end: rows.length < limit });
}
