// What `getWorkspaceInfo` resolves to. The description's schema is `WorkspaceInfoSchema` in
// src/schemas/workspace.ts; test/types/schemas.fixture.ts fails to compile when the two disagree.
import type { PeerRecord } from './peer.js';

/**
 * `getWorkspaceInfo` when the platform described the workspace (HTTP 200, docs/platform-contract.md
 * §10.2): the registry's fields and the runtime. Every member but `id` may be missing or `null`. Other
 * fields the platform sends are kept at run time, unchecked and untyped, as the Python client passes them.
 *
 * @example
 * const info = await client.getWorkspaceInfo();
 * if (isWorkspaceInfo(info)) console.log(`${info.name} runs ${info.runtime ?? 'an unknown runtime'}, ${info.status}`);
 */
export type WorkspaceInfo = PeerRecord & {
	/** The agent runtime, e.g. `claude-code` (the platform's default) or `external`. */
	runtime?: string | null | undefined;
	/** Never present on a description: `error` tells the shapes of `WorkspaceInfoResult` apart. */
	error?: never;
};

/**
 * `getWorkspaceInfo` for a workspace that was deleted on the platform (HTTP 410,
 * docs/platform-contract.md §10.2), as the Python client shapes it.
 *
 * @example
 * const info = await client.getWorkspaceInfo();
 * if (isRemovedWorkspace(info)) console.log(`removed at ${info.removed_at ?? 'an unknown time'}; ${info.hint ?? ''}`);
 */
export type RemovedWorkspace = {
	/** Always `'removed'`; use `isRemovedWorkspace`, as a failure's free-text `error` could read the same. */
	error: 'removed';
	/** The platform's `id`, or this workspace's id when the body had none. */
	id: string | null;
	/** When the workspace was removed (RFC 3339), when the platform said. */
	removed_at: string | null;
	/** What to do about it: the platform's `hint`, or the Python client's default sentence. */
	hint: string | null;
};

/**
 * `getWorkspaceInfo` for any other failure: `'not found'` for a status other than 200 and 410, else what
 * went wrong. It has none of the removed workspace's members, so reading `removed_at` after
 * `error === 'removed'` type-checks.
 *
 * @example
 * const info = await client.getWorkspaceInfo();
 * if (!isWorkspaceInfo(info) && !isRemovedWorkspace(info)) console.error(`cannot tell: ${info.error}`);
 */
export type WorkspaceInfoFailure = {
	/** What went wrong, secrets removed: `'not found'`, a network failure's message, `invalid workspace info: …`. */
	error: string;
	/** Never present: only `RemovedWorkspace` has it. */
	id?: never;
	/** Never present: only `RemovedWorkspace` has it. */
	removed_at?: never;
	/** Never present: only `RemovedWorkspace` has it. */
	hint?: never;
};

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
