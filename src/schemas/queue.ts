import * as v from 'valibot';
import { absent } from './absent.js';

/** The statuses of a queue item (addendum §5). */
export const QueueItemStatusSchema = v.picklist(['queued', 'dispatched', 'completed', 'failed', 'dropped']);

/**
 * The 200 body of `GET /workspaces/:id/a2a/queue/:queue_id` (addendum §5). Times are Postgres
 * `::text` strings (`2026-05-01 12:00:00.25+00`); `response_body` only once `completed`.
 */
export const QueueStatusSchema = v.looseObject({
	queue_id: v.string(),
	workspace_id: v.string(),
	status: QueueItemStatusSchema,
	priority: v.number(),
	attempts: v.number(),
	enqueued_at: v.string(),
	last_error: absent(v.string()),
	dispatched_at: absent(v.string()),
	completed_at: absent(v.string()),
	expires_at: absent(v.string()),
	response_body: v.optional(v.unknown()),
});
export type QueueStatusBody = v.InferOutput<typeof QueueStatusSchema>;
