import { validatePeerId } from '../../peer-id.js';
import { workspaceAuth } from '../auth.js';
import type { DevContext } from '../context.js';
import { delegationIdOf, recordDelegationSent, runDelegation } from '../delegation.js';
import { bindJson, errorReply, json, type Reply } from '../http.js';
import { workspaceKey } from '../model.js';
import type { RouteRequest } from '../router.js';

const selfDelegation = {
	reason: 'a workspace that delegates to itself waits on its own turn, which never ends',
	hint: 'do the task in this workspace, or delegate it to a peer (GET /registry/:id/peers lists them)',
};

/** An earlier delegation with the same key (contract §14.1): answered again unless it failed, which frees the key. */
function idempotentHit(context: DevContext, workspaceId: string, key: string): Reply | null {
	const { activity } = context.model;
	const rowId = key === '' ? undefined : activity.findByIdempotencyKey(workspaceId, key);
	const row = rowId === undefined ? undefined : activity.row(rowId);
	if (!row || delegationIdOf(row) === '') return null;
	if (row.status === 'failed') {
		activity.remove(row.id);
		return null;
	}
	return json(200, { delegation_id: delegationIdOf(row), status: row.status, target_id: row.target_id ?? '', idempotent_hit: true });
}

/**
 * `POST /workspaces/:id/delegate` (contract §14.1), behind WorkspaceAuth: checks the body, refuses
 * self-delegation and workspaces that may not delegate, answers an earlier delegation with the
 * same `idempotency_key` (200), else records a `pending` delegation, starts it in the background
 * (`settled()` waits for it) and answers 202 at once.
 */
export function delegate(context: DevContext, request: RouteRequest): Reply {
	const id = request.params['id'] ?? '';
	const denial = workspaceAuth(context, id, request.headers);
	if (denial) return denial;
	const body = bindJson(request.body, {
		target_id: { kind: 'string', required: true },
		task: { kind: 'string', required: true },
		idempotency_key: { kind: 'string' },
	});
	if (!body) return errorReply(400, 'invalid delegation request');
	const rawTarget = body['target_id'] as string;
	const targetId = validatePeerId(rawTarget);
	if (targetId === null) return errorReply(400, 'target_id must be a valid UUID');
	if (workspaceKey(id) === targetId) return errorReply(400, 'self-delegation not permitted', selfDelegation);
	const source = context.model.get(id);
	if (source?.workspace.canDelegate === false) return errorReply(403, 'tool call failed');
	const sourceId = source?.workspace.id ?? id;
	const key = typeof body['idempotency_key'] === 'string' ? body['idempotency_key'] : '';
	const hit = idempotentHit(context, sourceId, key);
	if (hit) return hit;

	const delegationId = context.settings.uuid();
	const task = body['task'] as string;
	// The row needs its workspace to exist (a foreign key): without one the delegation still runs, untracked.
	recordDelegationSent(context, { sourceId, targetId, task, delegationId, status: 'pending', idempotencyKey: key, withRow: source !== undefined });
	context.background(() => runDelegation(context, { sourceId, targetId, delegationId, task }));
	const warning = source ? {} : { warning: 'delegation dispatched but status tracking unavailable' };
	return json(202, { delegation_id: delegationId, status: 'delegated', target_id: rawTarget, ...warning });
}
