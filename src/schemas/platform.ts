import * as v from 'valibot';

/** The `{"error": "<string>", …}` body of every platform failure; extra fields pass through. */
export const PlatformErrorBody = v.looseObject({
	error: v.optional(v.string()),
	retry_after: v.optional(v.number()),
});
export type PlatformErrorBody = v.InferOutput<typeof PlatformErrorBody>;

/** 202 from the proxy: the agent was busy and the message waits in the platform queue. */
export const QueuedBody = v.looseObject({
	queued: v.literal(true),
	queue_id: v.optional(v.string()),
	queue_depth: v.optional(v.number()),
});
export type QueuedBody = v.InferOutput<typeof QueuedBody>;

/** The proxy's answer for a poll-mode target: the message went to the target's inbox. */
export const PollQueuedBody = v.looseObject({
	status: v.literal('queued'),
	delivery_mode: v.optional(v.string()),
	method: v.optional(v.string()),
});
export type PollQueuedBody = v.InferOutput<typeof PollQueuedBody>;
