import * as v from 'valibot';

const text = v.optional(v.nullable(v.string()));

/**
 * A workspace as the registry describes it: `discover` answers `id`, `url` and `name`;
 * the peers list adds `role`, `status`, `tier`, `parent_id`, …. Unknown fields pass through.
 */
export const PeerRecord = v.looseObject({
	id: v.string(),
	name: text,
	role: text,
	status: text,
	url: text,
	parent_id: text,
	tier: v.optional(v.nullable(v.number())),
	active_tasks: v.optional(v.nullable(v.number())),
});
export type PeerRecord = v.InferOutput<typeof PeerRecord>;

/** The body of `GET /registry/:id/peers`. */
export const PeerList = v.array(PeerRecord);
export type PeerList = v.InferOutput<typeof PeerList>;
