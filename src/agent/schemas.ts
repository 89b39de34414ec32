import * as v from 'valibot';
import { absent } from '../schemas/absent.js';

// What the platform answers the agent's calls (docs/platform-contract.md; the addendum §6–9). Unknown
// members pass through; a `null` optional member reads as absent.

const text = absent(v.string());

/** `{"error": "<string>", …}`: every platform failure; `hint` rides along on some 403s. */
export const ErrorBodySchema = v.looseObject({ error: text, hint: text });

/** `POST /registry/register` 200. */
export const RegisterResponseSchema = v.looseObject({
	status: text,
	delivery_mode: absent(v.picklist(['poll', 'push'])),
	auth_token: text,
	platform_inbound_secret: text,
});

/** `POST /registry/heartbeat` 200: `generation` is 0 for an unknown workspace. */
export const HeartbeatResponseSchema = v.looseObject({ status: text, generation: absent(v.number()), platform_inbound_secret: text });

/** A `{"status": …}` acknowledgement (update-card `updated`, notify `sent`, activity `logged`). */
export const StatusResponseSchema = v.looseObject({ status: v.string() });

/** One row of `GET /workspaces/:id/activity?include=peer_info`; the agent reads only these members. */
export const ActivityRowSchema = v.looseObject({
	id: v.string(),
	activity_type: text,
	source_id: text,
	method: text,
	request_body: v.optional(v.unknown()),
	summary: text,
	created_at: text,
	seq: absent(v.number()),
	peer_name: text,
	peer_role: text,
});

export const ActivityListSchema = v.array(ActivityRowSchema);

/** `POST /workspaces/:id/activity/ack` 200. */
export const AckResponseSchema = v.looseObject({ last_acked_seq: v.number() });

/** `POST /workspaces/:id/delegate`: 202 for a new delegation, 200 for an idempotent hit. */
export const DelegateResponseSchema = v.looseObject({ delegation_id: v.string(), status: v.string(), idempotent_hit: absent(v.boolean()) });

/** One row of `GET /workspaces/:id/delegations`. */
export const DelegationRowSchema = v.looseObject({
	id: v.string(),
	type: v.string(),
	source_id: v.nullable(v.string()),
	target_id: v.nullable(v.string()),
	summary: v.nullable(v.string()),
	status: v.string(),
	created_at: v.string(),
	direction: v.string(),
	delegation_id: text,
	error: text,
	response_preview: text,
});

export const DelegationListSchema = v.array(DelegationRowSchema);

/** `POST /workspaces/:id/pending-uploads/:file_id/ack` 200. */
export const PendingAckSchema = v.looseObject({ acked: v.literal(true) });

/** `POST /workspaces/:id/memories` 201. */
export const MemoryCommitSchema = v.looseObject({ id: v.string(), scope: v.string(), namespace: text });

/** `GET /workspaces/:id/memories` 200. */
export const MemoryListSchema = v.array(v.looseObject({ id: v.string(), content: v.string(), scope: v.string(), created_at: text }));

/** A JSON-RPC request as the platform pushes it to the agent. */
export const InboundEnvelopeSchema = v.looseObject({
	jsonrpc: v.literal('2.0'),
	id: v.optional(v.union([v.string(), v.number(), v.null()])),
	method: v.string(),
	params: v.optional(v.unknown()),
});

/** `params` of a pushed `message/send`; each part is checked on its own, like the core's messages. */
export const MessageParamsSchema = v.looseObject({
	message: v.looseObject({ messageId: text, parts: v.array(v.unknown()), contextId: text, metadata: absent(v.looseObject({})) }),
	metadata: absent(v.looseObject({})),
});

/** What the agent keeps under the store's `inbox` key. */
export const InboxStateSchema = v.object({ cursor: v.nullable(v.string()), handled: v.array(v.string()) });
