import { bearerToken, identify } from '../auth.js';
import type { DevContext } from '../context.js';
import { errorReply, json, type Reply } from '../http.js';
import type { RouteRequest } from '../router.js';
import { devSessionCookie } from '../sessions.js';

/**
 * `POST /dev/session` — dev platform only, no real platform has it (contract §2.7): trades the admin
 * token or an org API token for a session cookie, `molecule_dev_session`, which then stands in for the
 * control plane's verified session: `{ session: true }` canvas clients (`credentials: 'include'`) are
 * authenticated by it alone. A session from an anchored org token belongs to that organisation only.
 * 200 `{"status":"ok"}` with `Set-Cookie`; 401 `admin auth required` / `invalid admin auth token`.
 */
export function devSession(context: DevContext, request: RouteRequest): Reply {
	const token = bearerToken(request.headers.get('Authorization'));
	if (token === '') return errorReply(401, 'admin auth required');
	const credential = identify(context, token);
	if (credential.kind !== 'admin' && credential.kind !== 'org') return errorReply(401, 'invalid admin auth token');
	const value = context.settings.uuid();
	context.sessions.add(value, credential.kind === 'org' ? credential.org : null);
	// Lax: sent by the browser to the platform from a page of the same site (localhost on any port).
	return json(200, { status: 'ok' }, { 'Set-Cookie': `${devSessionCookie}=${value}; Path=/; HttpOnly; SameSite=Lax` });
}
