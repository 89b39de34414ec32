import { canCommunicate } from './access.js';
import type { Caller } from './auth.js';
import { announceReply, announceUserMessage } from './broadcasts.js';
import { exceededPeriods } from './budget.js';
import type { DevContext } from './context.js';
import { dispatch, type DispatchResult } from './dispatch.js';
import { idempotencyKeyOf, normaliseEnvelope, requestText, type Envelope } from './envelope.js';
import { jsonValue } from '../internal/json.js';
import { errorReply, json } from './http.js';
import { lookupFails, wakeDelayMs, workspaceKey, type WorkspaceEntry } from './model.js';
import { bootTurnReply, dispatchOutcome, enqueueTurn, failure, queuedReply, type ProxyOutcome } from './outcomes.js';
import type { QueueRow } from './queue.js';
import { agentUrlProblem, isExternalUrl } from './url-safety.js';

export type { ProxyOutcome } from './outcomes.js';

export const systemCallerPrefixes = ['webhook:', 'system:', 'test:', 'channel:'] as const;

export function isSystemCaller(callerId: string): boolean {
	return systemCallerPrefixes.some((prefix) => callerId.startsWith(prefix));
}

export interface ProxyCall {
	targetId: string;
	/** The request body as read. */
	body: string;
	/** Who is calling, as classified (contract §2.6). */
	caller: Caller;
	/** Drains do not log: the original call already did. */
	logActivity: boolean;
	/** `X-Timeout` in ms, when the caller sent one: it lifts the 30-minute ceiling. */
	callerTimeoutMs?: number | undefined;
	/** The queue row a drain is re-dispatching: busy again puts it back instead of queueing a copy. */
	requeue?: QueueRow | undefined;
}

const workspaceCallerCeilingMs = 30 * 60_000;

type ProxyEndpoint = NonNullable<WorkspaceEntry['workspace']['agent']>;

/** The agent URL or behaviour, `null` when there is none: a hibernated or removed workspace's container is stopped. */
function endpointOf({ workspace }: WorkspaceEntry): ProxyEndpoint | null {
	if (workspace.status === 'hibernated' || workspace.status === 'removed') return null;
	return workspace.agent ?? (workspace.url ? workspace.url : null);
}

/** Rows 18–20: no URL. Hibernated wakes (back 15 s later on the clock), provisioning queues, the rest is 503. */
function noEndpoint(context: DevContext, entry: WorkspaceEntry, call: ProxyCall, envelope: Envelope): ProxyOutcome {
	const { status } = entry.workspace;
	if (status === 'hibernated') {
		entry.extras.wakeAt ??= context.settings.clock.now() + wakeDelayMs;
		const message = 'workspace is waking from hibernation — retry in ~15 seconds';
		return failure(errorReply(503, message, { waking: true, retry_after: 15 }, { 'Retry-After': '15' }));
	}
	const enqueued = status === 'provisioning' || status === 'awaiting_agent' ? enqueueTurn(context, entry, call.caller.id, envelope, call.requeue) : null;
	return enqueued ? queuedReply(enqueued) : failure(errorReply(503, 'workspace has no URL', { status }));
}

/** Row 12: a `message/send` turn is recorded on the target as it arrives, keyed by its message id. */
function ingest(context: DevContext, entry: WorkspaceEntry, call: ProxyCall, envelope: Envelope): string | undefined {
	const { activity } = context.model;
	const messageId = idempotencyKeyOf(envelope.request);
	const existing = messageId === '' ? undefined : activity.findByMessage(entry.workspace.id, messageId);
	if (existing) return existing;
	// Only a turn whose recorded caller is empty is the human's own chat (addendum §4.4).
	if (call.caller.id === '' && envelope.method === 'message/send') announceUserMessage(context.events, entry.workspace.id, messageId, envelope.request);
	return activity.record({
		workspaceId: entry.workspace.id,
		activityType: 'a2a_receive',
		// Canvas-class turns are the human's own: no source workspace (contract §7.5).
		sourceId: call.caller.workspace ? call.caller.id : null,
		targetId: entry.workspace.id,
		method: envelope.method,
		summary: `${envelope.method} → ${entry.workspace.name || entry.workspace.id}`,
		requestBody: envelope.request,
		durationMs: null,
		status: 'ok',
		errorDetail: null,
		...(messageId === '' ? {} : { messageId }),
	});
}

