import { callerTokenGate } from '../auth.js';
import type { DevContext } from '../context.js';
import { decodeUtf8, errorReply, type Reply } from '../http.js';
import { isSystemCaller, proxyA2A } from '../proxy.js';
import type { RouteRequest } from '../router.js';

/** The proxy reads at most 1 MiB and silently drops the rest (usually leaving invalid JSON). */
export const maxProxyRequestBytes = 1024 * 1024;

/** `X-Timeout`: a positive integer number of seconds sets a deadline; anything else is ignored. */
function callerTimeoutMs(header: string | null): number | undefined {
	if (header === null || !/^[+-]?\d+$/.test(header)) return undefined;
	const seconds = Number(header);
	return seconds > 0 ? seconds * 1000 : undefined;
}

/**
 * `POST /workspaces/:id/a2a` (§3.5): reads the body, refuses forged system callers, checks a
 * workspace caller's token, then runs the proxy. No `X-Workspace-ID` is the canvas: no auth,
 * no access control; a self-call (`X-Workspace-ID == :id`) skips both checks too.
 */
export async function a2a(context: DevContext, request: RouteRequest): Promise<Reply> {
	if (request.bodyUnreadable) return errorReply(400, 'failed to read request body');
	const targetId = request.params['id'] ?? '';
	const callerId = request.headers.get('X-Workspace-ID') ?? '';
	if (isSystemCaller(callerId)) return errorReply(403, 'invalid caller ID');
	if (callerId !== '' && callerId !== targetId) {
		const denial = callerTokenGate(context.model, callerId, request.headers);
		if (denial) return denial;
	}
	const bytes = request.bodyBytes ?? new Uint8Array();
	const outcome = await proxyA2A(context, {
		targetId,
		body: decodeUtf8(bytes.subarray(0, maxProxyRequestBytes)),
		callerId,
		logActivity: true,
		callerTimeoutMs: callerTimeoutMs(request.headers.get('X-Timeout')),
	});
	return outcome.reply;
}
