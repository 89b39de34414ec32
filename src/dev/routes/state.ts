import { workspaceAuth } from '../auth.js';
import type { DevContext } from '../context.js';
import { json, type Reply } from '../http.js';
import { statusOf, workspaceKey } from '../model.js';
import type { RouteRequest } from '../router.js';

/**
 * `GET /workspaces/:id/state` (contract §18), behind WorkspaceAuth: status and whether it is
 * paused. A removed workspace is 404 with `deleted: true` (only the admin or an org token gets
 * that far: a removed workspace's own tokens are no longer valid); an unknown one too.
 */
export function workspaceState(context: DevContext, request: RouteRequest): Reply {
	const id = request.params['id'] ?? '';
	const denial = workspaceAuth(context, id, request.headers);
	if (denial) return denial;
	const entry = context.model.get(id);
	if (!entry) return json(404, { workspace_id: workspaceKey(id), deleted: true });
	const { workspace } = entry;
	const status = statusOf(workspace);
	if (status === 'removed') return json(404, { workspace_id: workspace.id, status, deleted: true });
	return json(200, { workspace_id: workspace.id, status, paused: status === 'paused', deleted: false });
}