/** Writes the dispatch's end onto the turn's row (contract §7.5), and `last_outbound_at` of a caller that got an answer. */
function logDispatch(context: DevContext, entry: WorkspaceEntry, call: ProxyCall, envelope: Envelope, rowId: string, startedAt: number, result: DispatchResult): void {
	const { settings, model } = context;
	const name = entry.workspace.name || entry.workspace.id;
	const durationMs = Math.round(settings.clock.now() - startedAt);
	if (result.kind !== 'response' && result.kind !== 'readFailure') {
		const reason = 'reason' in result ? result.reason : 'response body too large';
		model.activity.stamp(rowId, { summary: `A2A request to ${name} failed: ${reason}`, status: 'error', errorDetail: reason, durationMs });
		model.activity.announce(rowId);
		return;
	}
	const responseBody = result.kind === 'response' ? (jsonValue(result.body) ?? null) : null;
	model.activity.stamp(rowId, { summary: `${envelope.method} → ${name}`, responseBody, durationMs, status: result.status >= 400 ? 'error' : 'ok' });
	model.activity.announce(rowId);
	if (call.caller.id === '' && result.status < 400 && result.kind === 'response') {
		announceReply(context.events, entry.workspace.id, { responseBody, method: envelope.method, durationMs, messageId: idempotencyKeyOf(envelope.request) });
	}
	const caller = call.caller.id && !isSystemCaller(call.caller.id) ? model.get(call.caller.id) : undefined;
	if (caller && result.status < 400) caller.extras.lastOutboundAt = settings.wallClock().toISOString();
}

/** Row 16: a `mock` runtime answers every message itself. */
function mockReply(envelope: Envelope): ProxyOutcome {
	const text = `mock reply: ${requestText(envelope.request)}`;
	const body = { jsonrpc: '2.0', id: envelope.request.id ?? null, result: { parts: [{ kind: 'text', text }] } };
	return { reply: json(200, body), failed: false, agentReply: body };
}

/**
 * Rows 6–22 of contract §7.3 for an already classified caller: hierarchy, budget, normalisation,
 * delegation rights, the target's state and delivery mode, then the dispatch (rows 23–33 in
 * `dispatchOutcome`). The route runs rows 1–5 first; drains call this directly.
 */
