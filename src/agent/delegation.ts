import { checkOptions, signalOnly } from '../arguments.js';
import { maxTimerMs } from '../config.js';
import { ConfigError } from '../errors/config-error.js';
import { InvalidPeerIdError } from '../errors/invalid-peer-id-error.js';
import { kindOf } from '../internal/describe.js';
import { validatePeerId } from '../peer-id.js';
import type { AgentContext } from './context.js';
import { DelegationTimeoutError } from './errors/delegation-timeout-error.js';
import { isTokenRejectedError } from './errors/token-rejected-error.js';
import { DelegateResponseSchema, DelegationListSchema } from './schemas.js';
import { delegationKey } from './secrets.js';
import type { DelegationOutcome, DelegationRow, DelegationStarted } from './types.js';

type Signal = { signal?: AbortSignal | undefined } | undefined;

/** How often `waitForDelegation` lists the delegations, as the Python tools poll. */
export const delegationPollMs = 3000;
const defaultWaitMs = 300_000;

/**
 * `POST /workspaces/:id/delegate` (addendum §9.1). The default idempotency key is derived from this
 * workspace, the target and the task, so a repeated call finds the first delegation (200, `idempotentHit`).
 */
export async function delegate(context: AgentContext, targetId: string, task: string, options: { idempotencyKey?: string | undefined; signal?: AbortSignal | undefined } | undefined): Promise<DelegationStarted> {
	const target = validatePeerId(targetId);
	if (!target) throw new InvalidPeerIdError(context.settings.redaction.value(targetId));
	if (typeof task !== 'string' || task.trim() === '') throw new ConfigError('task', `must be a non-empty string, got ${typeof task === 'string' ? 'blank text' : kindOf(task)}`);
	const { idempotencyKey: given, signal } = checkOptions(options, { ...signalOnly, idempotencyKey: [(value) => typeof value === 'string' && value !== '', 'a non-empty string'] });
	const key = given ?? (await delegationKey(context.settings.workspaceId, target, task));
	const response = await context.call({
		method: 'POST',
		path: `/workspaces/${context.settings.workspaceId}/delegate`,
		body: { target_id: target, task, idempotency_key: key },
		names: { target_id: 'targetId', idempotency_key: 'options.idempotencyKey' },
		schema: DelegateResponseSchema,
		signal: signal ?? undefined,
	});
	return { delegationId: response.delegation_id, status: response.status, idempotentHit: response.idempotent_hit === true };
}

/** `GET /workspaces/:id/delegations` (addendum §9.2): at most 50 rows, newest first, each with `direction`. */
export async function delegations(context: AgentContext, options: Signal): Promise<DelegationRow[]> {
	const { signal } = checkOptions(options, signalOnly);
	const rows = await context.call({ method: 'GET', path: `/workspaces/${context.settings.workspaceId}/delegations`, schema: DelegationListSchema, signal: signal ?? undefined });
	return rows as DelegationRow[];
}

/** The outcome, once a row of the delegation is completed or failed; the status seen otherwise. */
function outcomeOf(rows: readonly DelegationRow[], delegationId: string): DelegationOutcome | { status: string | undefined } {
	const own = rows.filter((row) => row.delegation_id === delegationId);
	const done = own.find((row) => row.status === 'completed' || row.status === 'failed');
	if (!done) return { status: own[0]?.status };
	// The reply's preview is on the result row, the failure on either: take what any row says.
	const preview = own.find((row) => row.response_preview !== undefined)?.response_preview;
	const error = own.find((row) => row.error !== undefined)?.error;
	return {
		delegationId,
		status: done.status as 'completed' | 'failed',
		...(preview === undefined ? {} : { responsePreview: preview }),
		...(error === undefined ? {} : { error }),
	};
}

/**
 * Lists the delegations every 3 s until `delegationId` completes or fails; `DelegationTimeoutError`
 * after `timeoutMs`. A failed listing is logged and tried again at the next poll.
 */
export async function waitForDelegation(context: AgentContext, delegationId: string, options: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined } | undefined): Promise<DelegationOutcome> {
	if (typeof delegationId !== 'string' || delegationId === '') throw new ConfigError('delegationId', `must be a non-empty string, got ${kindOf(delegationId)}`);
	const checked = checkOptions(options, {
		...signalOnly,
		timeoutMs: [(value) => typeof value === 'number' && value >= 0 && value <= maxTimerMs, `a number of milliseconds from 0 to ${maxTimerMs}`],
	});
	const signal = checked.signal ?? undefined;
	const timeoutMs = checked.timeoutMs ?? defaultWaitMs;
	const { clock, logger } = context.settings;
	const deadline = clock.now() + timeoutMs;
	let lastStatus: string | undefined;
	for (;;) {
		if (signal?.aborted) throw signal.reason;
		try {
			const outcome = outcomeOf(await delegations(context, { signal }), delegationId);
			if ('delegationId' in outcome) return outcome;
			lastStatus = outcome.status ?? lastStatus;
		} catch (error) {
			if (signal?.aborted) throw signal.reason;
			if (isTokenRejectedError(error)) throw error;
			logger.warn(`waitForDelegation ${delegationId}: listing failed, trying again: ${context.secrets.describe(error)}`);
		}
		const left = deadline - clock.now();
		if (left <= 0) throw new DelegationTimeoutError(delegationId, lastStatus, timeoutMs);
		await clock.sleep(Math.min(delegationPollMs, left), signal);
	}
}
