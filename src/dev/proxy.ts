import { canCommunicate } from './access.js';
import type { DevContext } from './context.js';
import { dispatch, type DispatchResult } from './dispatch.js';
import { idempotencyKeyOf, normaliseEnvelope, type Envelope } from './envelope.js';
import { errorReply, isRecord, json, parseJson, rawJson, type Reply } from './http.js';
import { wakeDelayMs, workspaceKey, type WorkspaceEntry } from './model.js';
import type { QueueRow } from './queue.js';
import { statusText } from './status-text.js';

export const systemCallerPrefixes = ['webhook:', 'system:', 'test:', 'channel:'] as const;

export function isSystemCaller(callerId: string): boolean {
	return systemCallerPrefixes.some((prefix) => callerId.startsWith(prefix));
}

export interface ProxyCall {
	targetId: string;
	/** The request body as read (already capped at 1 MiB). */
	body: string;
	/** `X-Workspace-ID`, `''` for the canvas. */
	callerId: string;
	/** Drains do not log: the original call already did. */
	logActivity: boolean;
	/** `X-Timeout` in ms, when the caller sent one. */
	callerTimeoutMs?: number | undefined;
	/** The queue row a drain is re-dispatching: busy again puts it back instead of queueing a copy. */
	requeue?: QueueRow | undefined;
}

/** The proxy's answer, and whether the queue should count it as a failed dispatch. */
export interface ProxyOutcome {
	reply: Reply;
	failed: boolean;
	/** The agent's parsed reply, for a 2xx answer. */
	agentReply?: unknown;
}

const workspaceCallerCeilingMs = 30 * 60_000;
const busyRetryAfter = 30;

const failure = (reply: Reply): ProxyOutcome => ({ reply, failed: true });

type ProxyEndpoint = NonNullable<WorkspaceEntry['workspace']['agent']>;

/** The agent URL or behaviour, `null` when there is none: a hibernated or removed workspace's container is stopped. */
function endpointOf({ workspace }: WorkspaceEntry): ProxyEndpoint | null {
	if (workspace.status === 'hibernated' || workspace.status === 'removed') return null;
	return workspace.agent ?? (workspace.url ? workspace.url : null);
}

function resolveEndpoint(context: DevContext, entry: WorkspaceEntry): ProxyEndpoint | Reply {
	const endpoint = endpointOf(entry);
	if (endpoint !== null) return endpoint;
	if (entry.workspace.status === 'hibernated') {
		// The restart is under way from the first call on; the workspace is back 15 s later.
		entry.extras.wakeAt ??= context.settings.clock.now() + wakeDelayMs;
		return errorReply(
			503,
			'workspace is waking from hibernation — retry in ~15 seconds',
			{ waking: true, retry_after: 15 },
			{ 'Retry-After': '15' },
		);
	}
	return errorReply(503, 'workspace has no URL', { status: entry.workspace.status });
}

function logActivity(context: DevContext, entry: WorkspaceEntry, call: ProxyCall, envelope: Envelope, startedAt: number, result: DispatchResult): void {
	const { workspace } = entry;
	const base = {
		id: context.settings.uuid(),
		workspace_id: workspace.id,
		activity_type: 'a2a_receive',
		source_id: call.callerId || null,
		target_id: workspace.id,
		method: envelope.method,
		request_body: envelope.request,
		duration_ms: Math.round(context.settings.clock.now() - startedAt),
		created_at: context.settings.wallClock().toISOString(),
	};
	const name = workspace.name || workspace.id;
	if (result.kind === 'busy' || result.kind === 'unreachable') {
		const summary = `A2A request to ${name} failed: ${result.reason}`;
		context.model.activity.push({ ...base, summary, status: 'error', error_detail: result.reason });
		return;
	}
	const { status } = result;
	const responseBody = result.kind === 'response' ? (parseJson(result.body) ?? null) : null;
	const summary = `${envelope.method} → ${name}`;
	context.model.activity.push({ ...base, summary, response_body: responseBody, status: status >= 400 ? 'error' : 'ok', error_detail: null });
	const caller = call.callerId && !isSystemCaller(call.callerId) ? context.model.get(call.callerId) : undefined;
	if (caller && status < 400) caller.extras.lastOutboundAt = context.settings.wallClock().toISOString();
}

function busyOutcome(context: DevContext, entry: WorkspaceEntry, call: ProxyCall, envelope: Envelope): ProxyOutcome {
	if (entry.workspace.capabilities?.['session']) {
		const message = 'workspace agent busy — adapter handles retry (native_session)';
		const extra = { busy: true, retry_after: busyRetryAfter, native_session: true };
		return failure(errorReply(503, message, extra, { 'Retry-After': String(busyRetryAfter) }));
	}
	let row = call.requeue;
	let depth: number;
	if (row) {
		row.status = 'queued';
		row.lastError = 'workspace agent busy';
		depth = context.queue.depth(row.workspaceId);
	} else {
		const enqueued = context.queue.enqueue({
			workspaceId: entry.workspace.id,
			callerId: call.callerId,
			request: envelope.request,
			text: envelope.text,
			method: envelope.method,
			idempotencyKey: idempotencyKeyOf(envelope.request),
		});
		row = enqueued.row;
		depth = enqueued.depth;
	}
	const body = {
		message: 'workspace agent busy — request queued, will dispatch when capacity available',
		queue_depth: depth,
		queue_id: row.queueId,
		queued: true,
	};
	return { reply: rawJson(202, JSON.stringify(body)), failed: false };
}

