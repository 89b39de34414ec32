import * as v from 'valibot';
import { PeerRecord } from './peer.js';

const text = v.optional(v.nullable(v.string()));

/** The body of `GET /workspaces/:id` (200): the registry's fields and more. Unknown fields pass through. */
export const WorkspaceInfo = v.looseObject({ ...PeerRecord.entries, runtime: text });
export type WorkspaceInfo = v.InferOutput<typeof WorkspaceInfo>;

/** The body of the 410 the platform answers for a removed workspace. */
export const RemovedWorkspaceBody = v.looseObject({ id: text, removed_at: text, hint: text });
export type RemovedWorkspaceBody = v.InferOutput<typeof RemovedWorkspaceBody>;