export async function proxyA2A(context: DevContext, call: ProxyCall): Promise<ProxyOutcome> {
	const { model, settings } = context;
	const { caller, targetId } = call;
	const fromWorkspace = caller.workspace && caller.id !== '' && workspaceKey(caller.id) !== workspaceKey(targetId) && !isSystemCaller(caller.id);
	if (fromWorkspace && !canCommunicate(workspaceKey(caller.id), workspaceKey(targetId), model.hierarchy)) {
		return failure(errorReply(403, 'access denied: workspaces cannot communicate per hierarchy rules'));
	}
	const entry = model.get(targetId);
	if (fromWorkspace && lookupFails(entry, 'org')) return failure(errorReply(403, 'access denied: org isolation check failed'));
	const exceeded = entry ? exceededPeriods(entry.workspace) : [];
	if (exceeded.length > 0) return failure(errorReply(402, 'workspace budget limit exceeded', { exceeded_periods: exceeded }));

	const canvasClass = !caller.workspace;
	const normalised = normaliseEnvelope(call.body, settings.uuid, {
		...(canvasClass ? { canvasContextFor: entry?.workspace.id ?? workspaceKey(targetId) } : {}),
		human: caller.human,
	});
	if ('error' in normalised) return failure(errorReply(400, normalised.error, normalised.hint === undefined ? {} : { hint: normalised.hint }));
	const envelope = normalised;
	const sending = envelope.method === 'message/send';
	if (fromWorkspace && sending && model.get(caller.id)?.workspace.canDelegate === false) return failure(errorReply(403, 'tool call failed'));
	if (!entry) return failure(errorReply(404, 'workspace not found'));
	const { workspace } = entry;
	const selfCall = workspaceKey(caller.id) === workspace.id;
	if (workspace.kind === 'platform' && workspace.status === 'provisioning' && !selfCall) {
		const message = 'concierge is warming up (verifying management tools) — retry shortly';
		return failure(errorReply(503, message, { warming: true, retry_after: 5 }, { 'Retry-After': '5' }));
	}
	const rowId = call.logActivity && sending ? ingest(context, entry, call, envelope) : undefined;
	if (lookupFails(entry, 'deliveryMode')) return failure(errorReply(503, 'delivery-mode lookup failed; refusing to dispatch to avoid silent misrouting'));
	if (workspace.deliveryMode === 'poll') {
		if (call.logActivity && !sending) ingest(context, entry, call, envelope);
		return { reply: json(200, { status: 'queued', delivery_mode: 'poll', method: envelope.request.method ?? null }), failed: false };
	}
	// A boot turn whose queue write fails falls through to the dispatch.
	const bootQueued = sending && workspace.bootTurn && !call.requeue ? enqueueTurn(context, entry, caller.id, envelope) : null;
	if (bootQueued) return bootTurnReply(envelope.method, bootQueued);
	if (workspace.runtime === 'mock') return mockReply(envelope);

	if (lookupFails(entry, 'url')) return failure(errorReply(500, 'lookup failed'));
	const endpoint = endpointOf(entry);
	if (typeof endpoint === 'string' && agentUrlProblem(endpoint, settings.orgId !== undefined) !== null) {
		return failure(errorReply(502, 'workspace URL is not publicly routable'));
	}
	if (endpoint === null) return noEndpoint(context, entry, call, envelope);
	if (workspace.container === 'stopped') {
		return failure(errorReply(503, 'workspace container not running — restart triggered', { restarting: true, preflight: true }));
	}
	let authorization: string | undefined;
	if (typeof endpoint === 'string' && isExternalUrl(endpoint)) {
		if (lookupFails(entry, 'inboundSecret')) {
			const detail = "the platform could not read this workspace's inbound secret, so it cannot authenticate itself to the agent";
			return failure(errorReply(503, 'workspace not yet enrolled in inbound auth (RFC #2312)', { detail }));
		}
		const { secret, minted } = model.inboundSecret(entry);
		if (minted) {
			const detail = "the platform minted this workspace's inbound secret just now; the agent receives it on its next register or heartbeat";
			return failure(errorReply(503, 'workspace re-registering — please retry in 30 seconds', { detail, retry_after_seconds: 30 }));
		}
		authorization = `Bearer ${secret}`;
	}

	const idleMs = entry.extras.idleTimeoutMs ?? settings.idleTimeoutMs;
	const ceilingMs = call.callerTimeoutMs === undefined && caller.id !== '' ? workspaceCallerCeilingMs : Number.POSITIVE_INFINITY;
	const startedAt = settings.clock.now();
	const result = await dispatch(
		{
			workspace,
			endpoint,
			envelope,
			callerId: caller.id,
			timeoutMs: Math.min(idleMs, ceilingMs),
			stop: context.closed,
			...(authorization ? { authorization } : {}),
		},
		settings,
	);
	if (call.logActivity) {
		const turnRow = rowId ?? ingest(context, entry, call, envelope);
		if (turnRow !== undefined) logDispatch(context, entry, call, envelope, turnRow, startedAt, result);
	}
	return dispatchOutcome(context, entry, caller.id, envelope, result, call.requeue);
}
