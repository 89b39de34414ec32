import { validatePeerId } from '../../peer-id.js';
import { workspaceAuth } from '../auth.js';
import type { DevContext } from '../context.js';
import { isRecord, jsonValue } from '../../internal/json.js';
import { bindJson, errorReply, json, type Reply } from '../http.js';
import type { RouteRequest } from '../router.js';
import type { ActivityRow } from '../types.js';
import { peerInfo } from './peer-info.js';

const defaultActivityLimit = 100;
const maxActivityLimit = 500;
const maxSinceSeconds = 30 * 24 * 60 * 60;
/** Go's `time.RFC3339` layout, fractional seconds allowed. */
export const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** The 410 a poller gets for a cursor it must drop (contract §9.2). */
const cursorGone = 'since_id cursor not found (row may have been pruned or belongs to a different workspace); omit since_id to reset';

function activityLimit(raw: string | null): number {
	const limit = raw !== null && /^[+-]?\d+$/.test(raw) ? Number(raw) : 0;
	return limit > 0 ? Math.min(limit, maxActivityLimit) : defaultActivityLimit;
}

type RowFilter = (row: ActivityRow) => boolean;

/** The filters of the query string, or the 400 naming the one that is malformed. */
function filtersOf(context: DevContext, query: URLSearchParams): RowFilter[] | Reply {
	const filters: RowFilter[] = [];
	const source = query.get('source') ?? '';
	if (source !== '' && source !== 'canvas' && source !== 'agent') return errorReply(400, "source must be 'canvas' or 'agent'");
	if (source !== '') filters.push((row) => (source === 'canvas') === (row.source_id === null));
	const type = query.get('type') ?? '';
	if (type !== '') filters.push((row) => row.activity_type === type);
	const sinceSecs = query.get('since_secs');
	if (sinceSecs !== null) {
		if (!/^\d+$/.test(sinceSecs) || Number(sinceSecs) <= 0) return errorReply(400, 'since_secs must be a positive integer');
		const from = context.settings.wallClock().getTime() - Math.min(Number(sinceSecs), maxSinceSeconds) * 1000;
		filters.push((row) => Date.parse(row.created_at) >= from);
	}
	const beforeTs = query.get('before_ts');
	if (beforeTs !== null) {
		const before = rfc3339.test(beforeTs) ? Date.parse(beforeTs) : Number.NaN;
		if (Number.isNaN(before)) return errorReply(400, 'before_ts must be an RFC3339 timestamp (e.g. 2026-05-01T00:00:00Z)');
		filters.push((row) => Date.parse(row.created_at) < before);
	}
	const peerIdRaw = query.get('peer_id');
	if (peerIdRaw !== null) {
		const peerId = validatePeerId(peerIdRaw);
		if (peerId === null) return errorReply(400, 'peer_id must be a UUID');
		filters.push((row) => row.source_id === peerId || row.target_id === peerId);
	}
	return filters;
}

/**
 * `GET /workspaces/:id/activity` (contract §9.2), behind WorkspaceAuth. Filters AND together;
 * newest first, except with `since_id` (how a poll-mode agent reads its inbox): the rows after
 * that one, oldest first, or 410 when the cursor is not one of this workspace's rows.
 */
export function listActivity(context: DevContext, request: RouteRequest): Reply {
	const id = request.params['id'] ?? '';
	const denial = workspaceAuth(context, id, request.headers);
	if (denial) return denial;
	const query = request.url.searchParams;
	const filters = filtersOf(context, query);
	if (!Array.isArray(filters)) return filters;
	const workspaceId = context.model.get(id)?.workspace.id ?? id;
	const own = context.model.activity.of(workspaceId);
	const limit = activityLimit(query.get('limit'));
	const wanted = (row: ActivityRow): boolean => filters.every((filter) => filter(row));
	const sinceId = query.get('since_id');
	let rows: ActivityRow[];
	if (sinceId === null || sinceId === '') rows = own.filter(wanted).reverse().slice(0, limit);
	else {
		const cursor = own.findIndex((row) => row.id === sinceId);
		if (cursor === -1) return errorReply(410, cursorGone);
		rows = own.slice(cursor + 1).filter(wanted).slice(0, limit);
	}
	const include = (query.get('include') ?? '').split(',').map((part) => part.trim());
	return json(200, include.includes('peer_info') ? rows.map((row) => peerInfo(context, request.url, row)) : rows);
}

/**
 * `POST /workspaces/:id/activity/ack` (contract §9.3), behind WorkspaceAuth: moves the
 * workspace's acknowledged `seq` forward and answers the stored value.
 */
export function ackActivity(context: DevContext, request: RouteRequest): Reply {
	const id = request.params['id'] ?? '';
	const denial = workspaceAuth(context, id, request.headers);
	if (denial) return denial;
	const body = request.body === null ? undefined : jsonValue(request.body);
	const seq = isRecord(body) ? body['acked_seq'] : undefined;
	if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) return errorReply(400, 'acked_seq is required');
	if (seq < 0) return errorReply(400, 'acked_seq must be >= 0');
	const workspaceId = context.model.get(id)?.workspace.id ?? id;
	return json(200, { last_acked_seq: context.model.activity.ack(workspaceId, seq) });
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The activity types an agent may report (spec §3.12). */
const reportableTypes = ['a2a_send', 'a2a_receive', 'task_update', 'agent_log', 'skill_promotion', 'memory_write', 'error'];

/**
 * `POST /workspaces/:id/activity` (contract §9.4), behind WorkspaceAuth: an agent logs a row on
 * its own workspace. `source_id` may only name that workspace (it defaults to it); `metadata`
 * stands in for a missing `request_body`; `status` defaults to `ok`.
 */
export function reportActivity(context: DevContext, request: RouteRequest): Reply {
	const id = request.params['id'] ?? '';
	const denial = workspaceAuth(context, id, request.headers);
	if (denial) return denial;
	const body = bindJson(request.body, {
		activity_type: { kind: 'string', required: true },
		method: { kind: 'string' },
		summary: { kind: 'string' },
		target_id: { kind: 'string' },
		source_id: { kind: 'string' },
		status: { kind: 'string' },
		error_detail: { kind: 'string' },
		duration_ms: { kind: 'integer' },
		request_body: { kind: 'any' },
		response_body: { kind: 'any' },
		metadata: { kind: 'any' },
	});
	if (!body) return errorReply(400, 'invalid request body');
	const type = body['activity_type'] as string;
	if (!reportableTypes.includes(type)) return errorReply(400, `invalid activity_type, must be one of: ${reportableTypes.join(', ')}`);
	const workspaceId = context.model.get(id)?.workspace.id ?? id;
	const sourceId = text(body['source_id']);
	if (sourceId !== '' && sourceId !== id && sourceId !== workspaceId) return errorReply(403, 'source_id must match authenticated workspace');
	const requestBody = body['request_body'] ?? body['metadata'] ?? null;
	const responseBody = body['response_body'] ?? null;
	context.model.activity.record({
		workspaceId,
		activityType: type,
		sourceId: sourceId === '' ? workspaceId : sourceId,
		targetId: text(body['target_id']) || null,
		method: text(body['method']) || null,
		summary: text(body['summary']) || null,
		...(requestBody === null ? {} : { requestBody }),
		...(responseBody === null ? {} : { responseBody }),
		durationMs: typeof body['duration_ms'] === 'number' ? body['duration_ms'] : null,
		status: text(body['status']) || 'ok',
		errorDetail: text(body['error_detail']) || null,
	});
	return json(200, { status: 'logged' });
}
