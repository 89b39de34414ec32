import type { DevContext } from './context.js';
import { isRecord, jsonValue } from '../internal/json.js';
import { type Reply } from './http.js';
import { proxyA2A } from './proxy.js';
import type { QueueRow } from './queue.js';
import { statusText } from './status-text.js';

/** The pause before a delegation's one retry, on the platform clock (contract §14.2). */
export const delegationRetryDelayMs = 8_000;

/** One delegation the platform runs for a workspace. */
export interface Delegation {
	sourceId: string;
	targetId: string;
	delegationId: string;
	task: string;
}

/** Cuts `text` to `max` UTF-8 bytes and marks the cut with `...`, as Go slices a string (a split character becomes U+FFFD). */
export function truncateBytes(text: string, max: number): string {
	const bytes = new TextEncoder().encode(text);
	return bytes.length <= max ? text : `${new TextDecoder().decode(bytes.subarray(0, max))}...`;
}

function firstText(parts: unknown): string | undefined {
	if (!Array.isArray(parts)) return undefined;
	for (const part of parts) {
		if (isRecord(part) && part['kind'] === 'text' && typeof part['text'] === 'string') return part['text'];
	}
	return undefined;
}

/**
 * The reply's text (contract §14.2): the first text part of `result.parts`, else of any
 * `result.artifacts[].parts`, else the body as it came (a queued body, a JSON-RPC error).
 */
export function replyText(body: string): string {
	const parsed = jsonValue(body);
	const result = isRecord(parsed) ? parsed['result'] : undefined;
	if (!isRecord(result)) return body;
	const direct = firstText(result['parts']);
	if (direct !== undefined) return direct;
	const artifacts = Array.isArray(result['artifacts']) ? result['artifacts'] : [];
	for (const artifact of artifacts) {
		const text = isRecord(artifact) ? firstText(artifact['parts']) : undefined;
		if (text !== undefined) return text;
	}
	return body;
}

/** The `delegation_id` a row names, in its request body or else its response body. */
export function delegationIdOf(row: { request_body?: unknown; response_body?: unknown }): string {
	for (const body of [row.request_body, row.response_body]) {
		const id = isRecord(body) ? body['delegation_id'] : undefined;
		if (typeof id === 'string' && id !== '') return id;
	}
	return '';
}

/** Moves the workspace's `delegate` rows of this delegation to `status`; an empty `error` keeps the old detail. */
export function setDelegationStatus(context: DevContext, workspaceId: string, delegationId: string, status: string, error = ''): void {
	const { activity } = context.model;
	const rows = activity.where((row) => row.workspace_id === workspaceId && row.method === 'delegate' && delegationIdOf(row) === delegationId);
	for (const row of rows) activity.stamp(row.id, { status, ...(error === '' ? {} : { errorDetail: error }) });
}

/** What a `delegate_result` row records. */
/** A delegation as its source records it: the `delegation` activity row, and the `DELEGATION_SENT` event. */
export interface DelegationSent {
	sourceId: string;
	targetId: string;
	task: string;
	delegationId: string;
	/** `pending` when the platform runs it (`/delegate`), `dispatched` when the agent ran it itself (`/delegations/record`). */
	status: 'pending' | 'dispatched';
	idempotencyKey?: string;
	/** Whether the source workspace exists: the row needs it (a foreign key); without it only the event is sent. */
	withRow: boolean;
}

/** Records a delegation being sent (contract §14): one row through the model, one event. */
export function recordDelegationSent(context: DevContext, sent: DelegationSent): void {
	const { sourceId, targetId, task, delegationId, status, idempotencyKey } = sent;
	if (sent.withRow) {
		context.model.activity.record({
			workspaceId: sourceId,
			activityType: 'delegation',
			sourceId,
			targetId,
			method: 'delegate',
			summary: `Delegating to ${targetId}`,
			requestBody: { task, delegation_id: delegationId },
			durationMs: null,
			status,
			errorDetail: null,
			...(idempotencyKey ? { idempotencyKey } : {}),
		});
	}
	context.events.record('DELEGATION_SENT', sourceId, { delegation_id: delegationId, target_id: targetId, task_preview: truncateBytes(task, 100) });
}

export interface DelegationResult {
	status: 'completed' | 'failed' | 'queued';
	summary: string;
	targetId: string | null;
	responseBody?: unknown;
	error?: string;
}

/** Writes a `delegate_result` row on the delegating workspace. */
export function recordDelegationResult(context: DevContext, workspaceId: string, result: DelegationResult): string {
	return context.model.activity.record({
		workspaceId,
		activityType: 'delegation',
		sourceId: workspaceId,
		targetId: result.targetId,
		method: 'delegate_result',
		summary: result.summary,
		...(result.responseBody === undefined ? {} : { responseBody: result.responseBody }),
		durationMs: null,
		status: result.status,
		errorDetail: result.error ?? null,
	});
}

/** The summary of a completed result row: the first 80 bytes of the reply. */
export const completedSummary = (text: string): string => `Delegation completed (${truncateBytes(text, 80)})`;

/** The proxy's error text for a failed dispatch: its `error` string, else the status text. */
function errorOf(reply: Reply): string {
	const body = jsonValue(reply.body ?? '');
	const error = isRecord(body) ? body['error'] : undefined;
	return typeof error === 'string' && error !== '' ? error : statusText(reply.status) || `status ${reply.status}`;
}

