import { platformFailure } from './answer.js';
import { checkOptions, isAbortSignal, type OptionChecks } from './arguments.js';
import { TtlCache } from './cache.js';
import type { Settings } from './config.js';
import { isA2AClientError } from './errors/a2a-client-error.js';
import { isConfigError } from './errors/config-error.js';
import { parseJson } from './internal/json.js';
import { limiter } from './internal/limiter.js';
import { pythonTypeName } from './internal/python.js';
import { validatePeerId } from './peer-id.js';
import { PeerListSchema, PeerRecordSchema } from './schemas/peer.js';
import { RemovedWorkspaceBodySchema, WorkspaceInfoSchema } from './schemas/workspace.js';
import { parse } from './schemas/parse.js';
import type { PlatformRequest, PlatformResponse, Transport } from './transport.js';
import type { PeerRecord } from './types/peer.js';
import type { WorkspaceInfoResult } from './types/workspace.js';

/**
 * What `listPeers` resolves to: the peers, and why the list is empty when that is not the whole truth.
 *
 * @example
 * const { peers, diagnostic } = await client.listPeers();
 * if (diagnostic !== null) console.warn(diagnostic); // e.g. 'Authentication to platform failed (HTTP 401). …'
 */
export interface PeerListing {
	/** The peers this workspace may reach: siblings, children, then the parent (docs/platform-contract.md §6.2); empty on a failure. */
	peers: PeerRecord[];
	/** `null` when the platform answered the list; otherwise a sentence an agent or a person can act on, secrets removed. */
	diagnostic: string | null;
}

/**
 * Options of one registry lookup. A member that is not what it should be rejects with a `ConfigError` naming it.
 *
 * @example
 * await client.discoverPeer(peerId, { signal: AbortSignal.timeout(5000) });
 */
export interface LookupOptions {
	/**
	 * Aborting rejects the call at once with the signal's reason, whether the lookup is still waiting
	 * for its turn (see `maxConcurrentLookups`) or already sent. Other failures never throw. None by default.
	 */
	signal?: AbortSignal | undefined;
}

/**
 * Options of `listPeers` and `getPeers`. A member that is not what it should be rejects with a `ConfigError` naming it.
 *
 * @example
 * const researchers = await client.getPeers({ q: 'research' });
 */
export interface ListPeersOptions extends LookupOptions {
	/** Only peers whose name or role contains this text, ignoring case, as the platform filters (§6.2). Trimmed; blank means all. */
	q?: string | undefined;
}

export const removedWorkspaceHint = 'Workspace was deleted on the platform. Regenerate workspace + token from the canvas → Tokens tab.';

/**
 * The registry half of `A2AClient`: finding peers and describing workspaces. Like the Python client, no
 * method throws for a platform or network failure; only a caller's abort (its reason) and a malformed
 * options object (a `ConfigError` naming the member) reject.
 */
