import { classifyCaller } from '../auth.js';
import type { DevContext } from '../context.js';
import { errorReply, json, type Reply } from '../http.js';
import { workspaceKey } from '../model.js';
import type { QueueRow } from '../queue.js';
import type { RouteRequest } from '../router.js';

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** A time as Postgres prints a `timestamptz` cast to text in UTC: `2026-05-01 12:00:00.5+00`. */
export function postgresText(iso: string): string {
	const date = new Date(iso);
	const fraction = date.getUTCMilliseconds() === 0 ? '' : `.${pad(date.getUTCMilliseconds(), 3).replace(/0+$/, '')}`;
	const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
	return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${fraction}+00`;
}

/** The 200 body: optional fields only when set, the reply only once completed. */
function statusOf(row: QueueRow): Record<string, unknown> {
	const optional = (key: string, value: string | null): Record<string, unknown> => (value === null ? {} : { [key]: postgresText(value) });
	return {
		queue_id: row.queueId,
		workspace_id: row.workspaceId,
		status: row.status,
		priority: row.priority,
		attempts: row.attempts,
		enqueued_at: postgresText(row.enqueuedAt),
		...(row.lastError === null ? {} : { last_error: row.lastError }),
		...optional('dispatched_at', row.dispatchedAt),
		...optional('completed_at', row.completedAt),
		...optional('expires_at', row.expiresAt),
		...(row.status === 'completed' && row.reply !== null ? { response_body: row.reply } : {}),
	};
}

/**
 * `GET /workspaces/:id/a2a/queue/:queue_id` (contract §8.3): the caller is classified as for
 * `/a2a`; canvas-class callers may read any row, a workspace only rows it sent or received.
 * `:id` is not compared with the row. A missing row is 404 `retryable`: it may not exist yet.
 */
export function queueStatus(context: DevContext, request: RouteRequest): Reply {
	const caller = classifyCaller(context, request.params['id'] ?? '', request.headers);
	if ('status' in caller) return caller;
	const queueId = request.params['queue_id'] ?? '';
	if (queueId === '') return errorReply(400, 'queue_id required');
	const row = context.queue.find(queueId);
	if (!row) return errorReply(404, 'queue item not found', { retryable: true });
	const mine = !caller.workspace || row.callerId === caller.id || row.workspaceId === workspaceKey(caller.id);
	return mine ? json(200, statusOf(row)) : errorReply(403, 'access denied');
}
