import { checkMembers, checkOptions, isAbortSignal, refuseUnknown, type OptionChecks } from '../arguments.js';
import { maxTimerMs } from '../config.js';
import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { isRecord } from '../internal/json.js';
import type { CallLimits } from './exchange.js';
import type { PushConfigInput, TaskQuery } from './operation.js';
import type { TaskState } from './types.js';

const isText = (value: unknown): boolean => typeof value === 'string' && value !== '';
const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const states: TaskState[] = ['submitted', 'working', 'input-required', 'auth-required', 'completed', 'failed', 'canceled', 'rejected', 'unknown'];

/** The members of `CallOptions`, for every call. */
export const callChecks: OptionChecks = {
	signal: [isAbortSignal, 'an AbortSignal'],
	timeoutMs: [(value) => typeof value === 'number' && value >= 1 && value <= maxTimerMs, `a number of milliseconds from 1 to ${maxTimerMs}`],
};

/** `options` checked against `checks` (and `callChecks`), with the call's limits: `timeoutMs` or the default. */
export function limitsOf<T extends object>(options: T | null | undefined, checks: OptionChecks, defaultTimeoutMs: number): { options: Partial<T>; limits: CallLimits } {
	const checked = checkOptions(options, { ...callChecks, ...checks }) as Partial<T> & { signal?: AbortSignal | null; timeoutMs?: number | null };
	return { options: checked, limits: { signal: checked.signal ?? undefined, timeoutMs: checked.timeoutMs ?? defaultTimeoutMs } };
}

/** The members of `SendOptions` beyond `CallOptions`. */
export const sendChecks: OptionChecks = {
	taskId: [isText, 'a non-empty string'],
	contextId: [isText, 'a non-empty string'],
	returnImmediately: [(value) => typeof value === 'boolean', 'a boolean'],
	historyLength: [isCount, 'an integer from 0'],
	acceptedOutputModes: [(value) => Array.isArray(value) && value.every((item) => typeof item === 'string'), 'an array of media types'],
};

/** The members of `GetTaskOptions` beyond `CallOptions`. */
export const getTaskChecks: OptionChecks = { historyLength: [isCount, 'an integer from 0'] };

/** An id argument: a non-empty string, else a `ConfigError` naming `field`. */
export function checkedId(field: string, value: unknown): string {
	if (!isText(value)) throw new ConfigError(field, `must be a non-empty string, got ${kindOf(value)}`);
	return value as string;
}

/** A `listTasks` query, checked member by member; unknown members refused. */
export function checkedQuery(query: unknown): TaskQuery {
	return checkedObject('query', query ?? {}, {
		contextId: [isText, 'a non-empty string'],
		status: [(value) => states.includes(value as TaskState), `one of ${states.map((state) => `'${state}'`).join(', ')}`],
		pageSize: [(value) => isCount(value) && (value as number) >= 1 && (value as number) <= 100, 'an integer from 1 to 100'],
		pageToken: [isText, 'a non-empty string'],
		historyLength: [isCount, 'an integer from 0'],
		statusTimestampAfter: [(value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)), 'an ISO 8601 time'],
		includeArtifacts: [(value) => typeof value === 'boolean', 'a boolean'],
	}) as TaskQuery;
}

/** `value`, a plain object whose members pass `checks` and has no other, else a `ConfigError` naming `<name>.<member>`. */
function checkedObject(name: string, value: unknown, checks: OptionChecks): Record<string, unknown> {
	if (!isRecord(value)) throw new ConfigError(name, `must be an object, got ${kindOf(value)}`);
	refuseUnknown(value, Object.keys(checks), name);
	checkMembers(value, checks, name);
	return value;
}

/** A push config to create, checked; its `token` and credentials are remembered as secrets by the caller. */
export function checkedPushConfig(config: unknown): PushConfigInput {
	const checked = checkedObject('config', config, {
		url: [(value) => typeof value === 'string' && /^https?:\/\/\S+$/.test(value), 'an http(s) URL'],
		id: [isText, 'a non-empty string'],
		token: [(value) => typeof value === 'string', 'a string'],
		authentication: [(value) => isRecord(value) && isText(value['scheme']) && (value['credentials'] === undefined || typeof value['credentials'] === 'string'), 'an object with a scheme (and credentials, a string)'],
	});
	if (checked.url === undefined) throw new ConfigError('config.url', 'is required');
	return checked as unknown as PushConfigInput;
}
