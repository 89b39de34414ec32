import { bearerToken, classifyCaller, constantTimeEqual, isCanvasClass, type Caller } from '../auth.js';
import type { DevContext } from '../context.js';
import { deadline } from '../../internal/deadline.js';
import { isRecord, jsonValue } from '../../internal/json.js';
import { decodeUtf8, errorReply, json, type Reply } from '../http.js';
import { isSystemCaller, proxyA2A } from '../proxy.js';
import type { RouteRequest } from '../router.js';

/** The most the proxy reads of a request body (16 MiB); more is refused whole (contract §7.1). */
export const maxProxyRequestBytes = 16 * 1024 * 1024;

/** `X-Timeout`: a positive integer number of seconds; anything else is ignored. */
function callerTimeoutMs(header: string | null): number | undefined {
	if (header === null || !/^[+-]?\d+$/.test(header)) return undefined;
	const seconds = Number(header);
	return seconds > 0 ? seconds * 1000 : undefined;
}

/** Row 1 of contract §7.3: the body as text, or the 413 or 400 when it cannot be read whole. */
function bodyOf(request: RouteRequest): string | Reply {
	if (request.bodyTooLarge) {
		const message = `request body exceeds ${maxProxyRequestBytes} byte limit: A2A body exceeds size limit`;
		return errorReply(413, message, { truncated: true, max_bytes: maxProxyRequestBytes });
	}
	if (request.bodyUnreadable) return errorReply(400, 'unexpected EOF');
	return decodeUtf8(request.bodyBytes ?? new Uint8Array());
}

/**
 * Row 5 of contract §7.3 (§7.6): a canvas-class turn runs in the background; when it has not
 * ended within the sync budget on the platform clock, the caller hears 200 `push-async` and the
 * turn goes on (its later errors are not reported to this caller). The timer never outlives the turn.
 */
async function withCanvasBudget(context: DevContext, turn: Promise<Reply>): Promise<Reply> {
	const budget = context.settings.canvasSyncBudgetMs;
	context.background(() => turn.then(() => {}));
	if (budget === null) return turn;
	const limit = deadline(context.settings.clock, budget);
	const cutOff = new Promise<Reply>((resolve) => {
		limit.signal.addEventListener('abort', () => resolve(json(200, { status: 'queued', delivery_mode: 'push-async', method: 'message/send' })), { once: true });
	});
	try {
		return await Promise.race([turn, cutOff]);
	} finally {
		limit.clear();
	}
}

/** Rows 4 onwards for a classified caller. */
async function runTurn(context: DevContext, request: RouteRequest, caller: Caller, body: string): Promise<Reply> {
	if (caller.human && !isRecord(jsonValue(body))) return errorReply(400, 'invalid A2A body');
	const targetId = request.params['id'] ?? '';
	const turn = proxyA2A(context, {
		targetId,
		body,
		caller,
		logActivity: true,
		callerTimeoutMs: callerTimeoutMs(request.headers.get('X-Timeout')),
	}).then((outcome) => outcome.reply);
	return isCanvasClass(caller) ? withCanvasBudget(context, turn) : turn;
}

/**
 * `POST /workspaces/:id/a2a` (contract §7): reads the body (16 MiB at most), refuses forged
 * system callers, classifies the caller from the bearer, then runs the proxy. Every call needs a
 * credential; a self-call too.
 */
export async function a2a(context: DevContext, request: RouteRequest): Promise<Reply> {
	const body = bodyOf(request);
	if (typeof body !== 'string') return body;
	if (isSystemCaller(request.headers.get('X-Workspace-ID') ?? '')) return errorReply(403, 'invalid caller ID');
	const caller = classifyCaller(context, request.params['id'] ?? '', request.headers);
	if ('status' in caller) return caller;
	return runTurn(context, request, caller, body);
}

/**
 * `POST /workspaces/:id/a2a/inbound` (contract §7.7): the bearer must be the target's own inbound
 * secret. The call then goes on as `/a2a` from a canvas-class caller that is not a human.
 */
export async function a2aInbound(context: DevContext, request: RouteRequest): Promise<Reply> {
	const header = request.headers.get('Authorization');
	if (header === null || header === '') return errorReply(401, 'missing Authorization header');
	const secret = context.model.get(request.params['id'] ?? '')?.workspace.inboundSecret;
	if (!secret) return errorReply(401, 'workspace has no inbound secret configured');
	if (!constantTimeEqual(bearerToken(header), secret)) return errorReply(403, 'invalid inbound secret');
	const body = bodyOf(request);
	if (typeof body !== 'string') return body;
	return runTurn(context, request, { id: '', workspace: false, human: false }, body);
}
