// Compiled by workspace-info.test.ts under `tsc --strict`, and by `npm run typecheck` with the repo's flags.
// Each `expectTypeOf` line is a compile-time assertion: a result shape that stops narrowing fails to compile.
import { expectTypeOf } from 'vitest';
import { isRemovedWorkspace, isWorkspaceInfo, type A2AClient, type RemovedWorkspace, type WorkspaceInfo, type WorkspaceInfoFailure, type WorkspaceInfoResult } from '../../src/index.js';

/** `info.error === 'removed'`, as the Python client's callers write it: the removed fields read without a cast. */
export async function removedByErrorLiteral(client: A2AClient): Promise<string | null | undefined> {
	const info = await client.getWorkspaceInfo();
	if (info.error !== 'removed') return undefined;
	expectTypeOf(info).toEqualTypeOf<RemovedWorkspace | WorkspaceInfoFailure>();
	expectTypeOf(info.hint).toEqualTypeOf<string | null | undefined>();
	return info.removed_at;
}

/** The guard narrows to the removed shape alone. */
export async function removedByGuard(client: A2AClient): Promise<string | null> {
	const info = await client.getWorkspaceInfo();
	if (!isRemovedWorkspace(info)) return null;
	expectTypeOf(info).toEqualTypeOf<RemovedWorkspace>();
	expectTypeOf(info.id).toEqualTypeOf<string | null>();
	return info.removed_at;
}

/** `error` is the discriminant: absent on a description, a string on every failure. */
export async function threeWays(client: A2AClient): Promise<string> {
	const info = await client.getWorkspaceInfo();
	if (isRemovedWorkspace(info)) return `removed at ${info.removed_at ?? 'an unknown time'}`;
	if (info.error !== undefined) {
		expectTypeOf(info).toEqualTypeOf<WorkspaceInfoFailure>();
		return info.error;
	}
	expectTypeOf(info).toEqualTypeOf<WorkspaceInfo>();
	expectTypeOf(info.id).toEqualTypeOf<string>();
	return info.id;
}

/** `isWorkspaceInfo` narrows both ways. */
export async function describedOrNot(client: A2AClient): Promise<string> {
	const info = await client.getWorkspaceInfo();
	if (isWorkspaceInfo(info)) {
		expectTypeOf(info).toEqualTypeOf<WorkspaceInfo>();
		return info.id;
	}
	expectTypeOf(info).toEqualTypeOf<RemovedWorkspace | WorkspaceInfoFailure>();
	expectTypeOf(info.error).toEqualTypeOf<string>();
	return info.error;
}

/** A switch on `error` narrows each case. */
export async function switched(client: A2AClient): Promise<string> {
	const info = await client.getWorkspaceInfo();
	switch (info.error) {
		case undefined:
			return info.id;
		case 'removed':
			return info.hint ?? '';
		default:
			expectTypeOf(info).toEqualTypeOf<RemovedWorkspace | WorkspaceInfoFailure>();
			return info.error;
	}
}

/** A test double of the client can still build every shape from plain literals. */
export const doubles: WorkspaceInfoResult[] = [
	{ id: '00000000-0000-4000-8000-000000000001', name: 'Orchestrator', runtime: 'langgraph' },
	{ error: 'removed', id: null, removed_at: null, hint: null },
	{ error: 'not found' },
	{ error: 'connect ECONNREFUSED 127.0.0.1:8080' },
];