export interface Registry {
	/**
	 * The registry record of `peerId` (`GET /registry/discover/:id`, docs/platform-contract.md §6.1): its
	 * `id`, `url` and `name`. `null` when the id is not a UUID, the platform does not let this workspace
	 * discover it (403: unknown, or outside the hierarchy), it is not available, or the request fails
	 * (logged as an error). Time limit: `timeouts.requestMs`.
	 *
	 * @returns The record, or `null`.
	 * @example
	 * const peer = await client.discoverPeer(peerId, { signal: AbortSignal.timeout(5000) });
	 * if (peer) console.log(`${peer.name ?? peer.id} at ${peer.url ?? 'no URL'}`);
	 */
	discoverPeer(peerId: string, options?: LookupOptions): Promise<PeerRecord | null>;
	/**
	 * Like `discoverPeer`, for hot paths (labelling an incoming message with its sender's name): cached
	 * for `peerCache.ttlMs` (failures too, as `null`), concurrent calls for one peer share a request, and
	 * its time limit is `timeouts.metadataMs`. A caller that aborts leaves the shared lookup to the others;
	 * when all have aborted it is dropped, uncached.
	 *
	 * @returns The record, or `null` for an invalid id or any failure.
	 * @example
	 * const sender = await client.getPeerMetadata(callerId);
	 * console.log(`message from ${sender?.name ?? callerId}`);
	 */
	getPeerMetadata(peerId: string, options?: LookupOptions): Promise<PeerRecord | null>;
	/**
	 * What `getPeerMetadata` has cached for `peerId`, without a request: synchronous, for render paths.
	 *
	 * @returns A record, `null` for a remembered failure, or `undefined` when nothing fresh is cached.
	 * @example
	 * const label = client.peekPeerMetadata(peerId)?.name ?? peerId;
	 */
	peekPeerMetadata(peerId: string): PeerRecord | null | undefined;
	/**
	 * The peers this workspace may reach (`GET /registry/:id/peers`, docs/platform-contract.md §6.2), with
	 * a diagnostic instead of an error when the list cannot be had, worded as the Python client words it.
	 * Time limit: `timeouts.requestMs`.
	 *
	 * @returns `{ peers, diagnostic }`: `diagnostic` is `null` when the platform answered the list.
	 * @example
	 * const { peers, diagnostic } = await client.listPeers({ q: 'finance' });
	 * if (diagnostic) console.warn(diagnostic);
	 * for (const peer of peers) console.log(peer.id, peer.name, peer.status);
	 */
	listPeers(options?: ListPeersOptions): Promise<PeerListing>;
	/**
	 * `listPeers` without the diagnostic: an empty list may mean no peers or a failure.
	 *
	 * @returns The peers; empty on a failure.
	 * @example
	 * const names = (await client.getPeers()).map((peer) => peer.name);
	 */
	getPeers(options?: ListPeersOptions): Promise<PeerRecord[]>;
	/**
	 * This workspace as the platform describes it (`GET /workspaces/:id`, docs/platform-contract.md §10.2),
	 * sent without `X-Workspace-ID` as the route is open. Time limit: `timeouts.requestMs`.
	 *
	 * @returns A `WorkspaceInfoResult`: the description (no `error`), the removed shape (HTTP 410,
	 * `error: 'removed'`), or `{ error }` for any other failure. Tell them apart with `isWorkspaceInfo` and `isRemovedWorkspace`.
	 * @example
	 * const info = await client.getWorkspaceInfo();
	 * if (isWorkspaceInfo(info)) console.log(info.name, info.status);
	 * else if (isRemovedWorkspace(info)) console.log(info.hint);
	 * else console.error(info.error);
	 */
	getWorkspaceInfo(options?: LookupOptions): Promise<WorkspaceInfoResult>;
	/**
	 * The platform URL that describes `peerId` (its discovery route, §6.1), as the Python client builds it
	 * for the agent receiving a push. No request is made.
	 *
	 * @returns `<platformUrl>/registry/discover/<id>` with the canonical id, or `null` when `peerId` is not a UUID.
	 * @example
	 * client.agentCardUrl('5F0C3C84-2A4E-4C47-9D2A-3B1F7F1E9A10'); // 'http://localhost:8080/registry/discover/5f0c3c84-2a4e-4c47-9d2a-3b1f7f1e9a10'
	 */
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

	/**
	 * What a 400 `TENANT_ORG_HEADER_REQUIRED` means, as `sendMessage` says it (`orgId must be set: …`),
	 * so that no lookup reads a missing `orgId` as "not found"; `undefined` for any other answer.
	 */
	const tenantRefusal = (response: PlatformResponse): string | undefined => {
		if (response.status !== 400) return undefined;
		const context = { clock: settings.clock, workspaceId, redact, redactDeep: settings.redaction.value };
		const failure = platformFailure(response, context);
		return isConfigError(failure) ? failure.message : undefined;
	};