/** Step 11: any status >= 300 becomes `{"error":…}` with the agent's own string error, else the status text. */
function agentStatusError(status: number, body: string): Reply {
	const parsed = parseJson(body);
	const agentError = isRecord(parsed) ? parsed['error'] : undefined;
	return errorReply(status, typeof agentError === 'string' && agentError !== '' ? agentError : statusText(status));
}

/**
 * `proxyA2ARequest` (§3.5 steps 4–12): hierarchy, budget, agent resolution, normalisation,
 * dispatch, and the translation of every dispatch outcome. The HTTP route runs steps 1–3 first;
 * heartbeat drains call this directly.
 */
export async function proxyA2A(context: DevContext, call: ProxyCall): Promise<ProxyOutcome> {
	const { model, settings } = context;
	const { callerId, targetId } = call;
	const workspaceCaller = callerId !== '' && callerId !== targetId && !isSystemCaller(callerId);
	if (workspaceCaller && !canCommunicate(workspaceKey(callerId), workspaceKey(targetId), model.hierarchy)) {
		return failure(errorReply(403, 'access denied: workspaces cannot communicate per hierarchy rules'));
	}
	const entry = model.get(targetId);
	const { budgetLimit, monthlySpend } = entry?.workspace ?? {};
	if (typeof budgetLimit === 'number' && (monthlySpend ?? 0) >= budgetLimit) {
		return failure(errorReply(402, 'workspace budget limit exceeded'));
	}
	if (!entry) return failure(errorReply(404, 'workspace not found'));

	if (entry.workspace.deliveryMode === 'poll') return storeForPolling(context, entry, call);
	const endpoint = resolveEndpoint(context, entry);
	if (typeof endpoint === 'object') return failure(endpoint);

	const envelope = normaliseEnvelope(call.body, settings.uuid);
	if (!envelope) return failure(errorReply(400, 'invalid JSON'));

	const idleMs = entry.extras.idleTimeoutMs ?? settings.idleTimeoutMs;
	const ceilingMs = call.callerTimeoutMs ?? (callerId !== '' ? workspaceCallerCeilingMs : Number.POSITIVE_INFINITY);
	const startedAt = settings.clock.now();
	const result = await dispatch(
		{ workspace: entry.workspace, endpoint, envelope, callerId, timeoutMs: Math.min(idleMs, ceilingMs) },
		settings,
	);
	const delivered = result.kind === 'response' || (result.kind === 'readFailure' && result.status >= 200 && result.status < 400);
	if (call.logActivity && (delivered || result.kind === 'busy' || result.kind === 'unreachable')) {
		logActivity(context, entry, call, envelope, startedAt, result);
	}
	switch (result.kind) {
		case 'busy':
			return busyOutcome(context, entry, call, envelope);
		case 'unreachable':
			return failure(errorReply(502, 'failed to reach workspace agent'));
		case 'readFailure':
			return failure(errorReply(502, 'failed to read agent response', { delivery_confirmed: delivered }));
		case 'response':
			if (result.status >= 300) return failure(agentStatusError(result.status, result.body));
			return { reply: rawJson(result.status, result.body), failed: false, agentReply: parseJson(result.body) ?? null };
	}
}

/**
 * §3.18: a poll-mode workspace has no URL to dispatch to. The message goes to its inbox (an
 * `a2a_receive` activity row, which the agent polls) and the caller hears it was queued.
 */
function storeForPolling(context: DevContext, entry: WorkspaceEntry, call: ProxyCall): ProxyOutcome {
	const envelope = normaliseEnvelope(call.body, context.settings.uuid);
	if (!envelope) return failure(errorReply(400, 'invalid JSON'));
	const { workspace } = entry;
	context.model.activity.push({
		id: context.settings.uuid(),
		workspace_id: workspace.id,
		activity_type: 'a2a_receive',
		source_id: call.callerId || null,
		target_id: workspace.id,
		method: envelope.method,
		summary: `${envelope.method} → ${workspace.name || workspace.id}`,
		request_body: envelope.request,
		duration_ms: null,
		status: 'ok',
		error_detail: null,
		created_at: context.settings.wallClock().toISOString(),
	});
	return { reply: json(200, { status: 'queued', delivery_mode: 'poll', method: envelope.request.method ?? null }), failed: false };
}
