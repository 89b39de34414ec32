import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { isRecord } from '../internal/json.js';
import type { AgentContext } from './context.js';
import { HeartbeatResponseSchema, RegisterResponseSchema, StatusResponseSchema } from './schemas.js';
import type { AgentCard, HeartbeatReport, Registration } from './types.js';

type Signal = { signal?: AbortSignal | undefined } | undefined;

/** Wire names of the report's members (contract §5.2). */
const reportFields: Record<keyof HeartbeatReport, string> = {
	activeTasks: 'active_tasks',
	currentTask: 'current_task',
	errorRate: 'error_rate',
	sampleError: 'sample_error',
	uptimeSeconds: 'uptime_seconds',
	monthlySpend: 'monthly_spend',
	runtimeState: 'runtime_state',
	isBusy: 'is_busy',
	observedGeneration: 'observed_generation',
};

/** The heartbeat body for `report`; a member that is not one of the report's is refused, naming it. */
function heartbeatBody(context: AgentContext, report: HeartbeatReport): Record<string, unknown> {
	if (!isRecord(report)) throw new ConfigError('report', `must be an object, got ${kindOf(report)}`);
	const body: Record<string, unknown> = { workspace_id: context.settings.workspaceId };
	for (const [key, value] of Object.entries(report)) {
		if (value === undefined) continue;
		const field = reportFields[key as keyof HeartbeatReport];
		if (!field) throw new ConfigError(`report.${key}`, `is not a heartbeat field (${Object.keys(reportFields).join(', ')})`);
		body[field] = value;
	}
	body['uptime_seconds'] ??= Math.floor((context.settings.clock.now() - context.startedAt) / 1000);
	return body;
}

/** A secret the store could not keep: logged, not thrown, as the agent holds it in memory and goes on. */
function storeFailed(context: AgentContext, error: unknown): void {
	context.settings.logger.error(`store: ${context.secrets.describe(error)}`);
}

/** `POST /registry/register` (contract §5.1): stores a minted token and the inbound secret. */
export async function register(context: AgentContext, options: Signal): Promise<Registration> {
	const { agent, settings } = context;
	const response = await context.call({
		method: 'POST',
		path: '/registry/register',
		body: { id: settings.workspaceId, agent_card: agent.card, delivery_mode: agent.deliveryMode, ...(agent.url === undefined ? {} : { url: agent.url }) },
		schema: RegisterResponseSchema,
		signal: options?.signal,
	});
	const { auth_token: token, platform_inbound_secret: inboundSecret } = response;
	// Both are kept in memory even when the store fails: the registration happened, and the running
	// agent goes on with them; the failure is logged with what is at stake (the StoreError says it).
	const stored = await Promise.allSettled([token ? context.token.set(token) : undefined, inboundSecret ? context.inboundSecret.set(inboundSecret) : undefined]);
	for (const result of stored) if (result.status === 'rejected') storeFailed(context, result.reason);
	return {
		deliveryMode: response.delivery_mode ?? agent.deliveryMode,
		tokenMinted: token !== undefined && token !== '',
		...(inboundSecret ? { inboundSecret } : {}),
	};
}

/** `POST /registry/heartbeat` (contract §5.2): reports, and stores a rotated inbound secret. */
export async function heartbeat(context: AgentContext, report: HeartbeatReport | undefined, options: Signal): Promise<{ generation: number }> {
	const configured = context.agent.report;
	const current = report ?? (typeof configured === 'function' ? await configured() : configured) ?? {};
	const response = await context.call({
		method: 'POST',
		path: '/registry/heartbeat',
		body: heartbeatBody(context, current),
		schema: HeartbeatResponseSchema,
		signal: options?.signal,
	});
	if (response.platform_inbound_secret) await context.inboundSecret.set(response.platform_inbound_secret).catch((error: unknown) => storeFailed(context, error));
	return { generation: response.generation ?? 0 };
}

/** `POST /registry/update-card` (contract §5.3); later registers send the new card. */
export async function updateCard(context: AgentContext, card: AgentCard, options: Signal): Promise<void> {
	if (!isRecord(card)) throw new ConfigError('card', `must be an object, got ${kindOf(card)}`);
	await context.call({
		method: 'POST',
		path: '/registry/update-card',
		body: { workspace_id: context.settings.workspaceId, agent_card: card },
		schema: StatusResponseSchema,
		signal: options?.signal,
	});
	context.agent.card = card;
}
