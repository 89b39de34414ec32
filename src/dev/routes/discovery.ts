import { canCommunicate } from '../access.js';
import { discoveryGate } from '../auth.js';
import type { DevContext } from '../context.js';
import { bindJson, errorReply, json, type Reply } from '../http.js';
import { defaultRuntime, workspaceKey, type WorkspaceEntry } from '../model.js';
import type { RouteRequest } from '../router.js';
import type { DevWorkspace } from '../types.js';

function isHttpUrl(raw: string): boolean {
	try {
		const { protocol } = new URL(raw);
		return protocol === 'http:' || protocol === 'https:';
	} catch {
		return false;
	}
}

/** An external agent's registered URL, as a container caller reaches it: the host's loopback becomes the Docker host. */
function externalUrl(url: string, callerRuntime: string): string {
	if (callerRuntime === 'external') return url;
	return url.replace('127.0.0.1', 'host.docker.internal').replace('localhost', 'host.docker.internal');
}

/**
 * `GET /registry/discover/:id` (contract §6.1). The target id is not validated. The order
 * matters: a missing header, then the caller's credential, then the hierarchy (so an unknown
 * target is 403), then the URL: an external agent's own, the cached one, or one synthesised for
 * online targets.
 */
export function discover(context: DevContext, request: RouteRequest): Reply {
	const targetId = request.params['id'] ?? '';
	const callerId = request.headers.get('X-Workspace-ID') ?? '';
	if (callerId === '') return errorReply(400, 'X-Workspace-ID header is required');
	const { model } = context;
	const denial = discoveryGate(context, callerId, request.headers);
	if (denial) return denial;
	if (!canCommunicate(workspaceKey(callerId), workspaceKey(targetId), model.hierarchy)) {
		return errorReply(403, 'not authorized to discover this workspace');
	}
	const target = model.get(targetId);
	if (!target) return errorReply(404, 'workspace not found');
	const { workspace, extras } = target;
	const found = (url: string): Reply => json(200, { id: targetId, url, name: workspace.name ?? '' });

	if (workspace.runtime === 'external' && workspace.url) {
		const url = externalUrl(workspace.url, model.get(callerId)?.workspace.runtime ?? defaultRuntime);
		return isHttpUrl(url) ? found(url) : errorReply(503, 'workspace URL failed safety check');
	}
	if (extras.internalUrl && workspace.status !== 'removed') return found(extras.internalUrl);
	const status = workspace.status ?? 'online';
	if (status === 'online' || status === 'degraded') {
		extras.internalUrl = `http://ws-${workspace.id.slice(0, 12)}:8000`;
		return found(extras.internalUrl);
	}
	return errorReply(503, 'workspace not available', { status });
}

function peerOf(workspace: DevWorkspace): Record<string, unknown> {
	return {
		id: workspace.id,
		name: workspace.name,
		role: workspace.role ? workspace.role : null,
		tier: workspace.tier ?? 1,
		status: workspace.status ?? 'online',
		url: workspace.url ?? '',
		parent_id: workspace.parentId ?? null,
		active_tasks: workspace.activeTasks ?? 0,
		agent_card: workspace.agentCard ?? null,
	};
}

/** Siblings, then children, then the parent; never removed ones. A root has no siblings: other roots are other organisations. */
function peersOf(context: DevContext, self: DevWorkspace): DevWorkspace[] {
	const all = [...context.model.entries()].map((entry: WorkspaceEntry) => entry.workspace).filter((workspace) => workspace.status !== 'removed');
	const parentId = self.parentId ?? null;
	const siblings = parentId === null ? [] : all.filter((workspace) => workspace.id !== self.id && workspace.parentId === parentId);
	const children = all.filter((workspace) => workspace.parentId === self.id);
	const parent = parentId === null ? [] : all.filter((workspace) => workspace.id === parentId);
	return [...siblings, ...children, ...parent];
}

/**
 * `GET /registry/:id/peers[?q=]` (contract §6.2): the discovery gate is bound to the path id;
 * `q` keeps peers whose name or role contains it, ignoring case.
 */
export function peers(context: DevContext, request: RouteRequest): Reply {
	const id = request.params['id'] ?? '';
	const denial = discoveryGate(context, id, request.headers);
	if (denial) return denial;
	const self = context.model.get(id);
	if (!self) return errorReply(404, 'workspace not found');
	const query = (request.url.searchParams.get('q') ?? '').trim().toLowerCase();
	const matches = (workspace: DevWorkspace): boolean =>
		query === '' || workspace.name.toLowerCase().includes(query) || (workspace.role ?? '').toLowerCase().includes(query);
	return json(200, peersOf(context, self.workspace).filter(matches).map(peerOf));
}

/** `POST /registry/check-access` (contract §6.3): no auth. */
export function checkAccess(context: DevContext, request: RouteRequest): Reply {
	const payload = bindJson(request.body, {
		caller_id: { kind: 'string', required: true },
		target_id: { kind: 'string', required: true },
	});
	if (!payload) return errorReply(400, 'invalid request body');
	const allowed = canCommunicate(workspaceKey(payload['caller_id'] as string), workspaceKey(payload['target_id'] as string), context.model.hierarchy);
	return json(200, { allowed });
}
