import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { validatePeerId } from '../peer-id.js';
import { maxAncestorWalk, type HierarchyNode } from './access.js';
import { ActivityLog } from './activity.js';
import type { DatastoreFailure, DevWorkspace } from './types.js';

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
	lastHeartbeatAt: string | null;
	lastErrorRate: number;
	uptimeSeconds: number;
	currentTask: string;
	sampleError: string;
	/** The last heartbeat said `runtime_state: "wedged"`. */
	wedged: boolean;
	/** A heartbeat's `runtime_metadata.idle_timeout_seconds`, in ms. */
	idleTimeoutMs: number | null;
}

export interface WorkspaceEntry {
	workspace: DevWorkspace;
	extras: WorkspaceExtras;
}

/** The runtime a workspace reports when none was given (contract §10.2). */
export const defaultRuntime = 'claude-code';

/** How long a woken workspace takes to come back, as the 503 tells the caller. */
export const wakeDelayMs = 15_000;

/** The in-memory database: workspaces, their credentials and the activity log. */
export class DevModel {
	readonly #entries = new Map<string, WorkspaceEntry>();
	readonly #mintSecret: () => string;
	readonly activity: ActivityLog;

	constructor(workspaces: readonly DevWorkspace[], mintSecret: () => string, activity: ActivityLog) {
		this.#mintSecret = mintSecret;
		this.activity = activity;
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

	/** Inserts a workspace; its inbound secret is minted now unless given (or `null`, not yet). */
	add(workspace: DevWorkspace): WorkspaceEntry {
		const copy: DevWorkspace = {
			...workspace,
			id: workspaceKey(workspace.id),
			status: workspace.status ?? 'online',
			tokens: [...(workspace.tokens ?? [])],
			inboundSecret: workspace.inboundSecret === undefined ? this.#mintSecret() : workspace.inboundSecret,
		};
		if (typeof workspace.parentId === 'string') copy.parentId = workspaceKey(workspace.parentId);
		const entry: WorkspaceEntry = {
			workspace: copy,
			extras: {
				internalUrl: workspace.url ? workspace.url : null,
				wakeAt: null,
				lastOutboundAt: null,
				lastHeartbeatAt: null,
				lastErrorRate: 0,
				uptimeSeconds: 0,
				currentTask: '',
				sampleError: '',
				wedged: false,
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

	/** The root workspace of `id`'s tree, which names its organisation; `undefined` for an unknown id or a broken chain. */
	orgRootOf(id: string): string | undefined {
		let current = this.get(id)?.workspace;
		for (let step = 0; current && step <= maxAncestorWalk; step++) {
			if (!current.parentId) return current.id;
			current = this.get(current.parentId)?.workspace;
		}
		return undefined;
	}

	hasLiveToken(id: string): boolean {
		return (this.get(id)?.workspace.tokens?.length ?? 0) > 0;
	}

	/** The workspace holding `token`, whether or not the token is still valid. */
	tokenOwner(token: string): WorkspaceEntry | undefined {
		if (token === '') return undefined;
		for (const entry of this.#entries.values()) if (entry.workspace.tokens?.includes(token)) return entry;
		return undefined;
	}

	/** `ValidateToken`: a live token of a workspace that is not removed, and of that very workspace. */
	tokenIsValidFor(token: string, id: string): boolean {
		const owner = this.tokenOwner(token);
		return owner !== undefined && owner.workspace.status !== 'removed' && owner.workspace.id === workspaceKey(id);
	}

	addToken(id: string, token: string): void {
		const { workspace } = this.require(id);
		workspace.tokens = [...(workspace.tokens ?? []), token];
	}

	/** The workspace's inbound secret, minting it first when it has none ("lazy heal"); `minted` says which. */
	inboundSecret(entry: WorkspaceEntry): { secret: string; minted: boolean } {
		const existing = entry.workspace.inboundSecret;
		if (existing) return { secret: existing, minted: false };
		const secret = this.#mintSecret();
		entry.workspace.inboundSecret = secret;
		return { secret, minted: true };
	}

	/** Brings workspaces whose wake-up time has come back online; answers the ids of those it woke. */
	wakeDue(now: number): string[] {
		const woken: string[] = [];
		for (const { workspace, extras } of this.#entries.values()) {
			if (extras.wakeAt === null || now < extras.wakeAt) continue;
			extras.wakeAt = null;
			if (workspace.status !== 'hibernated') continue;
			workspace.status = 'online';
			woken.push(workspace.id);
		}
		return woken;
	}
}

/** Whether the workspace was told to fail this datastore lookup (contract §11). */
export function lookupFails(entry: WorkspaceEntry | undefined, lookup: DatastoreFailure): boolean {
	return entry?.workspace.datastoreFailures?.includes(lookup) ?? false;
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
	if (workspace.datastoreFailures) copy.datastoreFailures = [...workspace.datastoreFailures];
	if (workspace.budgets) copy.budgets = Object.fromEntries(Object.entries(workspace.budgets).map(([period, budget]) => [period, { ...budget }]));
	return copy;
}
