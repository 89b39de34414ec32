import { workspaceKey } from './model.js';

/**
 * The cookie the dev platform reads as a verified session. The real platform asks the control plane
 * whether its session cookie belongs to a member of the organisation (addendum §2.1); the dev platform
 * has no control plane, so it keeps its own sessions: preset with `sessionCookies`, or minted by the
 * dev-only `POST /dev/session` (docs/platform-contract.md §2.7).
 *
 * @example
 * await fetch(`${platformUrl}/workspaces`, { headers: { Cookie: `${devSessionCookie}=${session}` } });
 */
export const devSessionCookie = 'molecule_dev_session';

/** The session cookie's value in a `Cookie` header; `undefined` when there is none. */
export function sessionCookieOf(headers: Headers): string | undefined {
	const header = headers.get('Cookie');
	if (!header) return undefined;
	for (const pair of header.split(';')) {
		const separator = pair.indexOf('=');
		if (separator !== -1 && pair.slice(0, separator).trim() === devSessionCookie) return pair.slice(separator + 1).trim();
	}
	return undefined;
}

/** Sessions by cookie value: the root id of the organisation the member belongs to, or `null` for every organisation. */
export class SessionStore {
	readonly #sessions = new Map<string, string | null>();

	constructor(preset: readonly (string | { cookie: string; org?: string })[] = []) {
		for (const entry of preset) {
			const { cookie, org } = typeof entry === 'string' ? { cookie: entry, org: undefined } : entry;
			if (cookie !== '') this.#sessions.set(cookie, org === undefined ? null : workspaceKey(org));
		}
	}

	/** Starts a session for `org` (`null`: every organisation) under the cookie value `value`. */
	add(value: string, org: string | null): void {
		this.#sessions.set(value, org);
	}

	/** The session's organisation (`null` for all); `undefined` for a cookie that is no session. */
	lookup(value: string): string | null | undefined {
		return this.#sessions.get(value);
	}
}
