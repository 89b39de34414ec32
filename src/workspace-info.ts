import type { RemovedWorkspace, WorkspaceInfo, WorkspaceInfoResult } from './types/workspace.js';

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
