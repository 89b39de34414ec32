import * as v from 'valibot';
import { absent } from './absent.js';

// Every optional member reads `null` as absent: one null must not cost the whole body its other fields.

/**
 * A member that is dropped when it has another type: a platform failure is read for its `error`
 * first, and a malformed extra must not cost the caller that text.
 */
const lenient = <TSchema extends v.GenericSchema>(schema: TSchema) => v.fallback(absent(schema), undefined);

/**
 * The `{"error": "<string>", …}` body of every platform failure (addendum §0: still a string, never a
 * JSON-RPC object), with the extras a client acts on; other fields pass through.
 */
export const PlatformErrorBodySchema = v.looseObject({
	error: absent(v.string()),
	/** Seconds to wait (429, 503 waking, warming, busy, restarting; addendum §4.3 rows 11, 18, 26, 27, 31). */
	retry_after: lenient(v.number()),
	/** Seconds to wait, under another name (503 re-registering, addendum §4.3 row 22). */
	retry_after_seconds: lenient(v.number()),
	/** The budget periods at their limit (402, addendum §4.3 row 8). */
	exceeded_periods: lenient(v.array(v.string())),
	/** The size limit a body broke (413 request, addendum §4.1; lost or oversized reply, §4.3 row 29). */
	max_bytes: lenient(v.number()),
	/** A machine-readable reason (`TENANT_ORG_HEADER_REQUIRED`, addendum §2.3). */
	code: lenient(v.string()),
	/** The header TenantGuard wants (addendum §2.3). */
	required_header: lenient(v.string()),
	/** A 404 that means "not yet" (queue status, addendum §5). */
	retryable: lenient(v.boolean()),
	/** A 503 whose agent is restarting (addendum §4.3 rows 21, 24, 31). */
	restarting: lenient(v.boolean()),
});
export type PlatformErrorBody = v.InferOutput<typeof PlatformErrorBodySchema>;

/**
 * Every "accepted, not answered" success of the proxy (addendum §1 #3, §4.3 rows 5, 14, 15, 19, 27):
 * 202 `{queued, queue_id, queue_depth, message}` (busy or settling target), 200 `{status:"queued",
 * delivery_mode:"poll", method}`, 200 `{status:"queued", delivery_mode:"push-async", method}` and 200
 * `{status:"queued", method, queued:true, queue_id, queue_depth}` (platform boot turn). Which body
 * it is, is the reader's predicate (`status == "queued"` or `queued === true`); this reads its fields.
 */
export const QueuedAnswerSchema = v.looseObject({
	status: absent(v.string()),
	queued: absent(v.boolean()),
	queue_id: absent(v.string()),
	queue_depth: absent(v.number()),
	delivery_mode: absent(v.string()),
	method: absent(v.string()),
	message: absent(v.string()),
});
export type QueuedAnswerBody = v.InferOutput<typeof QueuedAnswerSchema>;
