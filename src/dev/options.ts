import { checkMembers, type OptionChecks } from '../arguments.js';
import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { isRecord } from '../internal/json.js';
import { maxTimerMs } from '../clock.js';
import { workspaceKey } from './model.js';
import type { DevPlatformOptions } from './types.js';

type Check = OptionChecks[string];

const text: Check = [(value) => typeof value === 'string', 'a string'];
const number: Check = [(value) => typeof value === 'number' && Number.isFinite(value), 'a finite number'];
const fn: Check = [(value) => typeof value === 'function', 'a function'];
const flag: Check = [(value) => typeof value === 'boolean', 'a boolean'];
const orNull = ([test, expected]: Check): Check => [(value) => value === null || test(value), `${expected} or null`];

/** An agent given as a string is fetched: it must be an absolute http(s) URL. */
export const isAgent = (value: unknown): boolean => typeof value === 'function' || (typeof value === 'string' && /^https?:\/\//i.test(value) && URL.canParse(value));

/** Every `DevWorkspace` field but `id`, as `update` takes them too. A wrong one would break a route later, as a 500. */
const workspaceChecks: OptionChecks = {
	name: text,
	role: orNull(text),
	parentId: orNull(text),
	status: text,
	runtime: text,
	tier: number,
	url: orNull(text),
	tokens: [(value) => Array.isArray(value) && value.every((token) => typeof token === 'string'), 'an array of strings'],
	budgetLimit: orNull(number),
	monthlySpend: number,
	maxConcurrentTasks: number,
	activeTasks: number,
	capabilities: [(value) => isRecord(value) && Object.values(value).every((flag) => typeof flag === 'boolean'), 'an object of booleans'],
	deliveryMode: [(value) => value === 'push' || value === 'poll', '"push" or "poll"'],
	kind: [(value) => value === 'workspace' || value === 'platform', '"workspace" or "platform"'],
	inboundSecret: orNull(text),
	budgets: [
		(value) => isRecord(value) && Object.values(value).every((budget) => isRecord(budget) && typeof budget['limit'] === 'number' && typeof budget['spent'] === 'number'),
		'an object of { limit, spent } per period',
	],
	canDelegate: flag,
	talkToUserEnabled: flag,
	generation: [(value) => Number.isSafeInteger(value) && (value as number) >= 0, 'a whole number (0 or more)'],
	bootTurn: flag,
	container: [(value) => value === 'running' || value === 'stopped' || value === 'dead', '"running", "stopped" or "dead"'],
	datastoreFailures: [(value) => Array.isArray(value) && value.every((item) => typeof item === 'string'), 'an array of failure names'],
	removedAt: orNull(text),
	description: text,
	agent: [isAgent, 'an http(s) URL or an agent handler function'],
};

const optionChecks: OptionChecks = {
	clock: [(value) => isRecord(value) && typeof value['now'] === 'function' && typeof value['sleep'] === 'function', 'a clock with now() and sleep()'],
	uuid: fn,
	mintToken: fn,
	mintSecret: fn,
	wallClock: fn,
	fetch: fn,
	orgId: text,
	adminToken: text,
	orgTokens: [
		(value) => Array.isArray(value) && value.every((token) => typeof token === 'string' || (isRecord(token) && typeof token['token'] === 'string')),
		'an array of tokens or { token, org? }',
	],
	sessionCookies: [
		(value) => Array.isArray(value) && value.every((entry) => typeof entry === 'string' || (isRecord(entry) && typeof entry['cookie'] === 'string')),
		'an array of cookie values or { cookie, org? }',
	],
	canvasSyncBudgetMs: orNull([(value) => typeof value === 'number' && value >= 0 && value <= maxTimerMs, `a number of milliseconds from 0 to ${maxTimerMs}`]),
	corsOrigins: [(value) => value === '*' || (Array.isArray(value) && value.every((origin) => typeof origin === 'string')), "'*' or an array of origins"],
	rateLimit: [(value) => Number.isInteger(value) && (value as number) >= 0, 'a whole number of requests per minute (0 for none)'],
	idleTimeoutMs: [(value) => typeof value === 'number' && value >= 1 && value <= maxTimerMs, `a number of milliseconds from 1 to ${maxTimerMs}`],
	uploadLimits: [(value) => isRecord(value), 'an object of { perFileBytes?, perRequestBytes?, maxAttachmentsPerMessage? }'],
	memoryPlugin: flag,
};

const positiveWhole: Check = [(value) => Number.isSafeInteger(value) && (value as number) > 0, 'a whole number above 0'];
const uploadLimitChecks: OptionChecks = { perFileBytes: positiveWhole, perRequestBytes: positiveWhole, maxAttachmentsPerMessage: positiveWhole };

/** Checks a workspace patch (or a whole workspace) field by field; throws `ConfigError` naming `<path>.<field>`. */
export function checkWorkspaceFields(value: unknown, path: string): asserts value is Record<string, unknown> {
	if (!isRecord(value)) throw new ConfigError(path, `must be an object, got ${kindOf(value)}`);
	checkMembers(value, workspaceChecks, path);
}

/**
 * Checks `createDevPlatform` options before anything is built, so a mistake is a `ConfigError` naming
 * the field (`workspaces.2.parentId`, `idleTimeoutMs`) rather than a 500 from some route later.
 */
export function checkDevOptions(options: unknown): asserts options is DevPlatformOptions {
	if (!isRecord(options)) throw new ConfigError('options', `must be an object with workspaces, got ${kindOf(options)}`);
	const { workspaces } = options;
	if (!Array.isArray(workspaces)) throw new ConfigError('workspaces', `must be an array of workspaces, got ${kindOf(workspaces)}`);
	const seen = new Map<string, number>();
	workspaces.forEach((workspace: unknown, index) => {
		const path = `workspaces.${index}`;
		checkWorkspaceFields(workspace, path);
		const { id, name } = workspace;
		if (typeof id !== 'string' || id === '') throw new ConfigError(`${path}.id`, `must be a non-empty string, got ${kindOf(id)}`);
		if (typeof name !== 'string') throw new ConfigError(`${path}.name`, `must be a string, got ${kindOf(name)}`);
		const first = seen.get(workspaceKey(id));
		if (first !== undefined) throw new ConfigError(`${path}.id`, `is a duplicate of workspaces.${first}.id`);
		seen.set(workspaceKey(id), index);
	});
	checkMembers(options, optionChecks, '');
	if (isRecord(options['uploadLimits'])) checkMembers(options['uploadLimits'], uploadLimitChecks, 'uploadLimits');
}
