import { checkOptions, isAbortSignal, type OptionChecks } from './arguments.js';
import { TtlCache } from './cache.js';
import type { Settings } from './config.js';
import { isA2AClientError } from './errors/a2a-client-error.js';
import { ConfigError, isConfigError } from './errors/config-error.js';
import { parseJson } from './internal/json.js';
import { limiter } from './internal/limiter.js';
import { pythonTypeName } from './internal/python.js';
import { validatePeerId } from './peer-id.js';
import { PeerList, PeerRecord } from './schemas/peer.js';
import { RemovedWorkspaceBody, WorkspaceInfo } from './schemas/workspace.js';
import { parse } from './schemas/parse.js';
import type { PlatformRequest, PlatformResponse, Transport } from './transport.js';
import type { WorkspaceInfoResult } from './workspace-info.js';

/** `listPeers` result: the peers, and why the list is empty when that is not the whole truth. */
export interface PeerListing {
	peers: PeerRecord[];
	/** `null` when the platform answered the list; otherwise a sentence an agent or a person can act on. */
	diagnostic: string | null;
}

/** Options of one registry lookup. */
export interface LookupOptions {
	/**
	 * Aborting rejects the call at once with the signal's reason, whether the lookup is still waiting
	 * for its turn (see `maxConcurrentLookups`) or already sent. Other failures never throw.
	 */
	signal?: AbortSignal | undefined;
}

/** Options of `listPeers` and `getPeers`. A member that is not what it should be rejects with a `ConfigError` naming it. */
export interface ListPeersOptions extends LookupOptions {
	/** Case-insensitive substring filter on name or role, applied by the platform. */
	q?: string | undefined;
}

export const removedWorkspaceHint = 'Workspace was deleted on the platform. Regenerate workspace + token from the canvas → Tokens tab.';

export interface Registry {
	/**
	 * The registry record of `peerId`, or `null` when it is invalid, unknown, not reachable for this
	 * workspace, or the platform fails (logged as an error). Uses `timeouts.requestMs`.
	 *
	 * @example
	 * const peer = await client.discoverPeer(peerId, { signal: AbortSignal.timeout(5000) });
	 */
	discoverPeer(peerId: string, options?: LookupOptions): Promise<PeerRecord | null>;
	/**
	 * Like `discoverPeer`, for hot paths: cached for `peerCache.ttlMs` (failures too, as `null`),
	 * concurrent calls for one peer share a request, and it uses `timeouts.metadataMs`. A caller that
	 * aborts leaves the shared lookup to the others; when all have aborted it is dropped, uncached.
	 */
	getPeerMetadata(peerId: string, options?: LookupOptions): Promise<PeerRecord | null>;
	/** The cached metadata of `peerId`: a record, `null` for a remembered failure, `undefined` when not cached. */
	peekPeerMetadata(peerId: string): PeerRecord | null | undefined;
	/** The peers this workspace may reach, with a diagnostic instead of an error when the list cannot be had. */
	listPeers(options?: ListPeersOptions): Promise<PeerListing>;
	/** `listPeers` without the diagnostic. */
	getPeers(options?: ListPeersOptions): Promise<PeerRecord[]>;
	/** This workspace's own record, the removed shape (HTTP 410), or `{ error }`. */
	getWorkspaceInfo(options?: LookupOptions): Promise<WorkspaceInfoResult>;
	agentCardUrl(peerId: string): string | null;
}

/** What each `ListPeersOptions` member must be; `undefined` and `null` mean none. */
const lookupOptionChecks: OptionChecks = { signal: [isAbortSignal, 'an AbortSignal'] };
const listPeersOptionChecks: OptionChecks = { ...lookupOptionChecks, q: [(value) => typeof value === 'string', 'a string'] };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The `signal` of lookup options, checked: a lookup must not fail later on a value that is no signal. */
function signalOf(options: LookupOptions | null | undefined, checks: OptionChecks = lookupOptionChecks): AbortSignal | undefined {
	return checkOptions(options, checks).signal ?? undefined;
}

