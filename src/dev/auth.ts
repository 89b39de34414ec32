import type { DevContext } from './context.js';
import { errorReply, type Reply } from './http.js';
import { workspaceKey, type DevModel, type WorkspaceEntry } from './model.js';
import { sessionCookieOf } from './sessions.js';

/** `BearerTokenFromHeader`: only the literal `Bearer ` prefix counts; anything else is no token (`''`). */
export function bearerToken(header: string | null): string {
	const prefix = 'Bearer ';
	return header?.startsWith(prefix) ? header.slice(prefix.length).trim() : '';
}

/** Compares in time that does not depend on where the strings differ. */
export function constantTimeEqual(left: string, right: string): boolean {
	let difference = left.length ^ right.length;
	for (let index = 0; index < Math.max(left.length, right.length); index++) {
		difference |= (left.charCodeAt(index) || 0) ^ (right.charCodeAt(index) || 0);
	}
	return difference === 0;
}

/** What a bearer is to the platform (contract §2.1). */
export type Credential =
	| { kind: 'admin' }
	| { kind: 'org'; /** The root id the token is anchored to; `null` acts organisation-wide. */ org: string | null }
	| { kind: 'workspace'; owner: WorkspaceEntry; /** False once the owner is removed. */ valid: boolean }
	| { kind: 'unknown' };

/** Looks a non-empty bearer up: the admin token, then org API tokens, then workspace tokens. */
export function identify(context: DevContext, token: string): Credential {
	const { adminToken, orgTokens } = context.settings;
	if (adminToken !== undefined && constantTimeEqual(token, adminToken)) return { kind: 'admin' };
	const org = orgTokens.get(token);
	if (org !== undefined) return { kind: 'org', org };
	const owner = context.model.tokenOwner(token);
	if (owner) return { kind: 'workspace', owner, valid: owner.workspace.status !== 'removed' };
	return { kind: 'unknown' };
}

/** What a request's session cookie is (contract §2.7): none sent, not a session, or a member of `org` (`null`: all). */
export type SessionVerdict = { kind: 'none' } | { kind: 'invalid' } | { kind: 'member'; org: string | null };

/** Looks the dev session cookie up, as the platform asks the control plane about its own. */
export function sessionOf(context: DevContext, headers: Headers): SessionVerdict {
	const value = sessionCookieOf(headers);
	if (value === undefined) return { kind: 'none' };
	const org = context.sessions.lookup(value);
	return org === undefined ? { kind: 'invalid' } : { kind: 'member', org };
}

/**
 * A canvas-class credential for the organisation-wide routes (`GET /workspaces`, `/ws`): a verified
 * session first, then the admin token or an org API token (`token`: the bearer, unless the caller
 * read it elsewhere, as `/ws` does). Answers its organisation (`null`: every one), `'missing'` when
 * there is neither a session nor a bearer, or `'invalid'`.
 */
export function canvasCredential(context: DevContext, headers: Headers, token = bearerToken(headers.get('Authorization'))): { org: string | null } | 'missing' | 'invalid' {
	const session = sessionOf(context, headers);
	if (session.kind === 'member') return { org: session.org };
	if (token === '') return 'missing';
	const credential = identify(context, token);
	if (credential.kind === 'admin') return { org: null };
	return credential.kind === 'org' ? { org: credential.org } : 'invalid';
}

/** An anchored org token may only be used on workspaces of its own organisation. */
export function orgTokenFits(model: DevModel, org: string | null, workspaceId: string): boolean {
	return org === null || model.orgRootOf(workspaceId) === org;
}

const orgMismatch = (): Reply => errorReply(403, "org token not authorized for this workspace's org");

const workspaceMessages = { missing: 'missing workspace auth token', invalid: 'invalid workspace auth token' };

/**
 * The registry gate (contract §2.2): a workspace with no live token passes (the bootstrap window
 * register opens); otherwise only its own valid token does. Answers the 401, or `null` to go on.
 */
export function registryGate(model: DevModel, workspaceId: string, headers: Headers): Reply | null {
	if (!model.hasLiveToken(workspaceId)) return null;
	const token = bearerToken(headers.get('Authorization'));
	if (token === '') return errorReply(401, workspaceMessages.missing);
	return model.tokenIsValidFor(token, workspaceId) ? null : errorReply(401, workspaceMessages.invalid);
}

