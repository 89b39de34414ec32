import type { WorkspaceInfo as WorkspaceInfoBody } from './schemas/workspace.js';

/**
 * `getWorkspaceInfo` when the platform described the workspace (HTTP 200): its answer, fields passed
 * through as the Python client passes them. It never has an `error`: that member tells the shapes apart.
 */
export type WorkspaceInfo = WorkspaceInfoBody & { error?: never };

/** The answer for a workspace that was deleted on the platform (HTTP 410), as the Python client shapes it. */
export interface RemovedWorkspace {
	error: 'removed';
	/** The platform's `id`, or this workspace's id when the body had none. */
	id: string | null;
	/** When the workspace was removed (RFC 3339), when the platform said. */
	removed_at: string | null;
	/** What to do about it: the platform's `hint`, or the Python client's default sentence. */
	hint: string | null;
}

/**
 * Any other failure: `'not found'` for a status other than 200 and 410, else what went wrong. It has
 * none of the removed workspace's members, so reading `removed_at` after `error === 'removed'` type-checks.
 */
export interface WorkspaceInfoFailure {
	error: string;
	id?: never;
	removed_at?: never;
	hint?: never;
}

/**
 * What `getWorkspaceInfo` resolves to. `error` tells the shapes apart: `info.error === undefined` narrows
 * to `WorkspaceInfo`; `info.error === 'removed'` leaves `RemovedWorkspace | WorkspaceInfoFailure`, since
 * a failure's message is free text; `isRemovedWorkspace(info)` narrows to `RemovedWorkspace` alone.
 *
 * @example
 * const info = await client.getWorkspaceInfo();
 * if (isRemovedWorkspace(info)) console.log(`removed at ${info.removed_at}: ${info.hint}`);
 * else if (info.error !== undefined) console.log(`cannot tell: ${info.error}`);
 * else console.log(info.name, info.status);
 */
export type WorkspaceInfoResult = WorkspaceInfo | RemovedWorkspace | WorkspaceInfoFailure;

/**
 * True when the workspace was deleted on the platform (HTTP 410). Tells it apart from a failure whose
 * message happens to read `removed`, as only the removed shape has `removed_at`.
 *
 * @example
 * if (isRemovedWorkspace(info)) reOnboard(info.hint);
 */
export function isRemovedWorkspace(result: WorkspaceInfoResult): result is RemovedWorkspace {
	return typeof result === 'object' && result !== null && result.error === 'removed' && 'removed_at' in result;
}

/**
 * True when the platform described the workspace (HTTP 200), false for every failure.
 *
 * @example
 * if (isWorkspaceInfo(info)) console.log(info.name, info.status);
 */
export function isWorkspaceInfo(result: WorkspaceInfoResult): result is WorkspaceInfo {
	return typeof result === 'object' && result !== null && result.error === undefined;
}
