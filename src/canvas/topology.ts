import { isAbortSignal, type OptionChecks } from '../arguments.js';
import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { parse } from '../schemas/parse.js';
import { callOptions, workspaceIdOf, type CanvasContext } from './http.js';
import { ActivityListSchema, ActivityRowSchema } from './schemas.js';
import type { TopologyEdge } from './types.js';

/**
 * Options of `delegationTopology`. A member that is not what it should be rejects with a `ConfigError` naming it.
 *
 * @example
 * const edges = await canvas.delegationTopology(ids, { windowMs: 30 * 60_000 });
 */
export interface TopologyOptions {
	/**
	 * How far back delegations count, in milliseconds (`A2A_WINDOW_MS`).
	 *
	 * @default 3600000 (60 minutes)
	 */
	windowMs?: number | undefined;
	/**
	 * An edge whose newest delegation is younger than this, in milliseconds, is `hot` (`A2A_HOT_MS`).
	 *
	 * @default 300000 (5 minutes)
	 */
	hotMs?: number | undefined;
	/**
	 * The wall-clock time to measure from, in milliseconds since the Unix epoch.
	 *
	 * @default the clock's `wallNow()`, else `Date.now()`
	 */
	now?: number | undefined;
	/** Aborting rejects the call at once with the signal's reason. */
	signal?: AbortSignal | undefined;
}

export const defaultWindowMs = 60 * 60_000;
export const defaultHotMs = 5 * 60_000;

const milliseconds: readonly [(value: unknown) => boolean, string] = [(value) => typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER, 'a number of milliseconds from 0'];
const topologyChecks: OptionChecks = { windowMs: milliseconds, hotMs: milliseconds, now: milliseconds, signal: [isAbortSignal, 'an AbortSignal'] };

interface Delegation {
	source: string;
	target: string;
	at: number;
	latest: string;
}

/** The `delegate` rows of one workspace's delegation feed with both ids, younger than `from`; malformed rows are skipped and logged. */
export function delegationsOf(rows: readonly unknown[], from: number, warn: (line: string) => void): Delegation[] {
	const found: Delegation[] = [];
	rows.forEach((raw, index) => {
		const parsed = parse(ActivityRowSchema, raw);
		if (!parsed.success) {
			warn(`delegationTopology: skipped row ${index}: ${parsed.summary}`);
			return;
		}
		const { method, source_id: source, target_id: target, created_at: latest } = parsed.output;
		const time = Date.parse(latest);
		if (method !== 'delegate' || !source || !target || Number.isNaN(time) || time < from) return;
		found.push({ source, target, at: time, latest });
	});
	return found;
}

/** Delegations aggregated per source → target: count, newest, hot. */
export function edgesOf(delegations: readonly Delegation[], now: number, hotMs: number): TopologyEdge[] {
	const edges = new Map<string, TopologyEdge & { time: number }>();
	for (const { source, target, at, latest } of delegations) {
		const key = `${source}\n${target}`;
		const edge = edges.get(key);
		if (!edge) edges.set(key, { source, target, count: 1, latest, hot: false, time: at });
		else {
			edge.count++;
			if (at > edge.time) Object.assign(edge, { time: at, latest });
		}
	}
	return [...edges.values()].map(({ time, ...edge }) => ({ ...edge, hot: now - time < hotMs }));
}

/**
 * The delegation topology of `workspaceIds` (spec §8.3): each workspace's `delegation` feed
 * (`limit=500&source=agent`); one that cannot be read counts as empty, and the log says why.
 */
export async function delegationTopology(context: CanvasContext, workspaceIds: readonly string[], options: TopologyOptions | undefined): Promise<TopologyEdge[]> {
	const { windowMs = defaultWindowMs, hotMs = defaultHotMs, now: given, signal } = callOptions(options, topologyChecks);
	if (!Array.isArray(workspaceIds)) throw new ConfigError('workspaceIds', `must be an array of workspace ids, got ${kindOf(workspaceIds)}`);
	const ids = [...new Set(workspaceIds.map(workspaceIdOf))];
	const { core } = context.settings;
	const now = given ?? core.clock.wallNow?.() ?? Date.now();
	const feeds = await Promise.all(
		ids.map(async (id) => {
			try {
				const rows = await context.call({ method: 'GET', path: `/workspaces/${id}/activity`, searchParams: { type: 'delegation', limit: '500', source: 'agent' }, schema: ActivityListSchema, signal });
				return delegationsOf(rows, now - windowMs, core.logger.warn);
			} catch (error) {
				if (signal?.aborted) throw signal.reason;
				core.logger.warn(`delegationTopology: ${id}'s delegations could not be read, counted as none: ${error instanceof Error ? error.message : String(error)}`);
				return [];
			}
		}),
	);
	return edgesOf(feeds.flat(), now, hotMs);
}
