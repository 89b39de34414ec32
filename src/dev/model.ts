import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { validatePeerId } from '../peer-id.js';
import type { HierarchyNode } from './access.js';
import type { ActivityRow, DevWorkspace } from './types.js';

/** Ids name the same row whatever their case, as Postgres' uuid column does; other strings match exactly. */
export function workspaceKey(id: string): string {
	const canonical = validatePeerId(id);
	return canonical !== null && canonical.length === id.length ? canonical : id;
}

/** State the platform keeps beside the public workspace fields. */
export interface WorkspaceExtras {
	/** What register cached for discover (Redis `ws:<id>:internal_url`). */
	internalUrl: string | null;
	/** When a hibernated workspace that was asked for will be online (platform clock), else `null`. */
	wakeAt: number | null;
	lastOutboundAt: string | null;
	lastErrorRate: number;
	uptimeSeconds: number;
	currentTask: string;
	sampleError: string;
	/** A heartbeat's `runtime_metadata.idle_timeout_seconds`, in ms. */
	idleTimeoutMs: number | null;
}

export interface WorkspaceEntry {
	workspace: DevWorkspace;
	extras: WorkspaceExtras;
}

/** How long a woken workspace takes to come back, as the 503 tells the caller. */
export const wakeDelayMs = 15_000;

/** The in-memory database: workspaces, their tokens and the activity log. */
export class DevModel {
	readonly #entries = new Map<string, WorkspaceEntry>();
	readonly activity: ActivityRow[] = [];

	constructor(workspaces: readonly DevWorkspace[]) {
		for (const workspace of workspaces) {
			if (this.get(workspace.id)) throw new Error(`duplicate workspace id ${workspace.id}`);
			this.add(workspace);
		}
	}

	get(id: string): WorkspaceEntry | undefined {
		return this.#entries.get(workspaceKey(id));
	}

	/** The entry, or an error naming the id: for the platform's own API, where an unknown id is a bug. */
	require(id: string): WorkspaceEntry {
		const entry = this.get(id);
		if (!entry) throw new ConfigError('id', `is an unknown workspace of this dev platform: ${typeof id === 'string' ? JSON.stringify(id) : kindOf(id)}`);
		return entry;
	}

	add(workspace: DevWorkspace): WorkspaceEntry {
		const copy: DevWorkspace = { ...workspace, id: workspaceKey(workspace.id), status: workspace.status ?? 'online', tokens: [...(workspace.tokens ?? [])] };
		if (typeof workspace.parentId === 'string') copy.parentId = workspaceKey(workspace.parentId);
		const entry: WorkspaceEntry = {
			workspace: copy,
			extras: {
				internalUrl: workspace.url ? workspace.url : null,
				wakeAt: null,
				lastOutboundAt: null,
				lastErrorRate: 0,
				uptimeSeconds: 0,
				currentTask: '',
				sampleError: '',
				idleTimeoutMs: null,
			},
		};
		this.#entries.set(copy.id, entry);
		return entry;
	}

	entries(): IterableIterator<WorkspaceEntry> {
		return this.#entries.values();
	}

	/** The hierarchy view `canCommunicate` reads. */
	readonly hierarchy = (id: string): HierarchyNode | undefined => {
		const entry = this.get(id);
		return entry && { parentId: entry.workspace.parentId ?? null };
	};

	hasLiveToken(id: string): boolean {
		return (this.get(id)?.workspace.tokens?.length ?? 0) > 0;
	}

	/** `ValidateToken`: a live token of a workspace that is not removed, and of that very workspace. */
	tokenIsValidFor(token: string, id: string): boolean {
		if (token === '') return false;
		const expected = workspaceKey(id);
		for (const { workspace } of this.#entries.values()) {
			if (!workspace.tokens?.includes(token)) continue;
			return workspace.status !== 'removed' && workspace.id === expected;
		}
		return false;
	}

	addToken(id: string, token: string): void {
		const { workspace } = this.require(id);
		workspace.tokens = [...(workspace.tokens ?? []), token];
	}

	/** Brings workspaces whose wake-up time has come back online. */
	wakeDue(now: number): void {
		for (const { workspace, extras } of this.#entries.values()) {
			if (extras.wakeAt === null || now < extras.wakeAt) continue;
			extras.wakeAt = null;
			if (workspace.status === 'hibernated') workspace.status = 'online';
		}
	}
}

/** The status a workspace reports, with its default. */
export function statusOf(workspace: DevWorkspace): string {
	return workspace.status ?? 'online';
}

/** A copy safe to hand out: changing it does not change the platform. */
export function snapshot(workspace: DevWorkspace): DevWorkspace {
	const copy: DevWorkspace = { ...workspace };
	if (workspace.tokens) copy.tokens = [...workspace.tokens];
	if (workspace.capabilities) copy.capabilities = { ...workspace.capabilities };
	return copy;
}
