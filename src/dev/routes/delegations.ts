import { validatePeerId } from '../../peer-id.js';
import { workspaceAuth } from '../auth.js';
import type { DevContext } from '../context.js';
import { completedSummary, delegationIdOf, recordDelegationResult, recordDelegationSent, setDelegationStatus, truncateBytes } from '../delegation.js';
import { isRecord } from '../../internal/json.js';
import { bindJson, errorReply, json, type Reply } from '../http.js';
import { workspaceKey } from '../model.js';
import type { RouteRequest } from '../router.js';
import type { ActivityRow } from '../types.js';

/** The most rows `GET /workspaces/:id/delegations` answers. */
export const maxDelegationRows = 50;

/** Keys in the order Postgres prints a `jsonb` object: shorter first, then by bytes. */
function jsonbKeyOrder(left: string, right: string): number {
	return left.length - right.length || (left < right ? -1 : left > right ? 1 : 0);
}

/** A value as Postgres prints `jsonb::text`: `{"a": 1, "bb": [1, 2]}`. */
export function jsonbText(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
	if (isRecord(value)) {
		const members = Object.keys(value)
			.sort(jsonbKeyOrder)
			.map((key) => `${JSON.stringify(key)}: ${jsonbText(value[key])}`);
		return `{${members.join(', ')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** `response_body->>'text'`, else the whole body as text, else nothing. */
function previewOf(responseBody: unknown): string {
	if (responseBody === undefined || responseBody === null) return '';
	const text = isRecord(responseBody) ? responseBody['text'] : undefined;
	if (text === undefined || text === null) return jsonbText(responseBody);
	return typeof text === 'string' ? text : jsonbText(text);
}

function delegationRowOf(row: ActivityRow, workspaceId: string): Record<string, unknown> {
	const delegationId = delegationIdOf(row);
	const preview = previewOf(row.response_body);
	return {
		id: row.id,
		type: row.activity_type,
		source_id: row.source_id ?? '',
		target_id: row.target_id ?? '',
		summary: row.summary ?? '',
		status: row.status,
		created_at: row.created_at,
		direction: row.source_id === workspaceId ? 'sent' : 'received',
		...(delegationId === '' ? {} : { delegation_id: delegationId }),
		...(row.error_detail ? { error: row.error_detail } : {}),
		...(preview === '' ? {} : { response_preview: truncateBytes(preview, 300) }),
	};
}

const newestFirst = (left: ActivityRow, right: ActivityRow): number =>
	left.created_at === right.created_at ? right.seq - left.seq : left.created_at < right.created_at ? 1 : -1;

/**
 * `GET /workspaces/:id/delegations` (contract §14.3), behind WorkspaceAuth: the `delegate` and
 * `delegate_result` rows the workspace holds or sent, newest first, at most 50, each with its
 * `direction`. Always 200 once authorised.
 */
export function listDelegations(context: DevContext, request: RouteRequest): Reply {
	const id = request.params['id'] ?? '';
	const denial = workspaceAuth(context, id, request.headers);
	if (denial) return denial;
	const workspaceId = context.model.get(id)?.workspace.id ?? workspaceKey(id);
	const rows = context.model.activity
		.where((row) => (row.method === 'delegate' || row.method === 'delegate_result') && (row.workspace_id === workspaceId || row.source_id === workspaceId))
		.sort(newestFirst)
		.slice(0, maxDelegationRows);
	return json(200, rows.map((row) => delegationRowOf(row, workspaceId)));
}

/**
 * `POST /workspaces/:id/delegations/record` (contract §14.4): an agent that sent a delegation
 * itself records it, `dispatched`. The workspace must exist (the row's foreign key).
 */
export function recordDelegation(context: DevContext, request: RouteRequest): Reply {
	const id = request.params['id'] ?? '';
	const denial = workspaceAuth(context, id, request.headers);
	if (denial) return denial;
	const body = bindJson(request.body, {
		target_id: { kind: 'string', required: true },
		task: { kind: 'string', required: true },
		delegation_id: { kind: 'string', required: true },
	});
	if (!body) return errorReply(400, 'invalid request body');
	const targetId = validatePeerId(body['target_id']);
	if (targetId === null) return errorReply(400, 'target_id must be a valid UUID');
	const source = context.model.get(id);
	if (!source) return errorReply(500, 'failed to record delegation');
	const sourceId = source.workspace.id;
	const delegationId = body['delegation_id'] as string;
	const task = body['task'] as string;
	recordDelegationSent(context, { sourceId, targetId, task, delegationId, status: 'dispatched', withRow: true });
	return json(202, { delegation_id: delegationId, status: 'recorded' });
}

/**
 * `POST /workspaces/:id/delegations/:delegation_id/update` (contract §14.4): the agent reports how
 * a delegation it recorded ended. Its `delegate` rows take the status; a `delegate_result` row
 * records the reply preview (`completed`) or the error (`failed`).
 */
export function updateDelegation(context: DevContext, request: RouteRequest): Reply {
	const id = request.params['id'] ?? '';
	const denial = workspaceAuth(context, id, request.headers);
	if (denial) return denial;
	const body = bindJson(request.body, {
		status: { kind: 'string', required: true },
		error: { kind: 'string' },
		response_preview: { kind: 'string' },
	});
	if (!body) return errorReply(400, 'invalid request body');
	const status = body['status'] as string;
	if (status !== 'completed' && status !== 'failed') return errorReply(400, 'status must be one of: completed, failed');
	const entry = context.model.get(id);
	const workspaceId = entry?.workspace.id ?? workspaceKey(id);
	const delegationId = request.params['delegation_id'] ?? '';
	const error = typeof body['error'] === 'string' ? body['error'] : '';
	setDelegationStatus(context, workspaceId, delegationId, status, error);
	// The result row needs its workspace to exist (a foreign key): the platform logs the failed insert and answers 200.
	if (!entry) return json(200, { status, delegation_id: delegationId });
	if (status === 'completed') {
		const preview = typeof body['response_preview'] === 'string' ? body['response_preview'] : '';
		const responseBody = { text: preview, delegation_id: delegationId };
		recordDelegationResult(context, workspaceId, { status, summary: completedSummary(preview), targetId: null, responseBody });
		context.events.record('DELEGATION_COMPLETE', workspaceId, { delegation_id: delegationId, response_preview: truncateBytes(preview, 200) });
	} else {
		recordDelegationResult(context, workspaceId, { status, summary: 'Delegation failed', targetId: null, error });
		context.events.record('DELEGATION_FAILED', workspaceId, { delegation_id: delegationId, error });
	}
	return json(200, { status, delegation_id: delegationId });
}