/** The discovery gate (contract §2.3): the registry gate, and the admin token or an org API token pass too. */
export function discoveryGate(context: DevContext, workspaceId: string, headers: Headers): Reply | null {
	// A session cookie is looked at first: a member passes, a cookie that is no session is refused.
	const session = sessionOf(context, headers);
	if (session.kind === 'member') return null;
	if (session.kind === 'invalid') return errorReply(401, 'invalid session');
	const token = bearerToken(headers.get('Authorization'));
	const credential = token === '' ? undefined : identify(context, token);
	if (credential?.kind === 'admin' || credential?.kind === 'org') return null;
	return registryGate(context.model, workspaceId, headers);
}

/**
 * WorkspaceAuth (contract §2.4), strict: the admin token, an org API token of the workspace's
 * organisation, or a valid token of `:id` itself; without a bearer, a verified session of that
 * organisation (contract §2.7). Nothing is grandfathered.
 */
export function workspaceAuth(context: DevContext, workspaceId: string, headers: Headers): Reply | null {
	if (workspaceId === '') return errorReply(401, 'missing workspace ID');
	const token = bearerToken(headers.get('Authorization'));
	if (token === '') {
		// No bearer: a verified session (contract §2.7), of this workspace's organisation.
		const session = sessionOf(context, headers);
		if (session.kind !== 'member') return errorReply(401, workspaceMessages.missing);
		return orgTokenFits(context.model, session.org, workspaceId) ? null : orgMismatch();
	}
	const credential = identify(context, token);
	if (credential.kind === 'admin') return null;
	if (credential.kind === 'org') return orgTokenFits(context.model, credential.org, workspaceId) ? null : orgMismatch();
	return context.model.tokenIsValidFor(token, workspaceId) ? null : errorReply(401, workspaceMessages.invalid);
}

/**
 * AdminAuth (contract §2.5): a verified session, an org API token, else the admin token when one is set; only when
 * none is set, any valid workspace token.
 */
export function adminAuth(context: DevContext, headers: Headers): Reply | null {
	if (sessionOf(context, headers).kind === 'member') return null;
	const token = bearerToken(headers.get('Authorization'));
	if (token === '') return errorReply(401, 'admin auth required');
	const credential = identify(context, token);
	if (credential.kind === 'org' || credential.kind === 'admin') return null;
	const fallback = context.settings.adminToken === undefined && credential.kind === 'workspace' && credential.valid;
	return fallback ? null : errorReply(401, 'invalid admin auth token');
}

/** Who is calling `/a2a` (contract §2.6). */
export interface Caller {
	/** The recorded caller: the token's workspace, a human's `X-Workspace-ID` claim, or `''`. */
	id: string;
	/** The bearer was a workspace token: hierarchy, org and `can_delegate` checks apply. */
	workspace: boolean;
	/** A verified human (admin token, organisation-wide org token): the body must be an object. */
	human: boolean;
}

/** A canvas-class caller: anyone but a workspace (contract §2.6). */
export const isCanvasClass = (caller: Caller): boolean => !caller.workspace;

/**
 * Caller classification for `/a2a` and the queue status (contract §2.6): a verified session is a
 * human whose caller is the `X-Workspace-ID` claim; otherwise no bearer is refused;
 * the admin token is a human whose caller is the `X-Workspace-ID` claim; a workspace token's
 * owner is the caller and a different claim is refused; an org API token is canvas-class.
 * `workspaceId` is the path's `:id`, which anchored org tokens are checked against.
 */
export function classifyCaller(context: DevContext, workspaceId: string, headers: Headers): Caller | Reply {
	const claim = headers.get('X-Workspace-ID') ?? '';
	// A verified session is a human whose caller is the claim (addendum §4.2 rule 2).
	const session = sessionOf(context, headers);
	if (session.kind === 'member') return orgTokenFits(context.model, session.org, workspaceId) ? { id: claim, workspace: false, human: true } : orgMismatch();
	const token = bearerToken(headers.get('Authorization'));
	if (token === '') return errorReply(401, 'missing caller auth token');
	const credential = identify(context, token);
	switch (credential.kind) {
		case 'admin':
			return { id: claim, workspace: false, human: true };
		case 'workspace': {
			const owner = credential.owner.workspace.id;
			if (claim !== '' && workspaceKey(claim) !== owner) {
				return errorReply(401, 'caller ID does not match workspace auth token');
			}
			return credential.valid ? { id: owner, workspace: true, human: false } : errorReply(401, 'invalid caller auth token');
		}
		case 'org':
			if (credential.org === null) return { id: '', workspace: false, human: true };
			return orgTokenFits(context.model, credential.org, workspaceId) ? { id: '', workspace: false, human: false } : orgMismatch();
		case 'unknown':
			return errorReply(401, 'invalid caller auth token');
	}
}
