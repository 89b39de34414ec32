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
	/** Whether the answer said it was JSON, as every platform answer is; an HTML page is a web app or proxy. */
	json?: boolean;
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
				exchange.json = /[/+]json\b/i.test(response.headers.get('content-type') ?? '');
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

/** An answer that is not the platform's JSON: what answered is something else at that address. */
function notPlatformHint(base: URL): string {
	return `PLATFORM_URL (${describeBase(base)}) answered with something that is not the platform's JSON: it is likely a web app or proxy, not the platform. Check PLATFORM_URL (scheme, host, port and path).`;
}

/** An answer the platform would not give: a 404 or a 200 that is not its JSON. */
function foreignAnswer(exchange: Exchange): boolean {
	return exchange.json === false && (exchange.status === 200 || exchange.status === 404);
}

/** The hint for a 5xx: the platform is there but failed. */
const serverErrorHint = (status: number): string =>
	`The platform failed to answer (HTTP ${status}): retry in a moment; if it repeats, check the platform's logs and that PLATFORM_URL is the platform, not a proxy in front of it.`;

/**
 * The hint for a failed `send`, when the address rather than the peer is at fault: an answer that is
 * not the platform's (an HTML 404 or 200, a path on PLATFORM_URL). `null` leaves the failure to `hintForFailure`.
 */
export function sendHint(exchange: Exchange | undefined, workspaceId: string): string | null {
	if (exchange === undefined || exchange.status === undefined) return null;
	const base = platformBase(exchange.url);
	if (exchange.status === 404 && (exchange.json === false || base.pathname !== '/')) return notFoundHint(base, workspaceId);
	if (foreignAnswer(exchange)) return notPlatformHint(base);
	return null;
}

/** The hint for a `peers` failure, from the status the peer list request got; `null` when there is nothing to add. */
export function peersHint(exchange: Exchange | undefined, workspaceId: string): string | null {
	if (exchange === undefined) return null;
	if (exchange.status === undefined) return platformHints.platformUrl;
	if (exchange.status === 401 || exchange.status === 403) return platformHints.token;
	if (exchange.status === 404) return notFoundHint(platformBase(exchange.url), workspaceId);
	if (foreignAnswer(exchange)) return notPlatformHint(platformBase(exchange.url));
	if (exchange.status >= 500 && exchange.status < 600) return serverErrorHint(exchange.status);
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
	if (foreignAnswer(exchange) || (status === 404 && base.pathname !== '/')) {
		return { error: `peer ${peerId} could not be looked up: PLATFORM_URL gave an answer that is not the platform's (HTTP ${status})`, hint: status === 404 ? notFoundHint(base, workspaceIdOf(exchange.url)) : notPlatformHint(base) };
	}
	if (status === 404) {
		return { error: `peer ${peerId} was not found (HTTP 404)`, hint: `The platform has no workspace ${peerId}: check the id against those \`peers\` lists.` };
	}
	if (status === 200) return { error: `the platform's record of peer ${peerId} is not a valid peer record`, hint: null };
	if (status >= 500 && status < 600) return { error: `Platform error: HTTP ${status}.`, hint: serverErrorHint(status) };
	return { error: `Unexpected platform response: HTTP ${status}.`, hint: null };
}

/** The workspace a registry or workspace URL speaks for, for a hint; `this workspace` when the URL does not say. */
function workspaceIdOf(url: string): string {
	return /\/(?:registry|workspaces)\/([^/?#]+)/.exec(new URL(url).pathname)?.[1] ?? 'this workspace';
}

/** Why `info` got no description, and what to do about it: the library says only "not found" for any refusal. */
export interface InfoFailure {
	error: string;
	hint: string | null;
}

/**
 * Tells the causes of an `info` failure apart from the status the request got: a refused token
 * (401/403), no such workspace (404), a platform error (5xx), an answer that is not the platform's.
 *
 * @param error - what `getWorkspaceInfo` said (`'not found'` for every non-200 status)
 */
export function infoFailure(exchange: Exchange | undefined, workspaceId: string, error: string): InfoFailure {
	if (exchange === undefined) return { error, hint: null };
	const { status } = exchange;
	if (status === undefined) return { error, hint: platformHints.platformUrl };
	const base = platformBase(exchange.url);
	if (status === 401) return { error: 'Authentication to platform failed (HTTP 401).', hint: platformHints.token };
	if (status === 403) return { error: `the platform refused this token for workspace ${workspaceId} (HTTP 403)`, hint: platformHints.token };
	if (status === 404 && (exchange.json === false || base.pathname !== '/')) return { error: `workspace ${workspaceId} was not found (HTTP 404)`, hint: notFoundHint(base, workspaceId) };
	if (status === 404) {
		return {
			error: `workspace ${workspaceId} was not found (HTTP 404)`,
			hint: `The platform at ${describeBase(base)} has no workspace ${workspaceId}: check WORKSPACE_ID, and that PLATFORM_URL is the platform's address.`,
		};
	}
	if (foreignAnswer(exchange)) return { error, hint: notPlatformHint(base) };
	if (status >= 500 && status < 600) return { error: `Platform error: HTTP ${status}.`, hint: serverErrorHint(status) };
	if (status !== 200) return { error: `Unexpected platform response: HTTP ${status}.`, hint: null };
	return { error, hint: null };
}
