import { errorReply, type Reply } from './http.js';
import type { DevModel } from './model.js';

/** `BearerTokenFromHeader`: only the literal `Bearer ` prefix counts; anything else is no token (`''`). */
export function bearerToken(header: string | null): string {
	const prefix = 'Bearer ';
	return header?.startsWith(prefix) ? header.slice(prefix.length).trim() : '';
}

interface GateMessages {
	missing: string;
	invalid: string;
}

const workspaceMessages: GateMessages = { missing: 'missing workspace auth token', invalid: 'invalid workspace auth token' };
const callerMessages: GateMessages = { missing: 'missing caller auth token', invalid: 'invalid caller auth token' };

/** The lazy-bootstrap gate: a workspace with no live token passes; otherwise its own valid token is required. */
function lazyBootstrapGate(model: DevModel, workspaceId: string, headers: Headers, messages: GateMessages): Reply | null {
	if (!model.hasLiveToken(workspaceId)) return null;
	const token = bearerToken(headers.get('Authorization'));
	if (token === '') return errorReply(401, messages.missing);
	return model.tokenIsValidFor(token, workspaceId) ? null : errorReply(401, messages.invalid);
}

/**
 * Regimes 1 and 2 (§1.5): the registry token gate (register, heartbeat, update-card) and the
 * discovery caller gate. Answers the 401 to send, or `null` to go on. The real discovery gate
 * also honours a canvas session cookie and a development-mode bypass; the dev platform has neither.
 */
export function workspaceTokenGate(model: DevModel, workspaceId: string, headers: Headers): Reply | null {
	return lazyBootstrapGate(model, workspaceId, headers, workspaceMessages);
}

/** Regime 3 (§1.5): the A2A caller gate, bound to the caller named by `X-Workspace-ID`. */
export function callerTokenGate(model: DevModel, callerId: string, headers: Headers): Reply | null {
	return lazyBootstrapGate(model, callerId, headers, callerMessages);
}

/** Compares in time that does not depend on where the strings differ. */
function constantTimeEqual(left: string, right: string): boolean {
	let difference = left.length ^ right.length;
	for (let index = 0; index < Math.max(left.length, right.length); index++) {
		difference |= (left.charCodeAt(index) || 0) ^ (right.charCodeAt(index) || 0);
	}
	return difference === 0;
}

/**
 * Regime 4 (§1.5), WorkspaceAuth: strict, no grandfathering. Accepts the admin token or a token of
 * `:id` itself. Org API tokens and the same-origin canvas bypass are not modelled.
 */
export function workspaceAuth(model: DevModel, workspaceId: string, headers: Headers, adminToken: string | undefined): Reply | null {
	if (workspaceId === '') return errorReply(401, 'missing workspace ID');
	const token = bearerToken(headers.get('Authorization'));
	if (token === '') return errorReply(401, workspaceMessages.missing);
	if (adminToken !== undefined && adminToken !== '' && constantTimeEqual(token, adminToken)) return null;
	return model.tokenIsValidFor(token, workspaceId) ? null : errorReply(401, workspaceMessages.invalid);
}
