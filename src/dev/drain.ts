import type { DevContext } from './context.js';
import { isRecord, parseJson } from './http.js';
import { proxyA2A } from './proxy.js';
import { maxDrainAttempts } from './queue.js';
import { statusText } from './status-text.js';

/**
 * `DrainQueueForWorkspace` (§3.17): claims one queued item and re-dispatches it through the proxy
 * with its original caller and no activity logging. Busy again puts the same item back in the
 * queue (the real server means to, though its idempotent re-insert marks the item completed);
 * any other failure re-queues it with `lastError` until the fifth attempt fails it; success
 * completes it and keeps the agent's reply on it.
 */
export async function drainOne(context: DevContext, workspaceId: string): Promise<void> {
	const row = context.queue.claim(workspaceId);
	if (!row) return;
	const outcome = await proxyA2A(context, {
		targetId: row.workspaceId,
		body: row.text,
		callerId: row.callerId ?? '',
		logActivity: false,
		requeue: row,
	});
	if (outcome.reply.status === 202) return;
	if (outcome.failed) {
		const body = parseJson(outcome.reply.body ?? '');
		const message = isRecord(body) && typeof body['error'] === 'string' ? body['error'] : '';
		row.lastError = message || statusText(outcome.reply.status) || 'unknown drain dispatch error';
		row.status = row.attempts >= maxDrainAttempts ? 'failed' : 'queued';
		return;
	}
	row.status = 'completed';
	row.reply = outcome.agentReply ?? null;
}
