import type { DevContext } from './context.js';
import { maxResponseBytes, type DispatchResult } from './dispatch.js';
import { expiresInMs, idempotencyKeyOf, type Envelope } from './envelope.js';
import { isRecord, jsonValue } from '../internal/json.js';
import { errorReply, json, rawJson, type Reply } from './http.js';
import { lookupFails, type WorkspaceEntry } from './model.js';
import type { QueueRow } from './queue.js';
import { statusText } from './status-text.js';

/** The proxy's answer, and whether the queue should count it as a failed dispatch. */
export interface ProxyOutcome {
	reply: Reply;
	failed: boolean;
	/** The agent's parsed reply, for a 2xx answer. */
	agentReply?: unknown;
}

export const failure = (reply: Reply): ProxyOutcome => ({ reply, failed: true });
const success = (reply: Reply): ProxyOutcome => ({ reply, failed: false });

const busyRetryAfter = 30;
const deadRetryAfter = 15;
/** Agent statuses that mean the container behind it is down (contract §7.3 row 31). */
const gatewayStatuses = new Set([502, 503, 504, 521, 522, 523, 524]);

/** A row in the queue and how many rows of its target are queued. */
export interface Enqueued {
	row: QueueRow;
	depth: number;
}

/**
 * Puts the turn in the queue: a new row, the row a retried `messageId` already has, or the drained
 * row back. `null` when the workspace's queue writes fail (contract §11).
 */
export function enqueueTurn(context: DevContext, entry: WorkspaceEntry, callerId: string, envelope: Envelope, requeue?: QueueRow): Enqueued | null {
	if (lookupFails(entry, 'enqueue')) return null;
	if (requeue) {
		requeue.status = 'queued';
		requeue.lastError = 'workspace agent busy';
		return { row: requeue, depth: context.queue.depth(requeue.workspaceId) };
	}
	return context.queue.enqueue({
		workspaceId: entry.workspace.id,
		callerId,
		request: envelope.request,
		text: envelope.text,
		method: envelope.method,
		idempotencyKey: idempotencyKeyOf(envelope.request),
		ttlMs: expiresInMs(envelope.request),
	});
}

/** The 202 "accepted, not answered" body of a busy or settling target (contract §7.3 rows 19, 27). */
export function queuedReply({ row, depth }: Enqueued): ProxyOutcome {
	const body = {
		message: 'workspace agent busy — request queued, will dispatch when capacity available',
		queue_depth: depth,
		queue_id: row.queueId,
		queued: true,
	};
	return success(rawJson(202, JSON.stringify(body)));
}

/** The 200 body of a turn queued behind a platform boot turn (contract §7.3 row 15). */
export function bootTurnReply(method: string, { row, depth }: Enqueued): ProxyOutcome {
	return success(json(200, { status: 'queued', method, queued: true, queue_id: row.queueId, queue_depth: depth }));
}

/** Row 32: any status >= 300 becomes `{"error":…}` with the agent's own string error, else the status text. */
function agentStatusError(status: number, body: string): Reply {
	const parsed = jsonValue(body);
	const agentError = isRecord(parsed) ? parsed['error'] : undefined;
	return errorReply(status, typeof agentError === 'string' && agentError !== '' ? agentError : statusText(status));
}

const containerDead = (): Reply => errorReply(503, 'workspace agent unreachable — container restart triggered', { restarting: true });

/**
 * Rows 24–33 of contract §7.3: what the caller hears once the dispatch ended. A dead container
 * turns every dispatch failure and a gateway status into 503 restart triggered; a busy agent's
 * turn is queued; an agent's empty 2xx is an error with the agent's status.
 */
export function dispatchOutcome(context: DevContext, entry: WorkspaceEntry, callerId: string, envelope: Envelope, result: DispatchResult, requeue?: QueueRow): ProxyOutcome {
	const dead = entry.workspace.container === 'dead';
	switch (result.kind) {
		case 'busy': {
			if (dead) return failure(containerDead());
			const enqueued = enqueueTurn(context, entry, callerId, envelope, requeue);
			if (enqueued) return queuedReply(enqueued);
			const extra = { busy: true, retry_after: busyRetryAfter };
			return failure(errorReply(503, 'workspace agent busy — retry after a short backoff', extra, { 'Retry-After': String(busyRetryAfter) }));
		}
		case 'restarting':
			if (dead) return failure(containerDead());
			return failure(
				errorReply(503, 'workspace agent restarting — retry after a short backoff', { busy: true, retry_after: busyRetryAfter }, { 'Retry-After': String(busyRetryAfter) }),
			);
		case 'unreachable':
			return failure(dead ? containerDead() : errorReply(502, 'failed to reach workspace agent'));
		case 'readFailure':
		case 'tooLarge': {
			const confirmed = result.status >= 200 && result.status < 400;
			const tooLarge = result.kind === 'tooLarge';
			const message = tooLarge ? `response body exceeds ${maxResponseBytes} byte limit: A2A body exceeds size limit` : 'failed to read agent response';
			const status = result.status >= 300 ? result.status : 502;
			return failure(errorReply(status, message, { delivery_confirmed: confirmed, truncated: tooLarge, max_bytes: maxResponseBytes }));
		}
		case 'response': {
			const { status, body } = result;
			if (status >= 300 && dead && gatewayStatuses.has(status)) {
				const extra = { restarting: true, retry_after: deadRetryAfter };
				return failure(errorReply(503, 'workspace agent unreachable — container restart triggered', extra, { 'Retry-After': String(deadRetryAfter) }));
			}
			if (status >= 300) return failure(agentStatusError(status, body));
			if (body === '') return failure(errorReply(status, 'agent returned empty response body'));
			return { reply: rawJson(status, body), failed: false, agentReply: jsonValue(body) ?? null };
		}
	}
}
