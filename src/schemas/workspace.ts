import * as v from 'valibot';
import { PeerRecordSchema } from './peer.js';

// The public shape is `WorkspaceInfo` in src/types/workspace.ts.

const text = v.optional(v.nullable(v.string()));

/** The body of `GET /workspaces/:id` (200), a `WorkspaceInfo`: the registry's fields and more. Unknown fields pass through. */
export const WorkspaceInfoSchema = v.looseObject({ ...PeerRecordSchema.entries, runtime: text });

/** The body of the 410 the platform answers for a removed workspace. */
export const RemovedWorkspaceBodySchema = v.looseObject({ id: text, removed_at: text, hint: text });
