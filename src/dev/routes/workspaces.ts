import { validatePeerId } from '../../peer-id.js';
import { workspaceAuth } from '../auth.js';
import type { DevContext } from '../context.js';
import { errorReply, json, type Reply } from '../http.js';
import type { WorkspaceEntry } from '../model.js';
import type { RouteRequest } from '../router.js';
import type { ActivityRow } from '../types.js';

/** The 200 body of `GET /workspaces/:id`: budget, spend and the current task are stripped. */
function infoOf({ workspace, extras }: WorkspaceEntry): Record<string, unknown> {
	return {
		id: workspace.id,
		name: workspace.name,
		role: workspace.role ?? null,
		tier: workspace.tier ?? 1,
		status: workspace.status ?? 'online',
		url: workspace.url ?? '',
		parent_id: workspace.parentId ?? null,
		active_tasks: workspace.activeTasks ?? 0,
		max_concurrent_tasks: workspace.maxConcurrentTasks ?? 1,
		last_error_rate: extras.lastErrorRate,
		uptime_seconds: extras.uptimeSeconds,
		runtime: workspace.runtime ?? 'langgraph',
		x: 0,
		y: 0,
		collapsed: false,
		agent_card: workspace.agentCard ?? null,
		last_outbound_at: extras.lastOutboundAt,
	};
}

/**
 * `GET /workspaces/:id` (§3.4): open, the id must be a UUID, and a removed workspace answers
 * 410 unless `include_removed=true` asks for the legacy 200.
 */
export function workspaceInfo(context: DevContext, request: RouteRequest): Reply {
	const id = validatePeerId(request.params['id']);
	if (id === null) return errorReply(400, 'invalid workspace ID');
	const entry = context.model.get(id);
	if (!entry) return errorReply(404, 'workspace not found');
	const { workspace } = entry;
	if (workspace.status === 'removed' && request.url.searchParams.get('include_removed') !== 'true') {
		return errorReply(410, 'workspace removed', {
			id: workspace.id,
			hint: 'Regenerate workspace + token from the canvas → Tokens tab',
			removed_at: workspace.removedAt ?? null,
		});
	}
	return json(200, infoOf(entry));
}

const defaultActivityLimit = 100;
const maxActivityLimit = 500;

function activityLimit(raw: string | null): number {
	const limit = raw !== null && /^[+-]?\d+$/.test(raw) ? Number(raw) : 0;
	return limit > 0 ? Math.min(limit, maxActivityLimit) : defaultActivityLimit;
}

/**
 * `GET /workspaces/:id/activity` (§3.12), behind WorkspaceAuth: `type`, `source=canvas|agent`,
 * `limit`, newest first; with `since_id` (post-April, how poll-mode agents read their inbox)
 * the rows after that one, oldest first.
 */
export function listActivity(context: DevContext, request: RouteRequest): Reply {
	const id = request.params['id'] ?? '';
	const denial = workspaceAuth(context.model, id, request.headers, context.settings.adminToken);
	if (denial) return denial;
	const query = request.url.searchParams;
	const source = query.get('source') ?? '';
	if (source !== '' && source !== 'canvas' && source !== 'agent') return errorReply(400, "source must be 'canvas' or 'agent'");
	const type = query.get('type') ?? '';
	const workspaceId = context.model.get(id)?.workspace.id ?? id;
	const own = context.model.activity.filter((row) => row.workspace_id === workspaceId);
	const wanted = (row: ActivityRow): boolean =>
		(type === '' || row.activity_type === type) && (source === '' || (source === 'canvas') === (row.source_id === null));
	const limit = activityLimit(query.get('limit'));
	const sinceId = query.get('since_id');
	if (sinceId === null || sinceId === '') return json(200, own.filter(wanted).reverse().slice(0, limit));
	const cursor = own.findIndex((row) => row.id === sinceId);
	if (cursor === -1) return errorReply(410, 'since_id not found', { since_id: sinceId });
	return json(200, own.slice(cursor + 1).filter(wanted).slice(0, limit));
}
