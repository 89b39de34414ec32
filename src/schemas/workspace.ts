import * as v from 'valibot';

const text = v.optional(v.nullable(v.string()));

/** The body of `GET /workspaces/:id` (200). Unknown fields pass through. */
export const WorkspaceInfo = v.looseObject({
	id: v.string(),
	name: text,
	role: text,
	status: text,
	url: text,
	parent_id: text,
	runtime: text,
	tier: v.optional(v.nullable(v.number())),
});
export type WorkspaceInfo = v.InferOutput<typeof WorkspaceInfo>;

/** The body of the 410 the platform answers for a removed workspace. */
export const RemovedWorkspaceBody = v.looseObject({ id: text, removed_at: text, hint: text });
export type RemovedWorkspaceBody = v.InferOutput<typeof RemovedWorkspaceBody>;
