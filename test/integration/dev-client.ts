import { createA2AClient, type A2AClient, type A2AClientConfig } from '../../src/index.js';
import { createDevPlatform, type DevPlatform, type DevPlatformOptions, type DevWorkspace } from '../../src/dev/index.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { sequentialUuid } from '../helpers/ids.js';

export const platformUrl = 'http://dev.platform';
/** The platform's admin token: a client holding it calls as a human at the canvas (addendum §4.2 rule 5). */
export const adminToken = 'admin-token';

/** Readable fixed ids: `id(1)` is `00000000-0000-4000-8000-000000000001`. */
export function id(n: number): string {
	return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** UUIDs for the platform's own ids (queue items, envelopes), apart from the client's: `…-9000-…`. */
function platformUuid(): () => string {
	let n = 0;
	return () => `00000000-0000-4000-9000-${String(++n).padStart(12, '0')}`;
}

export interface DevClient {
	client: A2AClient;
	platform: DevPlatform;
	/** One clock for both: the platform's waits (waking, the 90 s cut-off, slow agents) and the client's. */
	clock: FakeClock;
	/** `${platformUrl}/workspaces/<id>/a2a`. */
	target(workspaceId: string): string;
}

/**
 * A client for `config.workspaceId` (default `id(1)`, token `lead-token`) against a dev platform with
 * `workspaces`, in process, both on one fake clock, with deterministic ids and no jitter.
 */
export function devClient(workspaces: DevWorkspace[], options: { platform?: Partial<DevPlatformOptions>; client?: Partial<A2AClientConfig> } = {}): DevClient {
	const clock = new FakeClock();
	const platform = createDevPlatform({
		workspaces,
		clock,
		uuid: platformUuid(),
		mintToken: () => 'minted-token',
		mintSecret: () => 'minted-secret',
		wallClock: () => new Date('2026-08-14T12:00:00Z'),
		adminToken,
		...options.platform,
	});
	const client = createA2AClient({
		workspaceId: id(1),
		platformUrl,
		token: 'lead-token',
		fetch: platform.fetch,
		clock,
		random: () => 0.5,
		uuid: sequentialUuid(),
		...options.client,
	});
	return { client, platform, clock, target: (workspaceId) => `${platformUrl}/workspaces/${workspaceId}/a2a` };
}
