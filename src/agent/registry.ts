import { checkMembers, checkOptions, refuseUnknown, signalOnly, type OptionChecks } from '../arguments.js';
import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { isRecord } from '../internal/json.js';
import type { AgentContext } from './context.js';
import { jsonBody } from './platform.js';
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

const count = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isString = (value: unknown): boolean => typeof value === 'string';

/** What each member must be: the platform binds them to Go ints, floats, strings and bools, and answers a 400 naming nothing otherwise. */
const reportChecks: OptionChecks = {
	activeTasks: [count, 'a whole number from 0'],
	currentTask: [isString, 'a string'],
	errorRate: [(value) => typeof value === 'number' && value >= 0 && value <= 1, 'a number from 0 to 1'],
	sampleError: [isString, 'a string'],
	uptimeSeconds: [count, 'a whole number of seconds from 0'],
	monthlySpend: [count, 'a whole number of cents from 0'],
	runtimeState: [(value) => value === '' || value === 'wedged', "'' or 'wedged'", true],
	isBusy: [(value) => typeof value === 'boolean', 'a boolean'],
	observedGeneration: [count, 'a whole number from 0'],
};

/**
 * Checks a heartbeat report, naming a bad member `<prefix>.<member>`: `report` for `heartbeat()`'s
 * argument, `heartbeat.report` for the option.
 */
export function checkReport(report: unknown, prefix: string): asserts report is HeartbeatReport {
	if (!isRecord(report)) throw new ConfigError(prefix, `must be an object, got ${kindOf(report)}`);
	refuseUnknown(report, Object.keys(reportFields), prefix);
	checkMembers(report, reportChecks, prefix);
}

/** The heartbeat body for a checked `report`, and the caller's name of each member. */
function heartbeatBody(context: AgentContext, report: HeartbeatReport, prefix: string): { body: Record<string, unknown>; names: Record<string, string> } {
	const body: Record<string, unknown> = { workspace_id: context.settings.workspaceId };
	const names: Record<string, string> = {};
	for (const [key, field] of Object.entries(reportFields)) {
		const value = report[key as keyof HeartbeatReport];
		if (value === undefined) continue;
		body[field] = value;
		names[field] = `${prefix}.${key}`;
	}
	body['uptime_seconds'] ??= Math.floor((context.settings.clock.now() - context.startedAt) / 1000);
	return { body, names };
}

/**
 * Checks an agent card (the option, or `updateCard`'s argument) before it is kept: a plain object
 * that JSON can carry, within the platform's request limit; a `ConfigError` naming `card…` otherwise.
 */
export function checkCard(card: unknown): asserts card is AgentCard {
	if (!isRecord(card)) throw new ConfigError('card', `must be an object, got ${kindOf(card)}`);
	jsonBody({ card });
}

/** A secret the store could not keep: logged, not thrown, as the agent holds it in memory and goes on. */
function storeFailed(context: AgentContext, error: unknown): void {
	context.settings.logger.error(`store: ${context.secrets.describe(error)}`);
}

/** `POST /registry/register` (contract §5.1): stores a minted token and the inbound secret. */
export async function register(context: AgentContext, options: Signal): Promise<Registration> {
	const { signal } = checkOptions(options, signalOnly);
	const { agent, settings } = context;
	const response = await context.call({
		method: 'POST',
		path: '/registry/register',
		body: { id: settings.workspaceId, agent_card: agent.card, delivery_mode: agent.deliveryMode, ...(agent.url === undefined ? {} : { url: agent.url }) },
		names: { agent_card: 'card' },
		schema: RegisterResponseSchema,
		signal: signal ?? undefined,
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
export async function heartbeat(context: AgentContext, report: HeartbeatReport | null | undefined, options: Signal): Promise<{ generation: number }> {
	const { signal } = checkOptions(options, signalOnly);
	const configured = context.agent.report;
	// `null` stands for none, as it does for options.
	const given = report !== undefined && report !== null;
	const current: unknown = given ? report : ((typeof configured === 'function' ? await configured() : configured) ?? {});
	const prefix = given ? 'report' : 'heartbeat.report';
	checkReport(current, prefix);
	const response = await context.call({
		method: 'POST',
		path: '/registry/heartbeat',
		...heartbeatBody(context, current, prefix),
		schema: HeartbeatResponseSchema,
		signal: signal ?? undefined,
	});
	if (response.platform_inbound_secret) await context.inboundSecret.set(response.platform_inbound_secret).catch((error: unknown) => storeFailed(context, error));
	return { generation: response.generation ?? 0 };
}

/** `POST /registry/update-card` (contract §5.3); later registers send the new card. */
export async function updateCard(context: AgentContext, card: AgentCard, options: Signal): Promise<void> {
	const { signal } = checkOptions(options, signalOnly);
	checkCard(card);
	await context.call({
		method: 'POST',
		path: '/registry/update-card',
		body: { workspace_id: context.settings.workspaceId, agent_card: card },
		names: { agent_card: 'card' },
		schema: StatusResponseSchema,
		signal: signal ?? undefined,
	});
	context.agent.card = card;
}
