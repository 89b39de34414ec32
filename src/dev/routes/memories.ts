import { workspaceAuth } from '../auth.js';
import type { DevContext } from '../context.js';
import { bindJson, errorReply, json, type Reply } from '../http.js';
import type { MemoryScope } from '../memories.js';
import { workspaceKey } from '../model.js';
import type { RouteRequest } from '../router.js';

const scopes: readonly string[] = ['LOCAL', 'TEAM', 'GLOBAL'];
const defaultNamespace = 'general';
const maxNamespaceBytes = 50;

/** WorkspaceAuth, then the plugin: every memory route needs both (contract §17). */
function gate(context: DevContext, request: RouteRequest): Reply | null {
	const denial = workspaceAuth(context, request.params['id'] ?? '', request.headers);
	if (denial) return denial;
	return context.settings.memoryPlugin ? null : errorReply(503, 'memory plugin is not configured (set MEMORY_PLUGIN_URL)');
}

/**
 * `POST /workspaces/:id/memories` (contract §17.1): stores a memory in a scope and namespace
 * (default `general`) and answers 201. Only root workspaces may write GLOBAL ones.
 */
export function commitMemory(context: DevContext, request: RouteRequest): Reply {
	const refused = gate(context, request);
	if (refused) return refused;
	const body = bindJson(request.body, {
		content: { kind: 'string', required: true },
		scope: { kind: 'string', required: true },
		namespace: { kind: 'string' },
	});
	if (!body) return errorReply(400, 'invalid request body');
	const scope = body['scope'] as string;
	if (!scopes.includes(scope)) return errorReply(400, 'scope must be LOCAL, TEAM, or GLOBAL');
	const namespace = typeof body['namespace'] === 'string' && body['namespace'] !== '' ? body['namespace'] : defaultNamespace;
	if (new TextEncoder().encode(namespace).length > maxNamespaceBytes) return errorReply(400, 'namespace must be <= 50 characters');
	const id = request.params['id'] ?? '';
	const entry = context.model.get(id);
	if (scope === 'GLOBAL' && entry?.workspace.parentId) return errorReply(403, 'only root workspaces can write GLOBAL memories');
	const workspaceId = entry?.workspace.id ?? workspaceKey(id);
	const memory = context.memories.commit(workspaceId, body['content'] as string, scope as MemoryScope, namespace);
	return json(201, { id: memory.id, scope: memory.scope, namespace: memory.namespace });
}

/**
 * `GET /workspaces/:id/memories` (contract §17.2): the memories the workspace may read, newest
 * first, at most 50. Like the platform's shim, it ignores `q` and `scope`.
 */
export function recallMemories(context: DevContext, request: RouteRequest): Reply {
	const refused = gate(context, request);
	if (refused) return refused;
	const id = request.params['id'] ?? '';
	const workspaceId = context.model.get(id)?.workspace.id ?? workspaceKey(id);
	const rows = context.memories.readableBy(workspaceId, context.model).map((memory) => ({
		id: memory.id,
		content: memory.content,
		scope: memory.scope,
		created_at: memory.createdAt,
	}));
	return json(200, rows);
}
