import { validatePeerId } from '../peer-id.js';
import { callOptions, signalChecks, workspaceIdOf, type CanvasContext } from './http.js';
import { WorkspaceListSchema, WorkspaceSchema } from './schemas.js';
import type { Workspace, WorkspaceTree } from './types.js';

type Signal = { signal?: AbortSignal | undefined } | undefined;

/** The tree over a list: children grouped once, so walking it is linear. */
export function workspaceTree(list: readonly Workspace[]): WorkspaceTree {
	const workspaces = Object.freeze([...list]);
	const byId = new Map<string, Workspace>();
	for (const workspace of workspaces) byId.set(validatePeerId(workspace.id) ?? workspace.id, workspace);
	const parentOf = (workspace: Workspace): string | undefined => {
		const parent = workspace.parent_id == null ? undefined : (validatePeerId(workspace.parent_id) ?? workspace.parent_id);
		return parent !== undefined && byId.has(parent) ? parent : undefined;
	};
	const children = new Map<string, Workspace[]>();
	const roots: Workspace[] = [];
	for (const workspace of workspaces) {
		const parent = parentOf(workspace);
		const siblings = parent === undefined ? roots : children.get(parent);
		if (siblings) siblings.push(workspace);
		else children.set(parent as string, [workspace]);
	}
	const key = (id: string): string => validatePeerId(id) ?? id;
	return Object.freeze({
		workspaces,
		roots: () => [...roots],
		childrenOf: (id: string) => [...(children.get(key(id)) ?? [])],
		get: (id: string) => byId.get(key(id)),
	});
}

/** `GET /workspaces` (AdminAuth, addendum §9.12) as a tree. */
export async function listWorkspaces(context: CanvasContext, options: Signal): Promise<WorkspaceTree> {
	const { signal } = callOptions(options, signalChecks);
	return workspaceTree(await context.call({ method: 'GET', path: '/workspaces', schema: WorkspaceListSchema, signal }));
}

/** `GET /workspaces/:id` (open); a removed workspace is the platform's 410 as an `HttpError`. */
export async function getWorkspace(context: CanvasContext, id: string, options: Signal): Promise<Workspace> {
	const { signal } = callOptions(options, signalChecks);
	return context.call({ method: 'GET', path: `/workspaces/${workspaceIdOf(id)}`, schema: WorkspaceSchema, signal });
}
