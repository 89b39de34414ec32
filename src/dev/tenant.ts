import { emptyReply, errorReply, type Reply } from './http.js';

/** Paths TenantGuard lets through without the org header (contract §3.4). */
const allowlist = new Set(['/health', '/buildinfo', '/metrics', '/registry/register', '/registry/heartbeat']);

/**
 * TenantGuard (contract §3.4), on when the platform has an org id: a request must name that org
 * in `X-Molecule-Org-Id` (or in a `Fly-Replay-Src` `state=`). With neither header it answers 400
 * `TENANT_ORG_HEADER_REQUIRED`; a header naming another org gets 404 with no body, so a probe
 * cannot tell a wrong org from a missing route. `null` lets the request through.
 */
export function tenantGuard(orgId: string | undefined, path: string, headers: Headers): Reply | null {
	if (orgId === undefined || allowlist.has(path) || path.startsWith('/cp/')) return null;
	const header = headers.get('X-Molecule-Org-Id');
	const replay = headers.get('Fly-Replay-Src');
	if (header === orgId) return null;
	if (replay !== null && replay.split(';').some((part) => part.trim() === `state=${orgId}`)) return null;
	if (header === null && replay === null) {
		return errorReply(400, 'missing tenant routing header', {
			code: 'TENANT_ORG_HEADER_REQUIRED',
			required_header: 'X-Molecule-Org-Id',
			detail: 'this platform serves one organisation: send X-Molecule-Org-Id with its id',
		});
	}
	return emptyReply(404);
}
