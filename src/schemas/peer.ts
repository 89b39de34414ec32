import * as v from 'valibot';

// The public shape is `PeerRecord` in src/types/peer.ts.

const text = v.optional(v.nullable(v.string()));

/**
 * A `PeerRecord`: `discover` answers `id`, `url` and `name`; the peers list adds `role`, `status`,
 * `tier`, `parent_id`, …. Unknown fields pass through.
 */
export const PeerRecordSchema = v.looseObject({
	id: v.string(),
	name: text,
	role: text,
	status: text,
	url: text,
	parent_id: text,
	tier: v.optional(v.nullable(v.number())),
	active_tasks: v.optional(v.nullable(v.number())),
});

/** The body of `GET /registry/:id/peers`. */
export const PeerListSchema = v.array(PeerRecordSchema);
