import { checkOptions, type OptionChecks } from './arguments.js';
import { TtlCache } from './cache.js';
import type { Settings } from './config.js';
import { isA2AClientError } from './errors/a2a-client-error.js';
import { isConfigError } from './errors/config-error.js';
import { parseJson } from './internal/json.js';
import { pythonTypeName } from './internal/python.js';
import { validatePeerId } from './peer-id.js';
import { PeerList, PeerRecord } from './schemas/peer.js';
import { RemovedWorkspaceBody, WorkspaceInfo } from './schemas/workspace.js';
import { parse } from './schemas/parse.js';
import type { PlatformResponse, Transport } from './transport.js';
import type { WorkspaceInfoResult } from './workspace-info.js';

/** `listPeers` result: the peers, and why the list is empty when that is not the whole truth. */
export interface PeerListing {
	peers: PeerRecord[];
	/** `null` when the platform answered the list; otherwise a sentence an agent or a person can act on. */
	diagnostic: string | null;
}

/** Options of `listPeers` and `getPeers`. A member that is not what it should be rejects with a `ConfigError` naming it. */
export interface ListPeersOptions {
	/** Case-insensitive substring filter on name or role, applied by the platform. */
	q?: string | undefined;
}

export const removedWorkspaceHint = 'Workspace was deleted on the platform. Regenerate workspace + token from the canvas → Tokens tab.';

export interface Registry {
	discoverPeer(peerId: string): Promise<PeerRecord | null>;
	getPeerMetadata(peerId: string): Promise<PeerRecord | null>;
	peekPeerMetadata(peerId: string): PeerRecord | null | undefined;
	listPeers(options?: ListPeersOptions): Promise<PeerListing>;
	getPeers(options?: ListPeersOptions): Promise<PeerRecord[]>;
	getWorkspaceInfo(): Promise<WorkspaceInfoResult>;
	agentCardUrl(peerId: string): string | null;
}

/** What each `ListPeersOptions` member must be; `undefined` and `null` mean none. */
const listPeersOptionChecks: OptionChecks = { q: [(value) => typeof value === 'string', 'a string'] };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The platform calls for finding peers and describing workspaces. Like the Python client, none of them
 * throws for a failure of the platform or the network; a malformed options object is a `ConfigError`.
 */
