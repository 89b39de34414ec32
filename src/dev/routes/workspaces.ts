import { validatePeerId } from '../../peer-id.js';
import { adminAuth, canvasCredential } from '../auth.js';
import type { DevContext } from '../context.js';
import { errorReply, json, type Reply } from '../http.js';
import { defaultRuntime, type WorkspaceEntry } from '../model.js';
import type { RouteRequest } from '../router.js';

/** The fields both the list and the single workspace show (contract §10). */
function commonFields({ workspace, extras }: WorkspaceEntry): Record<string, unknown> {
	return {
		id: workspace.id,
		name: workspace.name,
		role: workspace.role ?? null,
		tier: workspace.tier ?? 1,
		status: workspace.status ?? 'online',
		url: workspace.url ?? '',
		parent_id: workspace.parentId ?? null,
		kind: workspace.kind ?? 'workspace',
		active_tasks: workspace.activeTasks ?? 0,
		max_concurrent_tasks: workspace.maxConcurrentTasks ?? 1,
		last_error_rate: extras.lastErrorRate,
		last_sample_error: extras.sampleError,
		uptime_seconds: extras.uptimeSeconds,
		runtime: workspace.runtime ?? defaultRuntime,
		x: 0,
		y: 0,
		collapsed: false,
		broadcast_enabled: true,
		talk_to_user_enabled: workspace.talkToUserEnabled ?? true,
		compute: {},
		agent_card: workspace.agentCard ?? null,
		loaded_mcp_tools: [],
		mcp_surface: null,
	};
}

/** A row of `GET /workspaces`: the common fields plus budget, spend, current task and directory. */
function listRowOf(entry: WorkspaceEntry): Record<string, unknown> {
	const { workspace, extras } = entry;
	return {
		...commonFields(entry),
		current_task: extras.currentTask,
		workspace_dir: null,
		monthly_spend: workspace.monthlySpend ?? 0,
		budget_limit: workspace.budgetLimit ?? null,
	};
}

/** The 200 body of `GET /workspaces/:id`: no budget, spend or current task; liveness instead. */
function infoOf(entry: WorkspaceEntry): Record<string, unknown> {
	const { extras } = entry;
	return { ...commonFields(entry), last_outbound_at: extras.lastOutboundAt, last_heartbeat_at: extras.lastHeartbeatAt, wedged: extras.wedged };
}

/**
 * `GET /workspaces` (contract §10.1), behind AdminAuth: every workspace not removed, in creation order.
 * A real platform serves one organisation; the dev platform may hold several (one per root), so a
 * session or org token anchored to one sees that organisation's workspaces only.
 */
export function listWorkspaces(context: DevContext, request: RouteRequest): Reply {
	const denial = adminAuth(context, request.headers);
	if (denial) return denial;
	const credential = canvasCredential(context, request.headers);
	const org = typeof credential === 'object' ? credential.org : null;
	const { model } = context;
	const rows = [...model.entries()]
		.filter(({ workspace }) => workspace.status !== 'removed' && (org === null || model.orgRootOf(workspace.id) === org))
		.map(listRowOf);
	return json(200, rows);
}

/** What a removed workspace's 410 tells its agent to do (contract §10.2). */
export const removedHint = 'Create a replacement workspace in Canvas, then open Settings → Workspace Tokens → + New Token';

/**
 * `GET /workspaces/:id` (contract §10.2): open, the id must be a UUID, and a removed workspace
 * answers 410 unless `include_removed=true` asks for the legacy 200.
 */
export function workspaceInfo(context: DevContext, request: RouteRequest): Reply {
	const id = validatePeerId(request.params['id']);
	if (id === null) return errorReply(400, 'invalid workspace ID');
	const entry = context.model.get(id);
	if (!entry) return errorReply(404, 'workspace not found');
	const { workspace } = entry;
	if (workspace.status === 'removed' && request.url.searchParams.get('include_removed') !== 'true') {
		return errorReply(410, 'workspace removed', { id: workspace.id, hint: removedHint, removed_at: workspace.removedAt ?? null });
	}
	return json(200, infoOf(entry));
}
