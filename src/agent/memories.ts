import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { isRecord } from '../internal/json.js';
import type { AgentContext } from './context.js';
import { MemoryCommitSchema, MemoryListSchema, StatusResponseSchema } from './schemas.js';
import type { Memories } from './api.js';
import type { ActivityEntry, Memory, MemoryScope } from './types.js';

const scopes: readonly MemoryScope[] = ['LOCAL', 'TEAM', 'GLOBAL'];
const activityTypes: readonly ActivityEntry['type'][] = ['a2a_send', 'a2a_receive', 'task_update', 'agent_log', 'skill_promotion', 'memory_write', 'error'];

function checkScope(scope: unknown, field: string): MemoryScope | undefined {
	if (scope === undefined) return undefined;
	if (!scopes.includes(scope as MemoryScope)) throw new ConfigError(field, `must be one of ${scopes.join(', ')}, got ${typeof scope === 'string' ? JSON.stringify(scope) : kindOf(scope)}`);
	return scope as MemoryScope;
}

/** The legacy `/workspaces/:id/memories` endpoints (addendum §9.9), as the Python tools use them. */
export function createMemories(context: AgentContext): Memories {
	const path = `/workspaces/${context.settings.workspaceId}/memories`;
	return {
		async commit(content, options) {
			if (typeof content !== 'string' || content.trim() === '') throw new ConfigError('content', `must be a non-empty string, got ${typeof content === 'string' ? 'blank text' : kindOf(content)}`);
			const scope = checkScope(options?.scope, 'options.scope') ?? 'LOCAL';
			const namespace = options?.namespace;
			if (namespace !== undefined && typeof namespace !== 'string') throw new ConfigError('options.namespace', `must be a string, got ${kindOf(namespace)}`);
			const saved = await context.call({ method: 'POST', path, body: { content, scope, ...(namespace === undefined ? {} : { namespace }) }, schema: MemoryCommitSchema });
			return { id: saved.id, scope: saved.scope, ...(saved.namespace === undefined ? {} : { namespace: saved.namespace }) };
		},
		async recall(query, options) {
			if (typeof query !== 'string') throw new ConfigError('query', `must be a string, got ${kindOf(query)}`);
			const scope = checkScope(options?.scope, 'options.scope');
			const rows = await context.call({ method: 'GET', path: `${path}?q=${encodeURIComponent(query)}`, schema: MemoryListSchema });
			// The platform ignores `q` and `scope` (addendum §9.9), so both are applied here.
			const needle = query.trim().toLowerCase();
			return rows.filter((row) => (scope === undefined || row.scope === scope) && row.content.toLowerCase().includes(needle)) as Memory[];
		},
	};
}

/** `POST /workspaces/:id/activity` (contract §3.12), written as this workspace so its own inbox skips it. */
export async function logActivity(context: AgentContext, entry: ActivityEntry, signal: AbortSignal | undefined): Promise<void> {
	if (!isRecord(entry)) throw new ConfigError('entry', `must be an object, got ${kindOf(entry)}`);
	if (!activityTypes.includes(entry.type)) throw new ConfigError('entry.type', `must be one of ${activityTypes.join(', ')}, got ${typeof entry.type === 'string' ? JSON.stringify(entry.type) : kindOf(entry.type)}`);
	const fields: Record<string, unknown> = {
		activity_type: entry.type,
		source_id: context.settings.workspaceId,
		method: entry.method,
		summary: entry.summary,
		target_id: entry.targetId,
		status: entry.status,
		error_detail: entry.errorDetail,
		duration_ms: entry.durationMs,
		request_body: entry.requestBody,
		response_body: entry.responseBody,
		metadata: entry.metadata,
	};
	const body = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
	await context.call({ method: 'POST', path: `/workspaces/${context.settings.workspaceId}/activity`, body, schema: StatusResponseSchema, signal });
}
