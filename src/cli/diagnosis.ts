import type { FetchFunction } from '../index.js';
import { platformHints } from '../hints.js';

/** The last request a command made to the platform, and what came of it. */
export interface Exchange {
	/** The URL requested (credentials never reach it: the client refuses them in `platformUrl`). */
	url: string;
	/** The HTTP status, when an answer came. */
	status?: number;
	/** What `fetch` rejected with, when no answer came. */
	error?: unknown;
}

/** A `fetch` for the client that remembers the last exchange, so a command can say why a call that never throws gave nothing. */
export interface FetchObserver {
	readonly fetch: FetchFunction;
	/** The last exchange, or `undefined` when no request was made. */
	last(): Exchange | undefined;
}

/**
 * Wraps `fetch` (default: the global one, looked up per call) to record each exchange. The
 * registry calls (`listPeers`, `discoverPeer`, `getWorkspaceInfo`) turn every failure into a
 * value; the status they saw is what tells a wrong token from a wrong URL.
 */
export function observeFetch(fetch: FetchFunction = (request) => globalThis.fetch(request)): FetchObserver {
	let last: Exchange | undefined;
	return {
		async fetch(request) {
			const exchange: Exchange = { url: request.url };
			last = exchange;
			try {
				const response = await fetch(request);
				exchange.status = response.status;
				return response;
			} catch (error) {
				exchange.error = error;
				throw error;
			}
		},
		last: () => last,
	};
}

/** The platform's address as requested: everything before `/registry/` or `/workspaces/`, without credentials. */
function platformBase(url: string): URL {
	const parsed = new URL(url);
	parsed.username = '';
	parsed.password = '';
	parsed.search = '';
	parsed.pathname = parsed.pathname.replace(/\/(registry|workspaces)\/.*$/, '') || '/';
	return parsed;
}

const describeBase = (base: URL): string => base.href.replace(/\/$/, '');

/** The words of a network failure: undici keeps the useful ones (`connect ECONNREFUSED …`) in `cause`. */
function networkReason(error: unknown): string {
	const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
	return cause?.message || (error instanceof Error ? error.message : String(error));
}

/** A 404 from the platform: the URL is not the platform's, or the workspace is not registered with it. */
function notFoundHint(base: URL, workspaceId: string): string {
	if (base.pathname !== '/') {
		return `PLATFORM_URL has the path ${base.pathname}, but the platform serves its API at the root of its address: try ${base.origin}. (HTTP 404 can also mean workspace ${workspaceId} is not registered.)`;
	}
	return `Either PLATFORM_URL (${describeBase(base)}) is not the platform (a web app or proxy in front of it answers 404 too), or workspace ${workspaceId} is not registered with it (a workspace registers when it starts).`;
}

/** The hint for a `peers` failure, from the status the peer list request got; `null` when there is nothing to add. */
export function peersHint(exchange: Exchange | undefined, workspaceId: string): string | null {
	if (exchange === undefined) return null;
	if (exchange.status === undefined) return platformHints.platformUrl;
	if (exchange.status === 401 || exchange.status === 403) return platformHints.token;
	if (exchange.status === 404) return notFoundHint(platformBase(exchange.url), workspaceId);
	return null;
}

/** Why `discover` found no peer: a sentence for the error, and what to do about it. */
export interface DiscoverFailure {
	error: string;
	hint: string | null;
}

/** Tells the causes of a `null` from `discoverPeer` apart, as `peers` does, from the status the request got. */
export function discoverFailure(exchange: Exchange | undefined, peerId: string): DiscoverFailure {
	if (exchange === undefined) return { error: `peer ${peerId} was not looked up`, hint: null };
	const base = platformBase(exchange.url);
	const { status } = exchange;
	if (status === undefined) return { error: `Cannot reach platform at ${describeBase(base)}: ${networkReason(exchange.error)}`, hint: platformHints.platformUrl };
	if (status === 401) return { error: 'Authentication to platform failed (HTTP 401).', hint: platformHints.token };
	if (status === 403) return { error: `peer ${peerId} is outside this workspace's reach, or does not exist (HTTP 403)`, hint: platformHints.access };
	if (status === 404) return { error: `peer ${peerId} was not found (HTTP 404)`, hint: null };
	if (status === 200) return { error: `the platform's record of peer ${peerId} is not a valid peer record`, hint: null };
	return { error: status >= 500 && status < 600 ? `Platform error: HTTP ${status}.` : `Unexpected platform response: HTTP ${status}.`, hint: null };
}

/** The hint for an `info` failure: a platform that does not answer, or no such workspace on it. */
export function infoHint(exchange: Exchange | undefined, workspaceId: string): string | null {
	if (exchange === undefined) return null;
	if (exchange.status === undefined) return platformHints.platformUrl;
	if (exchange.status === 404) {
		return `The platform at ${describeBase(platformBase(exchange.url))} has no workspace ${workspaceId}: check WORKSPACE_ID, and that PLATFORM_URL is the platform's address.`;
	}
	return null;
}
