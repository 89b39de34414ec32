import { checkMembers, isAbortSignal, refuseUnknown } from '../arguments.js';
import {
	configChecks,
	defaultMaxConcurrentLookups,
	defaultPeerCache,
	defaultTimeouts,
	injectedSettings,
	type InjectedOptions,
	policy,
	type Settings,
} from '../config.js';
import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { isRecord } from '../internal/json.js';
import { createRedaction } from '../redaction.js';
import { tokenAccess } from '../token.js';
import type { Binding } from './operation.js';

/**
 * Headers sent with every request to the agent (the card request included), e.g. its auth: an object,
 * or a function called before every request (to renew a token). Their values are treated as secrets:
 * they never appear in an error or a log line.
 *
 * @example
 * const headers: HeadersOption = async () => ({ Authorization: `Bearer ${await tokens.current()}` });
 */
export type HeadersOption = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

/**
 * Time limits of single requests to the agent, in milliseconds; each covers the request until its whole answer is read.
 *
 * @example
 * await connectAgent(url, { timeouts: { requestMs: 5_000, sendMs: 60_000 } });
 */
export interface A2ATimeouts {
	/**
	 * Milliseconds for the card, `getTask`, `cancelTask`, `listTasks` and the push config calls.
	 *
	 * @default 10000
	 */
	requestMs: number;
	/**
	 * Milliseconds for one `send` attempt (a call may make several); override per call with `timeoutMs`.
	 *
	 * @default 300000
	 */
	sendMs: number;
}

/**
 * The options of `connectAgent`. Every member is optional; `undefined` and `null` stand for the
 * default. A member that is not what it should be, or is not an option at all, throws a `ConfigError`
 * naming it before anything is sent.
 *
 * @example
 * const agent = await connectAgent('https://agents.example.com/research', {
 *   headers: { Authorization: `Bearer ${token}` },
 *   binding: 'HTTP+JSON',
 *   retry: { maxAttempts: 3 },
 * });
 */
export interface ConnectOptions extends InjectedOptions {
	/**
	 * Time limits in milliseconds; members left out keep their defaults.
	 *
	 * @default { requestMs: 10000, sendMs: 300000 }
	 */
	timeouts?: Partial<A2ATimeouts> | undefined;
	/**
	 * Headers for every request to the agent, or a function returning them; see `HeadersOption`.
	 *
	 * @default none
	 */
	headers?: HeadersOption | undefined;
	/**
	 * The A2A version to speak: `'auto'` takes 1.0 when the card offers it, else 0.3.
	 *
	 * @default 'auto'
	 */
	protocol?: 'auto' | '1.0' | '0.3' | undefined;
	/**
	 * The binding to prefer when the card offers several; another is used when it offers only others.
	 *
	 * @default the agent's own preference (the card's order)
	 */
	binding?: Binding | undefined;
	/**
	 * Aborting ends `connectAgent` (its card request) at once with the signal's reason.
	 *
	 * @default none
	 */
	signal?: AbortSignal | undefined;
}

/** The options after defaults and validation. */
export interface A2ASettings {
	/** The core's settings, for its transport and retry: no platform, no workspace, no token. */
	core: Settings;
	headers: () => Promise<Record<string, string>>;
	protocol: 'auto' | '1.0' | '0.3';
	binding: Binding | undefined;
	signal: AbortSignal | undefined;
}

const members = ['fetch', 'clock', 'random', 'uuid', 'logger', 'retry', 'timeouts', 'headers', 'protocol', 'binding', 'signal'] satisfies (keyof ConnectOptions)[];
const defaultA2ATimeouts: A2ATimeouts = { requestMs: defaultTimeouts.requestMs, sendMs: defaultTimeouts.sendMs };
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Validates the headers an option gave and remembers their values as secrets; the scheme-less credential of `Bearer x` too. */
function checkedHeaders(given: unknown, settings: Settings): Record<string, string> {
	if (!isRecord(given)) throw new ConfigError('headers', `must be an object of header values (or a function returning one), got ${kindOf(given)}`);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(given)) {
		if (!headerName.test(name)) throw new ConfigError('headers', `has a member that is not a header name (${JSON.stringify(name.slice(0, 40))})`);
		if (typeof value !== 'string') throw new ConfigError(`headers.${name}`, `must be a string, got ${kindOf(value)}`);
		if (/[^\t\x20-\x7e]/.test(value)) throw new ConfigError(`headers.${name}`, 'contains a line break, control or non-ASCII character, which cannot be sent in a header');
		const trimmed = value.trim();
		if (trimmed) {
			settings.redaction.remember(trimmed);
			const credential = /^\S+\s+(\S.*)$/.exec(trimmed)?.[1];
			if (credential) settings.redaction.remember(credential);
		}
		headers[name] = trimmed;
	}
	return headers;
}

/** Applies defaults and validates `connectAgent`'s options; throws `ConfigError` naming the first bad one. */
export function resolveOptions(options: ConnectOptions | null | undefined): A2ASettings {
	if (options !== undefined && options !== null && !isRecord(options)) throw new ConfigError('options', `must be an object, got ${kindOf(options)}`);
	const given: ConnectOptions = options ?? {};
	refuseUnknown(given, members, '');
	const record = given as Record<string, unknown>;
	const absent = (value: unknown): boolean => value === undefined || value === null;
	checkMembers(record, configChecks, '', absent);
	checkMembers(
		record,
		{
			headers: [(value) => typeof value === 'function' || isRecord(value), 'an object of header values or a function returning one'],
			protocol: [(value) => value === 'auto' || value === '1.0' || value === '0.3', "'auto', '1.0' or '0.3'"],
			binding: [(value) => value === 'JSONRPC' || value === 'HTTP+JSON', "'JSONRPC' or 'HTTP+JSON'"],
			signal: [isAbortSignal, 'an AbortSignal'],
		},
		'',
		absent,
	);
	const redaction = createRedaction();
	const a2aTimeouts = policy('timeouts', defaultA2ATimeouts, given.timeouts);
	const core: Settings = {
		workspaceId: '',
		platformUrl: '',
		tokens: tokenAccess(undefined, redaction),
		origin: undefined,
		orgId: undefined,
		...injectedSettings(given, redaction),
		timeouts: { ...defaultTimeouts, ...a2aTimeouts },
		peerCache: defaultPeerCache,
		maxConcurrentLookups: defaultMaxConcurrentLookups,
		redaction,
	};
	const source = given.headers ?? undefined;
	const fixed = typeof source === 'function' || source === undefined ? undefined : checkedHeaders(source, core);
	const headers = async (): Promise<Record<string, string>> => {
		if (typeof source !== 'function') return fixed ?? {};
		let provided: unknown;
		try {
			provided = await source();
		} catch (error) {
			// Not quoted: a provider's failure may hold the very values it was to give, unknown to the redaction yet.
			const what = error instanceof Error ? error.name : kindOf(error);
			throw new ConfigError('headers', `provider failed: it threw ${what} (its message is not repeated here, as it may hold the header values)`);
		}
		return checkedHeaders(provided, core);
	};
	return { core, headers, protocol: given.protocol ?? 'auto', binding: given.binding ?? undefined, signal: given.signal ?? undefined };
}
