import * as v from 'valibot';
import { absent } from '../schemas/absent.js';
import { PeerRecordSchema } from '../schemas/peer.js';
import { UploadedFileSchema } from '../schemas/uploads.js';

// What the platform answers the canvas (addendum §9.4, §9.8, §9.12–9.14; spec §8). Unknown members
// pass through; a `null` optional member reads as absent. Public shapes are in ./types.ts and ./events-types.ts.

const text = absent(v.string());
/** A row member that may be missing or `null`, left as sent: rows come by the thousand, and a transform per member is measurable. */
const rowText = v.optional(v.nullable(v.string()));

/** A row of `GET /workspaces`, or the body of `GET /workspaces/:id`: a `Workspace`. */
export const WorkspaceSchema = v.looseObject({
	...PeerRecordSchema.entries,
	kind: v.optional(v.nullable(v.string())),
	runtime: v.optional(v.nullable(v.string())),
	max_concurrent_tasks: v.optional(v.nullable(v.number())),
	current_task: v.optional(v.nullable(v.string())),
	agent_card: v.optional(v.unknown()),
	last_heartbeat_at: v.optional(v.nullable(v.string())),
	wedged: v.optional(v.nullable(v.boolean())),
});

/** `GET /workspaces`. */
export const WorkspaceListSchema = v.array(WorkspaceSchema);

/** A file of a chat-history message or of an upload answer: a `ChatFile`. */
export const ChatFileSchema = UploadedFileSchema;

/** `GET /workspaces/:id/chat-history`: its rows are read one by one, so one bad row costs only itself. */
export const ChatHistoryBodySchema = v.looseObject({ messages: v.array(v.unknown()), reached_end: absent(v.boolean()) });

/**
 * One message of `GET /workspaces/:id/chat-history` (addendum §9.8). A plain object schema: only the
 * members read are copied, which keeps 10,000 rows well under 100 ms (bench/canvas.mjs).
 */
export const ChatRowSchema = v.object({
	id: v.string(),
	role: v.picklist(['user', 'agent', 'system']),
	content: rowText,
	attachments: v.optional(v.nullable(v.array(ChatFileSchema))),
	timestamp: v.string(),
	systemKind: rowText,
});

/** An activity row, with only the members the Agent Comms panel and the topology read (spec §8.3), as `ChatRowSchema`. */
export const ActivityRowSchema = v.object({
	id: v.string(),
	activity_type: v.string(),
	source_id: rowText,
	target_id: rowText,
	method: rowText,
	summary: rowText,
	request_body: v.optional(v.unknown()),
	response_body: v.optional(v.unknown()),
	status: rowText,
	error_detail: rowText,
	created_at: v.string(),
});

/** `GET /workspaces/:id/activity`: read row by row, like the chat history. */
export const ActivityListSchema = v.array(v.unknown());

/** `POST /registry/update-card` 200. */
export const CardUpdatedSchema = v.looseObject({ status: v.string() });

/** One SSE event's data on `GET /workspaces/:id/events/stream` (addendum §9.13): `timestamp` in Unix milliseconds. */
export const StreamFrameSchema = v.looseObject({ type: v.string(), timestamp: absent(v.union([v.number(), v.string()])), data: v.optional(v.unknown()) });

/** One `/ws` frame (addendum §9.14): `timestamp` in RFC 3339. */
export const SocketFrameSchema = v.looseObject({ event: v.string(), workspace_id: text, timestamp: absent(v.union([v.number(), v.string()])), payload: v.optional(v.unknown()) });

/** `A2A_RESPONSE`: the reply to a canvas-class turn, pushed (addendum §4.4). */
export const A2AResponsePayloadSchema = v.looseObject({ response_body: v.unknown(), method: text, duration_ms: absent(v.number()), message_id: text });

/** `AGENT_MESSAGE`: what an agent told its people (`/notify`, spec §3.13). */
export const AgentMessagePayloadSchema = v.looseObject({ message: v.string(), name: text, attachments: absent(v.array(ChatFileSchema)) });

/** `USER_MESSAGE`: a person's turn, or a platform notice (addendum §4.4). */
export const UserMessagePayloadSchema = v.looseObject({
	content: v.string(),
	message_id: text,
	attachments: absent(v.array(ChatFileSchema)),
	role: text,
	systemKind: text,
});

/** `ACTIVITY_LOGGED`: a new activity row (addendum §9.14). */
export const ActivityLoggedPayloadSchema = v.looseObject({
	id: text,
	activity_type: v.string(),
	method: text,
	source_id: text,
	target_id: text,
	status: text,
	summary: text,
});

/** `DELEGATION_SENT|STATUS|COMPLETE|FAILED`. */
export const DelegationPayloadSchema = v.looseObject({
	delegation_id: v.string(),
	target_id: text,
	status: text,
	task_preview: text,
	response_preview: text,
	error: text,
});

/** Any other known event: its payload must be an object. */
export const PayloadSchema = v.looseObject({});
