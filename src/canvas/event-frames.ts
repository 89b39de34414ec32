import type * as v from 'valibot';
import { parseJson } from '../internal/json.js';
import { extractReply } from '../reply.js';
import { parse } from '../schemas/parse.js';
import type { OtherEventType, PlatformEvent } from './event-types.js';
import { chatFilesOf } from './history.js';
import {
	A2AResponsePayloadSchema,
	ActivityLoggedPayloadSchema,
	AgentMessagePayloadSchema,
	DelegationPayloadSchema,
	PayloadSchema,
	SocketFrameSchema,
	StreamFrameSchema,
	UserMessagePayloadSchema,
} from './schemas.js';

/** One event as either channel carries it, brought to one shape. */
export interface Frame {
	type: string;
	workspaceId: string;
	at: string | undefined;
	payload: unknown;
}

/** A frame, or why it is skipped. */
export type FrameResult = { ok: true; frame: Frame } | { ok: false; reason: string };

/** Unix milliseconds (SSE) or RFC 3339 (WebSocket) as RFC 3339. */
function timeOf(timestamp: number | string | undefined): string | undefined {
	if (typeof timestamp === 'string') return timestamp;
	if (timestamp === undefined || !Number.isFinite(timestamp)) return undefined;
	const date = new Date(timestamp);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function decoded<TSchema extends v.GenericSchema>(data: string, schema: TSchema): { ok: true; value: v.InferOutput<TSchema> } | { ok: false; reason: string } {
	const json = parseJson(data);
	if (!json.ok) return { ok: false, reason: `data is not JSON (${json.error})` };
	const parsed = parse(schema, json.value);
	return parsed.success ? { ok: true, value: parsed.output } : { ok: false, reason: `not an event: ${parsed.summary}` };
}

/** An SSE event's data on a workspace's stream: `{type, timestamp, data}` (addendum §9.13). */
export function streamFrameOf(data: string, workspaceId: string): FrameResult {
	const read = decoded(data, StreamFrameSchema);
	if (!read.ok) return read;
	const { type, timestamp, data: payload } = read.value;
	return { ok: true, frame: { type, workspaceId, at: timeOf(timestamp), payload } };
}

/** A `/ws` text frame: `{event, workspace_id, timestamp, payload}` (addendum §9.14). */
export function socketFrameOf(data: string): FrameResult {
	const read = decoded(data, SocketFrameSchema);
	if (!read.ok) return read;
	const { event, workspace_id: workspaceId, timestamp, payload } = read.value;
	if (!workspaceId) return { ok: false, reason: `${event} names no workspace_id` };
	return { ok: true, frame: { type: event, workspaceId, at: timeOf(timestamp), payload } };
}

const otherTypes = new Set<string>([
	'WORKSPACE_ONLINE',
	'WORKSPACE_OFFLINE',
	'WORKSPACE_DEGRADED',
	'WORKSPACE_HEARTBEAT',
	'WORKSPACE_PROVISIONING',
	'WORKSPACE_PROVISION_FAILED',
	'WORKSPACE_HIBERNATED',
	'WORKSPACE_PAUSED',
	'WORKSPACE_REMOVED',
	'WORKSPACE_AWAITING_AGENT',
	'WORKSPACE_RESTART_DECLINED',
	'TASK_UPDATED',
	'AGENT_CARD_UPDATED',
	'AGENT_ASSIGNED',
	'AGENT_REPLACED',
	'AGENT_REMOVED',
	'AGENT_MOVED',
	'SESSION_RESET',
	'BOOT_STEP',
	'CHANNEL_MESSAGE',
	'APPROVAL_REQUESTED',
	'APPROVAL_ESCALATED',
	'USER_TASK_REQUESTED',
	'USER_TASK_RESOLVED',
	'REQUEST_CREATED',
	'REQUEST_RESPONDED',
	'REQUEST_MESSAGE',
	'EXTERNAL_CREDENTIALS_ROTATED',
] satisfies OtherEventType[]);

const delegationTypes = new Set(['DELEGATION_SENT', 'DELEGATION_STATUS', 'DELEGATION_COMPLETE', 'DELEGATION_FAILED']);

/** Members of a record whose value is defined: an optional member is left out, not set to `undefined`. */
const defined = <T extends Record<string, unknown>>(record: T): T => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;

/**
 * The typed event a frame stands for, or why it is skipped: an unknown type, or a payload without
 * what its type must carry. `redact` removes token values from the payload's strings.
 */
export function eventOf(frame: Frame, redact: (value: unknown) => unknown): { ok: true; event: PlatformEvent } | { ok: false; reason: string } {
	const { type, workspaceId, at } = frame;
	const base = defined({ workspaceId, at });
	const payloadOf = <TSchema extends v.GenericSchema>(schema: TSchema): { ok: true; value: v.InferOutput<TSchema> } | { ok: false; reason: string } => {
		if (frame.payload === undefined || frame.payload === null) return { ok: false, reason: `${type} has no payload` };
		const parsed = parse(schema, redact(frame.payload));
		return parsed.success ? { ok: true, value: parsed.output } : { ok: false, reason: `${type} payload: ${parsed.summary}` };
	};
	if (type === 'A2A_RESPONSE') {
		const read = payloadOf(A2AResponsePayloadSchema);
		if (!read.ok) return read;
		const { response_body: body, method, duration_ms: durationMs, message_id: messageId } = read.value;
		if (body === undefined || body === null) return { ok: false, reason: 'A2A_RESPONSE has no response_body' };
		const result = typeof body === 'object' && !Array.isArray(body) && 'result' in body ? (body as { result: unknown }).result : body;
		const { text, parts, files } = extractReply(result);
		return { ok: true, event: { ...base, type, text, parts, files, ...defined({ messageId, method, durationMs }) } };
	}
	if (type === 'AGENT_MESSAGE') {
		const read = payloadOf(AgentMessagePayloadSchema);
		if (!read.ok) return read;
		return { ok: true, event: { ...base, type, text: read.value.message, files: chatFilesOf(read.value.attachments), ...defined({ name: read.value.name }) } };
	}
	if (type === 'USER_MESSAGE') {
		const read = payloadOf(UserMessagePayloadSchema);
		if (!read.ok) return read;
		const { content, message_id: messageId, attachments, role, systemKind } = read.value;
		return { ok: true, event: { ...base, type, role: role === 'system' ? 'system' : 'user', text: content, files: chatFilesOf(attachments), ...defined({ messageId, systemKind }) } };
	}
	if (type === 'ACTIVITY_LOGGED') {
		const read = payloadOf(ActivityLoggedPayloadSchema);
		if (!read.ok) return read;
		const { activity_type: activityType, method, source_id: sourceId, target_id: targetId, status, summary } = read.value;
		return { ok: true, event: { ...base, type, activityType, ...defined({ method, sourceId, targetId, status, summary }), payload: read.value } };
	}
	if (delegationTypes.has(type)) {
		const read = payloadOf(DelegationPayloadSchema);
		if (!read.ok) return read;
		const { delegation_id: delegationId, target_id: targetId, status, task_preview: task, response_preview: reply, error } = read.value;
		const delegationType = type as 'DELEGATION_SENT' | 'DELEGATION_STATUS' | 'DELEGATION_COMPLETE' | 'DELEGATION_FAILED';
		return { ok: true, event: { ...base, type: delegationType, delegationId, ...defined({ targetId, status, preview: task ?? reply, error }) } };
	}
	if (otherTypes.has(type)) {
		const read = payloadOf(PayloadSchema);
		if (!read.ok) return read;
		return { ok: true, event: { ...base, type: type as OtherEventType, payload: read.value } };
	}
	return { ok: false, reason: `unknown event type ${JSON.stringify(type.slice(0, 100))}` };
}