/** 502, or 503 with `restarting: true`: the message was not delivered, so one retry is safe. */
function retryable(reply: Reply): boolean {
	if (reply.status === 502) return true;
	const body = jsonValue(reply.body ?? '');
	return reply.status === 503 && isRecord(body) && body['restarting'] === true;
}

function dispatchOnce(context: DevContext, delegation: Delegation): ReturnType<typeof proxyA2A> {
	const message = {
		role: 'user',
		messageId: delegation.delegationId,
		parts: [{ kind: 'text', text: delegation.task }],
		metadata: { delegation_id: delegation.delegationId },
	};
	return proxyA2A(context, {
		targetId: delegation.targetId,
		body: JSON.stringify({ method: 'message/send', params: { message } }),
		caller: { id: delegation.sourceId, workspace: true, human: false },
		logActivity: true,
	});
}

/**
 * `executeDelegation` (contract §14.2), run in the background: `dispatched`, the message through
 * the proxy as the delegating workspace, one retry after 8 s on the platform clock when the
 * message cannot have been delivered, then `failed`, `queued` (a busy target; a drain finishes
 * it) or `completed`, each with its `delegate_result` row and event.
 */
export async function runDelegation(context: DevContext, delegation: Delegation): Promise<void> {
	const { sourceId, targetId, delegationId } = delegation;
	setDelegationStatus(context, sourceId, delegationId, 'dispatched');
	context.events.record('DELEGATION_STATUS', sourceId, { delegation_id: delegationId, target_id: targetId, status: 'dispatched' });
	let outcome = await dispatchOnce(context, delegation);
	if (outcome.failed && retryable(outcome.reply)) {
		// A closed platform ends the wait (and its timer); the retry then finds nothing and is refused.
		await context.settings.clock.sleep(delegationRetryDelayMs, context.closed).catch(() => {});
		if (context.closed.aborted) return;
		outcome = await dispatchOnce(context, delegation);
	}
	if (outcome.failed) {
		const error = errorOf(outcome.reply);
		setDelegationStatus(context, sourceId, delegationId, 'failed', error);
		recordDelegationResult(context, sourceId, { status: 'failed', summary: 'Delegation failed', targetId, error });
		context.events.record('DELEGATION_FAILED', sourceId, { delegation_id: delegationId, target_id: targetId, error });
		return;
	}
	const body = outcome.reply.body ?? '';
	const parsed = jsonValue(body);
	if (isRecord(parsed) && parsed['queued'] === true) {
		setDelegationStatus(context, sourceId, delegationId, 'queued');
		const responseBody = { delegation_id: delegationId, queued: true };
		recordDelegationResult(context, sourceId, { status: 'queued', summary: 'Delegation queued (target busy)', targetId, responseBody });
		context.events.record('DELEGATION_STATUS', sourceId, { delegation_id: delegationId, target_id: targetId, status: 'queued' });
		return;
	}
	// A poll-mode target's `{"status":"queued",…}` lands here too: the platform records it as the reply.
	const text = replyText(body);
	recordDelegationResult(context, sourceId, { status: 'completed', summary: completedSummary(text), targetId, responseBody: { text, delegation_id: delegationId } });
	setDelegationStatus(context, sourceId, delegationId, 'completed');
	context.events.record('DELEGATION_COMPLETE', sourceId, { delegation_id: delegationId, target_id: targetId, response_preview: truncateBytes(text, 200) });
}

/** The delegation a queued turn belongs to: `params.message.metadata.delegation_id`. */
function delegationOfTurn(row: QueueRow): string {
	const params = row.request.params;
	const message = isRecord(params) ? params['message'] : undefined;
	const metadata = isRecord(message) ? message['metadata'] : undefined;
	const id = isRecord(metadata) ? metadata['delegation_id'] : undefined;
	return typeof id === 'string' ? id : '';
}

/**
 * A drain finished a queued delegation turn (contract §14.2): the reply is stitched into the
 * queued `delegate_result` row (`completed`), or the drain's last error into it once the turn
 * is given up (`failed`). Turns that are not delegations are left alone.
 */
export function settleDrainedDelegation(context: DevContext, row: QueueRow, outcome: { status: 'completed'; body: string } | { status: 'failed'; error: string }): void {
	const delegationId = delegationOfTurn(row);
	const sourceId = row.callerId;
	if (delegationId === '' || sourceId === null) return;
	const { activity } = context.model;
	const [queued] = activity.where(
		(entry) => entry.workspace_id === sourceId && entry.method === 'delegate_result' && entry.status === 'queued' && delegationIdOf(entry) === delegationId,
	);
	const targetId = row.workspaceId;
	if (outcome.status === 'completed') {
		const text = replyText(outcome.body);
		if (queued) activity.stamp(queued.id, { status: 'completed', summary: completedSummary(text), responseBody: { text, delegation_id: delegationId } });
		setDelegationStatus(context, sourceId, delegationId, 'completed');
		context.events.record('DELEGATION_COMPLETE', sourceId, { delegation_id: delegationId, target_id: targetId, response_preview: truncateBytes(text, 200), via: 'queue_drain' });
		return;
	}
	if (queued) activity.stamp(queued.id, { status: 'failed', summary: 'Delegation failed', errorDetail: outcome.error });
	setDelegationStatus(context, sourceId, delegationId, 'failed', outcome.error);
	context.events.record('DELEGATION_FAILED', sourceId, { delegation_id: delegationId, target_id: targetId, error: outcome.error });
}