/** A caller's abort is the one failure a lookup does not turn into `null` or a diagnostic. */
function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw signal.reason;
}

/**
 * The platform calls for finding peers and describing workspaces. Like the Python client, none of
 * them throws for a platform or network failure; only a caller's abort (its reason) and a malformed
 * options object (a `ConfigError` naming the member) reject. At most `maxConcurrentLookups` are sent at once.
 */
export function createRegistry(settings: Settings, transport: Transport): Registry {
	const { workspaceId, platformUrl, timeouts, logger } = settings;
	const redact = settings.redaction.text;
	const cache = new TtlCache<PeerRecord | null>({ ...settings.peerCache, now: () => settings.clock.now() });
	const limited = limiter(settings.maxConcurrentLookups);

	// Every registry request waits its turn here, so a burst cannot crowd the connection pool and
	// time itself out: the transport's deadline starts only when the request is sent.
	const lookup = (request: PlatformRequest): Promise<PlatformResponse> => limited(() => transport(request), request.signal);

	const discover = (canonicalId: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<PlatformResponse> =>
		lookup({ method: 'GET', path: `/registry/discover/${canonicalId}`, identify: true, timeoutMs, signal });

	/** The validated peer record of a 200 answer; `null` for anything else. */
	function peerFrom(response: PlatformResponse): PeerRecord | null {
		const body = parseJson(response.text);
		const record = response.status === 200 && body.ok ? parse(PeerRecord, body.value) : undefined;
		return record?.success ? record.output : null;
	}

	async function discoverPeer(peerId: string, options?: LookupOptions): Promise<PeerRecord | null> {
		const signal = signalOf(options);
		throwIfAborted(signal);
		const canonicalId = validatePeerId(peerId);
		try {
			return canonicalId ? peerFrom(await discover(canonicalId, timeouts.requestMs, signal)) : null;
		} catch (error) {
			throwIfAborted(signal);
			logger.error(`Discovery failed for ${peerId}: ${messageOf(error)}`);
			return null;
		}
	}

	// Every failure is remembered as null for one TTL, so a flaky registry is not asked again on every
	// push; an abandoned lookup (every caller aborted) is no failure and is not remembered.
	const fetchPeerMetadata = (canonicalId: string, signal: AbortSignal): Promise<PeerRecord | null> =>
		discover(canonicalId, timeouts.metadataMs, signal).then(peerFrom, (error: unknown) => {
			throwIfAborted(signal);
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

	async function getPeerMetadata(peerId: string, options?: LookupOptions): Promise<PeerRecord | null> {
		const signal = signalOf(options);
		throwIfAborted(signal);
		const hit = peekPeerMetadata(peerId);
		if (hit !== undefined) return hit;
		const canonicalId = validatePeerId(peerId);
		return canonicalId ? cache.get(canonicalId, (abandoned) => fetchPeerMetadata(canonicalId, abandoned), signal) : null;
	}

	async function listPeers(options?: ListPeersOptions): Promise<PeerListing> {
		const signal = signalOf(options, listPeersOptionChecks);
		throwIfAborted(signal);
		const q = options?.q?.trim();
		const fail = (diagnostic: string): PeerListing => ({ peers: [], diagnostic: redact(diagnostic) });
		let response: PlatformResponse;
		try {
			response = await lookup({
				method: 'GET',
				path: `/registry/${workspaceId}/peers`,
				searchParams: q ? { q } : undefined,
				identify: true,
				timeoutMs: timeouts.requestMs,
				signal,
			});
		} catch (error) {
			throwIfAborted(signal);
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

	async function getWorkspaceInfo(options?: LookupOptions): Promise<WorkspaceInfoResult> {
		const signal = signalOf(options);
		throwIfAborted(signal);
		try {
			const response = await lookup({ method: 'GET', path: `/workspaces/${workspaceId}`, identify: false, timeoutMs: timeouts.requestMs, signal });
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
			throwIfAborted(signal);
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
