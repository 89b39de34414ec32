import { canCommunicate } from './access.js';
import { bearerToken, canvasCredential, constantTimeEqual } from './auth.js';
import type { DevContext } from './context.js';
import type { PlatformEvent } from './events.js';
import { errorReply, type Reply } from './http.js';
import { workspaceKey } from './model.js';

/** Browsers offer the token hex-encoded in this sub-protocol, since they cannot set `Authorization` (addendum §9.14). */
const authProtocolPrefix = 'molecule-auth.';
const maxAuthProtocolHex = 8192;
/** The only sub-protocol the platform selects: offering it lets a browser's handshake complete. */
export const webSocketProtocol = 'molecule-ws';

/** What a `/ws` handshake may see, or why it is refused. */
export type WebSocketAdmission = { protocol: string | undefined; visible: (event: PlatformEvent) => boolean } | Reply;

const invalidCredential = (): Reply => errorReply(401, 'invalid WebSocket credential');

function decodeHex(hex: string): string | null {
	if (hex === '' || hex.length > maxAuthProtocolHex || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) return null;
	const bytes = new Uint8Array(hex.length / 2);
	for (let index = 0; index < bytes.length; index++) bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return null;
	}
}

/** The offered sub-protocols, trimmed. */
function offeredProtocols(headers: Headers): string[] {
	return (headers.get('Sec-WebSocket-Protocol') ?? '')
		.split(',')
		.map((offer) => offer.trim())
		.filter((offer) => offer !== '');
}

/**
 * The bearer of a handshake: `Authorization`, or one `molecule-auth.<hex>` offer. A malformed
 * `Authorization`, two offers, bad hex, or an offer and a header that differ are refused, never
 * fallen back from. Answers the token (`''` for none) or `null` when refused.
 */
function handshakeToken(headers: Headers): string | null {
	const authorization = headers.get('Authorization') ?? '';
	const headerToken = bearerToken(authorization || null);
	if (authorization !== '' && headerToken === '') return null;
	const offers = offeredProtocols(headers).filter((offer) => offer.startsWith(authProtocolPrefix));
	if (offers.length > 1) return null;
	const offer = offers[0];
	const protocolToken = offer === undefined ? '' : decodeHex(offer.slice(authProtocolPrefix.length));
	if (protocolToken === null) return null;
	if (headerToken !== '' && protocolToken !== '' && !constantTimeEqual(headerToken, protocolToken)) return null;
	return headerToken || protocolToken;
}

/**
 * `GET /ws` authentication, before the upgrade (addendum §9.14). An agent (`X-Workspace-ID`) needs
 * its own workspace's token and sees the events of workspaces it may talk to; the canvas needs a
 * verified session, the admin token or an org API token and sees every event (an anchored org
 * credential: its organisation's). A workspace token cannot open the canvas's stream.
 */
export function admitWebSocket(context: DevContext, headers: Headers): WebSocketAdmission {
	const token = handshakeToken(headers);
	if (token === null) return invalidCredential();
	const protocol = offeredProtocols(headers).includes(webSocketProtocol) ? webSocketProtocol : undefined;
	const { model } = context;
	const workspaceId = headers.get('X-Workspace-ID') ?? '';
	if (workspaceId !== '') {
		if (token === '') return errorReply(401, 'missing workspace auth token');
		if (!model.tokenIsValidFor(token, workspaceId)) return errorReply(401, 'invalid workspace auth token');
		const self = workspaceKey(workspaceId);
		return { protocol, visible: (event) => canCommunicate(self, workspaceKey(event.workspace_id), model.hierarchy) };
	}
	const credential = canvasCredential(context, headers, token);
	if (credential === 'missing') return errorReply(401, 'canvas auth required');
	if (credential === 'invalid') return errorReply(401, 'invalid canvas auth token');
	const { org } = credential;
	return { protocol, visible: (event) => org === null || model.orgRootOf(event.workspace_id) === org };
}
