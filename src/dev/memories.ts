import type { DevModel } from './model.js';

/** The scopes a legacy memory can have (contract §17). */
export type MemoryScope = 'LOCAL' | 'TEAM' | 'GLOBAL';

export interface StoredMemory {
	readonly id: string;
	readonly workspaceId: string;
	readonly content: string;
	readonly scope: MemoryScope;
	readonly namespace: string;
	/** Wall-clock time (RFC 3339). */
	readonly createdAt: string;
}

/** The most memories `GET /workspaces/:id/memories` answers. */
export const maxRecalled = 50;

/**
 * The memory plugin's store as the legacy endpoints see it (contract §17): what a workspace wrote,
 * and what it may read back: its own memories, the TEAM memories of its team (its parent and
 * siblings, or for a root itself and its children), and the GLOBAL memories of its organisation.
 */
export class MemoryStore {
	readonly #memories: StoredMemory[] = [];
	readonly #uuid: () => string;
	readonly #wallClock: () => Date;

	constructor(uuid: () => string, wallClock: () => Date) {
		this.#uuid = uuid;
		this.#wallClock = wallClock;
	}

	commit(workspaceId: string, content: string, scope: MemoryScope, namespace: string): StoredMemory {
		const memory: StoredMemory = Object.freeze({ id: this.#uuid(), workspaceId, content, scope, namespace, createdAt: this.#wallClock().toISOString() });
		this.#memories.push(memory);
		return memory;
	}

	/** What `workspaceId` may read, newest first, at most 50. */
	readableBy(workspaceId: string, model: DevModel): StoredMemory[] {
		const self = model.get(workspaceId)?.workspace;
		const teamRoot = self?.parentId ?? workspaceId;
		const org = model.orgRootOf(workspaceId);
		const readable = (memory: StoredMemory): boolean => {
			if (memory.workspaceId === workspaceId) return true;
			const writer = model.get(memory.workspaceId)?.workspace;
			if (!writer || writer.status === 'removed') return false;
			if (memory.scope === 'TEAM') return writer.id === teamRoot || writer.parentId === teamRoot;
			return memory.scope === 'GLOBAL' && org !== undefined && model.orgRootOf(writer.id) === org;
		};
		return this.#memories.filter(readable).reverse().slice(0, maxRecalled);
	}
}
