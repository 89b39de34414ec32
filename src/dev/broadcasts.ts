import type { EventLog } from './events.js';
import { filesOf, firstText, messageOf } from './message-parts.js';
import type { ActivityRow } from './types.js';

/** The most of an `error_detail` an `ACTIVITY_LOGGED` event carries (addendum §9.14). */
const maxBroadcastErrorDetail = 4096;

/**
 * `ACTIVITY_LOGGED` (addendum §9.14): the row's columns, its bodies when it has them, the error
 * detail cut to 4096 characters and the turn's message id.
 */
export function announceActivity(events: EventLog, row: ActivityRow, messageId: string | null): void {
	const payload: Record<string, unknown> = {
		activity_type: row.activity_type,
		method: row.method,
		summary: row.summary,
		status: row.status,
		source_id: row.source_id,
		target_id: row.target_id,
		duration_ms: row.duration_ms,
	};
	if (row.request_body !== undefined) payload['request_body'] = row.request_body;
	if (row.response_body !== undefined) payload['response_body'] = row.response_body;
	if (row.error_detail) payload['error_detail'] = [...row.error_detail].slice(0, maxBroadcastErrorDetail).join('');
	if (messageId) payload['message_id'] = messageId;
	events.record('ACTIVITY_LOGGED', row.workspace_id, payload);
}

/**
 * `USER_MESSAGE` (addendum §4.4): a `message/send` turn whose recorded caller is empty, echoed to the
 * human's other devices as `{message_id, content, workspace_id, attachments?}` — the first text and
 * the file parts. Nothing for a turn with no message id, or with neither text nor files.
 */
export function announceUserMessage(events: EventLog, workspaceId: string, messageId: string, request: unknown): void {
	const parts = messageOf(request)?.['parts'];
	const content = firstText(parts);
	const attachments = filesOf(parts);
	if (messageId === '' || (content === '' && attachments.length === 0)) return;
	events.record('USER_MESSAGE', workspaceId, { message_id: messageId, content, workspace_id: workspaceId, ...(attachments.length > 0 ? { attachments } : {}) });
}

/**
 * `A2A_RESPONSE` (addendum §4.4): the reply to a canvas-class turn (recorded caller empty, answer
 * below 400): how a push-async or queued turn's reply reaches the canvas.
 */
export function announceReply(events: EventLog, workspaceId: string, reply: { responseBody: unknown; method: string; durationMs: number; messageId: string }): void {
	events.record('A2A_RESPONSE', workspaceId, { response_body: reply.responseBody, method: reply.method, duration_ms: reply.durationMs, message_id: reply.messageId });
}

/** The lifecycle event each status is announced with (addendum §9.14). */
const statusEvents: Readonly<Record<string, string>> = {
	online: 'WORKSPACE_ONLINE',
	offline: 'WORKSPACE_OFFLINE',
	degraded: 'WORKSPACE_DEGRADED',
	provisioning: 'WORKSPACE_PROVISIONING',
	failed: 'WORKSPACE_PROVISION_FAILED',
	hibernated: 'WORKSPACE_HIBERNATED',
	paused: 'WORKSPACE_PAUSED',
	removed: 'WORKSPACE_REMOVED',
	awaiting_agent: 'WORKSPACE_AWAITING_AGENT',
};

/**
 * Announces a workspace's new status with its `WORKSPACE_*` event, when it changed and has one.
 * `payload` is the event's fields (register's `{url, agent_card, delivery_mode}`, a heartbeat's
 * `{error_rate, sample_error}`); `WORKSPACE_REMOVED` carries `{cascade_deleted: 0}` by default.
 */
export function announceStatus(events: EventLog, workspaceId: string, previous: string, next: string, payload: Record<string, unknown> = {}): void {
	const event = statusEvents[next];
	if (previous === next || event === undefined) return;
	events.record(event, workspaceId, next === 'removed' ? { cascade_deleted: 0, ...payload } : payload);
}