	const discover = (canonicalId: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<PlatformResponse> =>
		lookup({ method: 'GET', path: `/registry/discover/${canonicalId}`, identify: true, timeoutMs, signal });

	/**
	 * The validated peer record of a 200 answer; `null` for anything else. A record of another peer
	 * (a proxy or cache answering for the wrong id) throws, so the caller logs it and returns `null`.
	 */
	function peerFrom(response: PlatformResponse, canonicalId: string): PeerRecord | null {
		const refusal = tenantRefusal(response);
		if (refusal) throw new Error(refusal);
		const body = parseJson(response.text);
		const record = response.status === 200 && body.ok ? parse(PeerRecordSchema, body.value) : undefined;
		if (record?.success && validatePeerId(record.output.id) !== canonicalId) throw new Error(`the platform answered with the record of ${redact(JSON.stringify(record.output.id))}`);
		return record?.success ? record.output : null;
	}

	async function discoverPeer(peerId: string, options?: LookupOptions): Promise<PeerRecord | null> {
		const signal = signalOf(options);
		throwIfAborted(signal);
		const canonicalId = validatePeerId(peerId);
		try {
			return canonicalId ? peerFrom(await discover(canonicalId, timeouts.requestMs, signal), canonicalId) : null;
		} catch (error) {
			throwIfAborted(signal);
			logger.error(`Discovery failed for ${peerId}: ${messageOf(error)}`);
			return null;
		}
	}

	// Every failure is remembered as null for one TTL, so a flaky registry is not asked again on every
	// push; an abandoned lookup (every caller aborted) is no failure and is not remembered.
	const fetchPeerMetadata = (canonicalId: string, signal: AbortSignal): Promise<PeerRecord | null> =>
		discover(canonicalId, timeouts.metadataMs, signal).then((response) => peerFrom(response, canonicalId)).catch((error: unknown) => {
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
		/** The client's own sentence, with nothing from outside in it: no secret to remove, nothing to garble. */
		const said = (diagnostic: string): PeerListing => ({ peers: [], diagnostic });
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
			const peers = parse(PeerListSchema, body.value);
			if (!peers.success) return fail(`Platform returned 200 but the peer list is invalid: ${peers.summary}`);
			return { peers: peers.output, diagnostic: null };
		}
		if (status === 401 || status === 403) {
			return said(
				`Authentication to platform failed (HTTP ${status}). The workspace bearer token may be invalid — restarting the workspace usually re-mints it.`,
			);
		}
		if (status === 404) {
			return said(
				`Workspace ID ${workspaceId} is not registered with the platform (HTTP 404). Re-registration via the platform's /registry/register endpoint is needed.`,
			);
		}
		return fail(tenantRefusal(response) ?? (status >= 500 && status < 600 ? `Platform error: HTTP ${status}.` : `Unexpected platform response: HTTP ${status}.`));
	}

	async function getWorkspaceInfo(options?: LookupOptions): Promise<WorkspaceInfoResult> {
		const signal = signalOf(options);
		throwIfAborted(signal);
		try {
			const response = await lookup({ method: 'GET', path: `/workspaces/${workspaceId}`, identify: false, timeoutMs: timeouts.requestMs, signal });
			const body = parseJson(response.text);
			if (response.status === 410) {
				const removed = parse(RemovedWorkspaceBodySchema, body.ok ? body.value : {});
				const fields = removed.success ? removed.output : {};
				// A null member is an absent one (issue 9): the platform's hint when it gives one, else the default.
				return { error: 'removed', id: fields.id ?? workspaceId, removed_at: fields.removed_at ?? null, hint: fields.hint ?? removedWorkspaceHint };
			}
			if (response.status !== 200) return { error: tenantRefusal(response) ?? 'not found' };
			if (!body.ok) return { error: redact(body.error) };
			const info = parse(WorkspaceInfoSchema, body.value);
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
