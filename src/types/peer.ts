// A workspace as the registry describes it. Its schema is `PeerRecordSchema` in src/schemas/peer.ts;
// an object type, like those of src/types/a2a.ts, so a record stays assignable to `Record<string, unknown>`;
// test/types/schemas.fixture.ts fails to compile when the two disagree.

/**
 * A workspace as the registry describes it (docs/platform-contract.md §6): `discoverPeer` and
 * `getPeerMetadata` get `id`, `url` and `name` (§6.1); `listPeers` adds `role`, `status`, `tier`,
 * `parent_id` and `active_tasks` (§6.2). Every member but `id` may be missing or `null`. Other fields the
 * platform sends (such as `agent_card`) are kept at run time, unchecked and untyped.
 *
 * @example
 * const peers = await client.getPeers();
 * const online = peers.filter((peer) => peer.status === 'online').map((peer) => `${peer.name ?? peer.id} (${peer.role ?? 'no role'})`);
 */
export type PeerRecord = {
	/** The workspace id (a UUID), as the platform wrote it. */
	id: string;
	/** The workspace's display name. */
	name?: string | null | undefined;
	/** Free text describing what the workspace does; `q` in `listPeers` matches it and `name`. */
	role?: string | null | undefined;
	/** `online`, `degraded`, `offline`, `hibernated`, `provisioning`, … */
	status?: string | null | undefined;
	/** The agent's URL as the registry knows it; messages go through the platform proxy, not to it. */
	url?: string | null | undefined;
	/** The parent workspace's id; `null` for a root workspace. */
	parent_id?: string | null | undefined;
	/** The workspace tier. */
	tier?: number | null | undefined;
	/** Tasks the agent reported running at its last heartbeat. */
	active_tasks?: number | null | undefined;
};
