import { announceReply } from './broadcasts.js';
import type { DevContext } from './context.js';
import { settleDrainedDelegation } from './delegation.js';
import { isRecord, jsonValue } from '../internal/json.js';
import { proxyA2A } from './proxy.js';
import { maxDrainAttempts, type QueueRow } from './queue.js';
import { statusText } from './status-text.js';

/**
 * Re-dispatches one claimed row through the proxy with its original caller and no activity
 * logging (contract §8.2). Busy again puts the same row back in the queue (the real server means
 * to, though its idempotent re-insert marks the row completed); any other failure re-queues it
 * with `lastError` until the fifth attempt fails it; success completes it with the agent's reply.
 * A delegation's turn then settles its delegation (contract §14.2).
 */
async function redispatch(context: DevContext, row: QueueRow): Promise<void> {
	const callerId = row.callerId ?? '';
	const startedAt = context.settings.clock.now();
	const outcome = await proxyA2A(context, {
		targetId: row.workspaceId,
		body: row.text,
		caller: { id: callerId, workspace: callerId !== '' && context.model.get(callerId) !== undefined, human: false },
		logActivity: false,
		requeue: row,
	});
	if (outcome.reply.status === 202) return;
	if (outcome.failed) {
		const body = jsonValue(outcome.reply.body ?? '');
		const message = isRecord(body) && typeof body['error'] === 'string' ? body['error'] : '';
		row.lastError = message || statusText(outcome.reply.status) || 'unknown drain dispatch error';
		if (row.attempts >= maxDrainAttempts) {
			context.queue.finish(row, 'failed');
			settleDrainedDelegation(context, row, { status: 'failed', error: row.lastError });
		} else row.status = 'queued';
		return;
	}
	context.queue.finish(row, 'completed', outcome.agentReply ?? null);
	// A canvas-class turn's reply reaches the canvas as an event (addendum §1.3): it asked and got a 202.
	if (callerId === '' && outcome.reply.status < 400) {
		const durationMs = Math.round(context.settings.clock.now() - startedAt);
		announceReply(context.events, row.workspaceId, { responseBody: outcome.agentReply ?? null, method: row.method ?? '', durationMs, messageId: row.idempotencyKey ?? '' });
	}
	settleDrainedDelegation(context, row, { status: 'completed', body: outcome.reply.body ?? '' });
}

/**
 * `DrainQueueForWorkspace` (contract §8.2): claims up to `count` queued rows of the workspace and
 * re-dispatches them side by side. A workspace in a boot turn is not drained.
 */
export async function drain(context: DevContext, workspaceId: string, count: number): Promise<void> {
	if (context.model.get(workspaceId)?.workspace.bootTurn) return;
	const claimed: QueueRow[] = [];
	for (let index = 0; index < count; index++) {
		const row = context.queue.claim(workspaceId);
		if (!row) break;
		claimed.push(row);
	}
	await Promise.all(claimed.map((row) => redispatch(context, row)));
}