export function createRegistry(settings: Settings, transport: Transport): Registry {
	const { workspaceId, platformUrl, timeouts, logger, redact } = settings;
	const cache = new TtlCache<PeerRecord | null>({ ...settings.peerCache, now: () => settings.clock.now() });

	const discover = (canonicalId: string, timeoutMs: number): Promise<PlatformResponse> =>
		transport({ method: 'GET', path: `/registry/discover/${canonicalId}`, identify: true, timeoutMs });

	/** The validated peer record of a 200 answer; `null` for anything else. */
	function peerFrom(response: PlatformResponse): PeerRecord | null {
		const body = parseJson(response.text);
		const record = response.status === 200 && body.ok ? parse(PeerRecord, body.value) : undefined;
		return record?.success ? record.output : null;
	}

	async function discoverPeer(peerId: string): Promise<PeerRecord | null> {
		const canonicalId = validatePeerId(peerId);
		try {
			return canonicalId ? peerFrom(await discover(canonicalId, timeouts.requestMs)) : null;
		} catch (error) {
			logger.error(`Discovery failed for ${peerId}: ${messageOf(error)}`);
			return null;
		}
	}

	// Every failure is remembered as null for one TTL, so a flaky registry is not asked again on every push.
	const fetchPeerMetadata = (canonicalId: string): Promise<PeerRecord | null> =>
		discover(canonicalId, timeouts.metadataMs).then(peerFrom, (error: unknown) => {
			logger.debug(`Peer metadata lookup for ${canonicalId} failed: ${messageOf(error)}`);
			return null;
		});

	function peekPeerMetadata(peerId: string): PeerRecord | null | undefined {
		// Keys are canonical ids, so a hit on the raw input proves it valid without the regex.
		const hit = cache.peek(peerId);
		if (hit !== undefined) return hit;
		const canonicalId = validatePeerId(peerId);
		return canonicalId === null || canonicalId === peerId ? undefined : cache.peek(canonicalId);
	}

	function getPeerMetadata(peerId: string): Promise<PeerRecord | null> {
		const hit = peekPeerMetadata(peerId);
		if (hit !== undefined) return Promise.resolve(hit);
		const canonicalId = validatePeerId(peerId);
		return canonicalId ? cache.get(canonicalId, () => fetchPeerMetadata(canonicalId)) : Promise.resolve(null);
	}

	async function listPeers(options?: ListPeersOptions): Promise<PeerListing> {
		const q = checkOptions(options, listPeersOptionChecks).q?.trim();
		const fail = (diagnostic: string): PeerListing => ({ peers: [], diagnostic: redact(diagnostic) });
		let response: PlatformResponse;
		try {
			response = await transport({
				method: 'GET',
				path: `/registry/${workspaceId}/peers${q ? `?q=${encodeURIComponent(q)}` : ''}`,
				identify: true,
				timeoutMs: timeouts.requestMs,
			});
		} catch (error) {
			const tokenFailed = isConfigError(error) && error.field === 'token';
			return fail(tokenFailed ? `Workspace token unavailable: ${error.message}` : `Cannot reach platform at ${platformUrl}: ${messageOf(error)}`);
		}
		const { status } = response;
		if (status === 200) {
			const body = parseJson(response.text);
			if (!body.ok) return fail(`Platform returned 200 but body was not JSON: ${body.error}`);
			if (!Array.isArray(body.value)) return fail(`Platform returned 200 but body was not a list: ${pythonTypeName(body.value)}`);
			const peers = parse(PeerList, body.value);
			if (!peers.success) return fail(`Platform returned 200 but the peer list is invalid: ${peers.summary}`);
			return { peers: peers.output, diagnostic: null };
		}
		if (status === 401 || status === 403) {
			return fail(
				`Authentication to platform failed (HTTP ${status}). The workspace bearer token may be invalid — restarting the workspace usually re-mints it.`,
			);
		}
		if (status === 404) {
			return fail(
				`Workspace ID ${workspaceId} is not registered with the platform (HTTP 404). Re-registration via the platform's /registry/register endpoint is needed.`,
			);
		}
		return fail(status >= 500 && status < 600 ? `Platform error: HTTP ${status}.` : `Unexpected platform response: HTTP ${status}.`);
	}

	async function getWorkspaceInfo(): Promise<WorkspaceInfoResult> {
		try {
			const response = await transport({ method: 'GET', path: `/workspaces/${workspaceId}`, identify: false, timeoutMs: timeouts.requestMs });
			const body = parseJson(response.text);
			if (response.status === 410) {
				const removed = parse(RemovedWorkspaceBody, body.ok ? body.value : {});
				const fields = removed.success ? removed.output : {};
				// A key that is present but null passes through as null, as in the Python client.
				return {
					error: 'removed',
					id: 'id' in fields ? (fields.id ?? null) : workspaceId,
					removed_at: fields.removed_at ?? null,
					hint: 'hint' in fields ? (fields.hint ?? null) : removedWorkspaceHint,
				};
			}
			if (response.status !== 200) return { error: 'not found' };
			if (!body.ok) return { error: redact(body.error) };
			const info = parse(WorkspaceInfo, body.value);
			if (!info.success) return { error: redact(`invalid workspace info: ${info.summary}`) };
			// `error` tells the result's shapes apart, so a description cannot carry one; null is an unset field.
			const { error, ...workspace } = info.output;
			return error === undefined || error === null ? workspace : { error: redact(`invalid workspace info: a 200 answer with an error: ${JSON.stringify(error)}`) };
		} catch (error) {
			return { error: redact(isA2AClientError(error) ? error.message : messageOf(error)) };
		}
	}

	return {
		discoverPeer,
		getPeerMetadata,
		peekPeerMetadata,
		listPeers,
		getPeers: async (options) => (await listPeers(options)).peers,
		getWorkspaceInfo,
		agentCardUrl: (peerId) => {
			const canonicalId = validatePeerId(peerId);
			return canonicalId ? `${platformUrl}/registry/discover/${canonicalId}` : null;
		},
	};
}
