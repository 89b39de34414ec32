import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { isRecord, parseJson } from '../internal/json.js';
import { platformFailure } from '../answer.js';
import { validatePeerId } from '../peer-id.js';
import { queuedMessageOf, type QueuedMessage } from '../queue.js';
import { asClientError } from '../redaction.js';
import { PeerListSchema } from '../schemas/peer.js';
import { QueueStatusSchema } from '../schemas/queue.js';
import type { PeerRecord } from '../types/peer.js';
import { bodyOf, callOptions, signalChecks, workspaceIdOf, type CanvasContext } from './http.js';
import { CardUpdatedSchema } from './schemas.js';

type Signal = { signal?: AbortSignal | undefined } | undefined;

/** `GET /registry/:id/peers` with the canvas's token (discovery accepts ADMIN and org tokens, addendum §2.2). */
export async function peers(context: CanvasContext, workspaceId: string, options: Signal): Promise<PeerRecord[]> {
	const { signal } = callOptions(options, signalChecks);
	return context.call({ method: 'GET', path: `/registry/${workspaceIdOf(workspaceId)}/peers`, schema: PeerListSchema, signal });
}

/**
 * `GET /workspaces/:id/a2a/queue/:queue_id` (addendum §5) as a human: any row may be read. `null` while
 * the platform has no such item (its 404 `retryable`).
 */
export async function queueStatus(context: CanvasContext, workspaceId: string, queueId: string, options: Signal): Promise<QueuedMessage | null> {
	const { signal } = callOptions(options, signalChecks);
	const id = workspaceIdOf(workspaceId);
	const queue = validatePeerId(queueId);
	if (!queue) throw new ConfigError('queueId', `must be the UUID a queued outcome gave, got ${typeof queueId === 'string' ? JSON.stringify(queueId.slice(0, 100)) : kindOf(queueId)}`);
	try {
		const response = await context.transport({ method: 'GET', path: `/workspaces/${id}/a2a/queue/${queue}`, identify: false, timeoutMs: context.settings.timeouts.requestMs, signal });
		if (response.status === 404) {
			const body = parseJson(response.text);
			if (body.ok && isRecord(body.value) && body.value['retryable'] === true) return null;
		}
		if (response.status !== 200) throw platformFailure(response, context.answers);
		return queuedMessageOf(bodyOf(response, QueueStatusSchema, context.answers.redact));
	} catch (error) {
		if (signal?.aborted) throw signal.reason;
		throw asClientError(context.settings.core.redaction, error);
	}
}

/** `POST /registry/update-card` with `{workspace_id, agent_card}` (spec §3.8; addendum §7.3), as the canvas's Config tab sends it. */
export async function updateCard(context: CanvasContext, workspaceId: string, card: Record<string, unknown>, options: Signal): Promise<void> {
	const { signal } = callOptions(options, signalChecks);
	const id = workspaceIdOf(workspaceId);
	if (!isRecord(card)) throw new ConfigError('card', `must be an object (the agent card), got ${kindOf(card)}`);
	await context.call({ method: 'POST', path: '/registry/update-card', json: { workspace_id: id, agent_card: card }, schema: CardUpdatedSchema, signal });
}
