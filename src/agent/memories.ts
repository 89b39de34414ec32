import { checkMembers, checkOptions, refuseUnknown, signalOnly, type OptionChecks } from '../arguments.js';
import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { isRecord } from '../internal/json.js';
import { validatePeerId } from '../peer-id.js';
import type { AgentContext } from './context.js';
import { MemoryCommitSchema, MemoryListSchema, StatusResponseSchema } from './schemas.js';
import type { Memories } from './api.js';
import type { ActivityEntry, Memory, MemoryScope } from './types.js';

const scopes: readonly MemoryScope[] = ['LOCAL', 'TEAM', 'GLOBAL'];
const activityTypes: readonly ActivityEntry['type'][] = ['a2a_send', 'a2a_receive', 'task_update', 'agent_log', 'skill_promotion', 'memory_write', 'error'];

const isString = (value: unknown): boolean => typeof value === 'string';
const scopeCheck: OptionChecks[string] = [(value) => scopes.includes(value as MemoryScope), `one of ${scopes.join(', ')}`, true];

/** Wire names of an activity entry's members (contract §3.12). */
const entryFields: Record<Exclude<keyof ActivityEntry, 'type'>, string> = {
	method: 'method',
	summary: 'summary',
	targetId: 'target_id',
	status: 'status',
	errorDetail: 'error_detail',
	durationMs: 'duration_ms',
	requestBody: 'request_body',
	responseBody: 'response_body',
	metadata: 'metadata',
};

/** What each member must be: the platform binds them to Go types and answers a 400 naming nothing otherwise. */
const entryChecks: OptionChecks = {
	type: [(value) => activityTypes.includes(value as ActivityEntry['type']), `one of ${activityTypes.join(', ')}`, true],
	method: [isString, 'a string'],
	summary: [isString, 'a string'],
	targetId: [(value) => validatePeerId(value) !== null, 'a workspace id (a UUID)'],
	status: [isString, 'a string'],
	errorDetail: [isString, 'a string'],
	durationMs: [(value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0, 'a whole number of milliseconds from 0'],
	metadata: [isRecord, 'an object'],
};

/** The legacy `/workspaces/:id/memories` endpoints (addendum §9.9), as the Python tools use them. */
export function createMemories(context: AgentContext): Memories {
	const path = `/workspaces/${context.settings.workspaceId}/memories`;
	return {
		async commit(content, options) {
			if (typeof content !== 'string' || content.trim() === '') throw new ConfigError('content', `must be a non-empty string, got ${typeof content === 'string' ? 'blank text' : kindOf(content)}`);
			const checked = checkOptions(options, { ...signalOnly, scope: scopeCheck, namespace: [isString, 'a string'] });
			const scope = checked.scope ?? 'LOCAL';
			const namespace = checked.namespace ?? undefined;
			const saved = await context.call({
				method: 'POST',
				path,
				body: { content, scope, ...(namespace === undefined ? {} : { namespace }) },
				names: { namespace: 'options.namespace' },
				schema: MemoryCommitSchema,
				signal: checked.signal ?? undefined,
			});
			return { id: saved.id, scope: saved.scope, ...(saved.namespace === undefined ? {} : { namespace: saved.namespace }) };
		},
		async recall(query, options) {
			if (typeof query !== 'string') throw new ConfigError('query', `must be a string, got ${kindOf(query)}`);
			const checked = checkOptions(options, { ...signalOnly, scope: scopeCheck });
			const scope = checked.scope ?? undefined;
			const rows = await context.call({ method: 'GET', path: `${path}?q=${encodeURIComponent(query)}`, schema: MemoryListSchema, signal: checked.signal ?? undefined });
			// The platform ignores `q` and `scope` (addendum §9.9), so both are applied here.
			const needle = query.trim().toLowerCase();
			return rows.filter((row) => (scope === undefined || row.scope === scope) && row.content.toLowerCase().includes(needle)) as Memory[];
		},
	};
}

/** `POST /workspaces/:id/activity` (contract §3.12), written as this workspace so its own inbox skips it. */
export async function logActivity(context: AgentContext, entry: ActivityEntry, options: { signal?: AbortSignal | undefined } | undefined): Promise<void> {
	if (!isRecord(entry)) throw new ConfigError('entry', `must be an object, got ${kindOf(entry)}`);
	const { signal } = checkOptions(options, signalOnly);
	refuseUnknown(entry, ['type', ...Object.keys(entryFields)], 'entry');
	if (entry.type === undefined) throw new ConfigError('entry.type', `is required (one of ${activityTypes.join(', ')})`);
	checkMembers(entry, entryChecks, 'entry');
	const body: Record<string, unknown> = { activity_type: entry.type, source_id: context.settings.workspaceId };
	const names: Record<string, string> = {};
	for (const [key, field] of Object.entries(entryFields)) {
		const value = entry[key as keyof typeof entryFields];
		if (value === undefined) continue;
		body[field] = key === 'targetId' ? validatePeerId(value) : value;
		names[field] = `entry.${key}`;
	}
	await context.call({ method: 'POST', path: `/workspaces/${context.settings.workspaceId}/activity`, body, names, schema: StatusResponseSchema, signal: signal ?? undefined });
}
