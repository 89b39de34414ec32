import * as v from 'valibot';
import { absent } from './absent.js';

// Every optional member reads `null` as absent: one null must not cost the whole body its other fields.

/** The `{"error": "<string>", …}` body of every platform failure; extra fields pass through. */
export const PlatformErrorBodySchema = v.looseObject({
	error: absent(v.string()),
	retry_after: absent(v.number()),
});

/** 202 from the proxy: the agent was busy and the message waits in the platform queue. */
export const QueuedBodySchema = v.looseObject({
	queued: v.literal(true),
	queue_id: absent(v.string()),
	queue_depth: absent(v.number()),
});

/** The proxy's answer for a poll-mode target: the message went to the target's inbox. */
export const PollQueuedBodySchema = v.looseObject({
	status: v.literal('queued'),
	delivery_mode: absent(v.string()),
	method: absent(v.string()),
});
