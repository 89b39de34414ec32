import { adminAuth, workspaceAuth } from '../auth.js';
import type { DevContext } from '../context.js';
import { errorReply, json, type Reply } from '../http.js';
import type { RouteRequest } from '../router.js';
import { admitWebSocket } from '../ws-auth.js';

/**
 * `GET /workspaces/:id/events/stream` (addendum §9.13), behind WorkspaceAuth: the workspace's events
 * as Server-Sent Events, `: ping` first, then `data: {"type","timestamp":<unix ms>,"data":{…}}` per
 * event (no `event:` or `id:` lines). An unknown workspace answers 404 `workspace not found`.
 */
export function eventStream(context: DevContext, request: RouteRequest): Reply {
	const id = request.params['id'] ?? '';
	const denial = workspaceAuth(context, id, request.headers);
	if (denial) return denial;
	const entry = context.model.get(id);
	if (!entry) return errorReply(404, 'workspace not found');
	const headers = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' };
	return { status: 200, headers, body: null, stream: context.streams.sse(entry.workspace.id, request.signal) };
}

/** Gorilla's answer to a request that is no WebSocket handshake, once authenticated. */
const notAHandshake = (): Reply => ({ status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Bad Request\n' });

/**
 * `GET /ws` (addendum §9.14): authenticated before the upgrade (401s as there); a handshake that
 * passes is accepted (101) with the `molecule-ws` sub-protocol when offered. Only
 * `DevPlatform.webSocket` can complete the upgrade (docs/platform-contract.md §15.4).
 */
export function webSocketHandshake(context: DevContext, request: RouteRequest): Reply {
	const admission = admitWebSocket(context, request.headers);
	if ('status' in admission) return admission;
	if ((request.headers.get('Upgrade') ?? '').toLowerCase() !== 'websocket') return notAHandshake();
	return { status: 101, headers: {}, body: null, upgrade: context.streams.socket(admission.protocol, admission.visible) };
}

/**
 * `POST /dev/event-streams/cut` — dev platform only (docs/platform-contract.md §15.5): drops every
 * open SSE stream and `/ws` socket as a lost connection would, so a client's reconnection can be
 * tested from outside the process (a browser test). AdminAuth; 200 `{"cut": <connections dropped>}`.
 */
export function cutEventStreams(context: DevContext, request: RouteRequest): Reply {
	const denial = adminAuth(context, request.headers);
	if (denial) return denial;
	return json(200, { cut: context.streams.cut() });
}
