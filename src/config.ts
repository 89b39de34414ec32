import { checkMembers, refuseUnknown, type OptionChecks } from './arguments.js';
import { maxTimerMs, systemClock, type Clock } from './clock.js';
import { ConfigError } from './errors/config-error.js';
import { kindOf } from './internal/describe.js';
import { isRecord } from './internal/json.js';
import { randomUuid } from './internal/runtime.js';
import { validatePeerId } from './peer-id.js';
import { createRedaction, type Redaction } from './redaction.js';
import { headerValue, tokenAccess, type TokenAccess, type TokenOption } from './token.js';

/**
 * A fetch implementation: the runtime's own, a test double, or a fetch handler such as the dev
 * platform's. The client always calls it with one `Request` and no `this`.
 *
 * @example
 * const fetch: FetchFunction = (request) => env.PLATFORM.fetch(request); // a Cloudflare service binding
 */
export type FetchFunction = (request: Request) => Promise<Response>;

/**
 * Where diagnostics go: one line per call, every token value already replaced by `[redacted]`. Give
 * only the levels you want; a missing one is silent.
 *
 * @example
 * createA2AClient({ workspaceId, token, logger: { warn: (line) => console.warn(line), error: (line) => console.error(line) } });
 */
export interface Logger {
	/** Detail for debugging, e.g. a peer-metadata lookup that failed and was remembered as `null`. */
	debug(message: string): void;
	/** Something went wrong and is being handled, e.g. a transient `sendMessage` failure about to be retried. */
	warn(message: string): void;
	/** Something failed for good, e.g. a `discoverPeer` request that could not be made, so the call returns `null`. */
	error(message: string): void;
}

/**
 * How `sendMessage` retries transient failures: connection errors and timeouts, and 429/503 answers
 * that name a wait (`Retry-After` or `retry_after`). Each wait is `backoffDelayMs(attempt, policy)`,
 * or the platform's wait capped at 60 seconds.
 *
 * @example
 * createA2AClient({ workspaceId, token, retry: { maxAttempts: 3, budgetMs: 30_000 } });
 */
export interface RetryPolicy {
	/**
	 * Attempts in all, the first included: an integer from 1 to 100. `1` turns retries off.
	 *
	 * @default 5
	 */
	maxAttempts: number;
	/**
	 * Backoff before the first retry, in milliseconds; it doubles with each retry.
	 *
	 * @default 1000
	 */
	baseDelayMs: number;
	/**
	 * Ceiling of the doubled backoff, in milliseconds.
	 *
	 * @default 16000
	 */
	maxDelayMs: number;
	/**
	 * Symmetric jitter as a fraction of the backoff, from 0 to 1: `0.25` spreads each wait over ±25 %.
	 *
	 * @default 0.25
	 */
	jitter: number;
	/**
	 * Ceiling of one `sendMessage` call in milliseconds, attempts and waits together: no attempt starts
	 * without budget left, and each attempt's time limit is cut to what is left.
	 *
	 * @default 600000
	 */
	budgetMs: number;
}

/**
 * Time limits of single requests, in milliseconds; each covers the request until its whole answer is read.
 *
 * @example
 * createA2AClient({ workspaceId, token, timeouts: { sendMs: 60_000 } });
 */
export interface Timeouts {
	/**
	 * Milliseconds for `discoverPeer`, `listPeers`, `getPeers` and `getWorkspaceInfo`.
	 *
	 * @default 10000
	 */
	requestMs: number;
	/**
	 * Milliseconds for `getPeerMetadata`, which sits on hot paths and degrades to `null`.
	 *
	 * @default 2000
	 */
	metadataMs: number;
	/**
	 * Milliseconds for one `sendMessage` attempt (a call may make several, see `RetryPolicy`); override per call with `SendOptions.timeoutMs`.
	 *
	 * @default 300000
	 */
	sendMs: number;
}

/**
 * The peer-metadata cache behind `getPeerMetadata` and `peekPeerMetadata`.
 *
 * @example
 * createA2AClient({ workspaceId, token, peerCache: { ttlMs: 60_000, maxEntries: 256 } });
 */
export interface PeerCacheOptions {
	/**
	 * How long an entry (a record, or a failure remembered as `null`) stays fresh, in milliseconds. `0` keeps nothing once a lookup ends.
	 *
	 * @default 300000
	 */
	ttlMs: number;
	/**
	 * Most entries kept, an integer from 1; the least recently used goes first.
	 *
	 * @default 1024
	 */
	maxEntries: number;
}

/**
 * What every entry takes for its runtime: how requests go out, time, randomness, ids, diagnostics
 * and retries. Each is optional; the defaults come from `globalThis`. Inject them to test without a
 * network or waiting.
 *
 * @example
 * const runtime: InjectedOptions = { fetch: (request) => env.PLATFORM.fetch(request), clock: fakeClock, random: () => 0.5 };
 */
export interface InjectedOptions {
	/**
	 * How requests are sent. Looked up on `globalThis` at call time when not given. Called as a plain
	 * function, without a `this`, so a runtime's own `fetch` may be passed as is; a method of another
	 * object (a Worker's `env.SERVICE.fetch`) must be bound. A request it refuses to send (it throws, or
	 * rejects with the runtime's TypeError for a bad receiver, URL, port or header) fails with a
	 * `ConfigError` on `fetch` and is not retried. Time limits and aborts hold even when it ignores `request.signal`.
	 *
	 * @default globalThis.fetch
	 * @example
	 * createA2AClient({ workspaceId, fetch: (request) => env.PLATFORM.fetch(request) });
	 */
	fetch?: FetchFunction | undefined;
	/**
	 * Time for time limits, retry waits and the peer cache; inject a fake one to test without waiting.
	 *
	 * @default the system clock: `performance.now()`, `Date.now()` (for `wallNow`) and `setTimeout`
	 */
	clock?: Clock | undefined;
	/**
	 * Uniform random numbers in `[0, 1)`, for retry jitter.
	 *
	 * @default Math.random
	 */
	random?: (() => number) | undefined;
	/**
	 * Makes the JSON-RPC request ids and A2A `messageId`s.
	 *
	 * @default crypto.randomUUID (built from `crypto.getRandomValues` where that is missing)
	 */
	uuid?: (() => string) | undefined;
	/**
	 * Where diagnostics go; give only the levels you want. Every token and header value is removed from them.
	 *
	 * @default silent
	 */
	logger?: Partial<Logger> | undefined;
	/**
	 * How calls retry transient failures (connection errors, time limits, 429/503 with a wait), and the
	 * backoff of reconnecting streams; members left out keep their defaults.
	 *
	 * @default { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 16000, jitter: 0.25, budgetMs: 600000 }
	 */
	retry?: Partial<RetryPolicy> | undefined;
}

/**
 * The configuration of `createA2AClient`. Only `workspaceId` is required; every other member has a
 * default, which `undefined` and `null` stand for. A member that is not what it should be, or is not
 * an option at all (`platfromUrl`), throws a `ConfigError` naming it (`retry.maxAttempts`, `fetch`, …)
 * before anything is sent.
 *
 * @example
 * const config: A2AClientConfig = {
 *   workspaceId: '5f0c3c84-2a4e-4c47-9d2a-3b1f7f1e9a10',
 *   platformUrl: 'https://acme.moleculesai.app',
 *   token: () => readFile('/run/secrets/workspace-token', 'utf8'),
 *   origin: 'https://acme.moleculesai.app',
 * };
 */
export interface A2AClientConfig extends InjectedOptions {
	/** This workspace's id (a UUID, any case): the caller identity sent as `X-Workspace-ID`. Required. */
	workspaceId: string;
	/**
	 * The platform's base URL: http(s), without query, fragment or credentials; one trailing `/` is dropped.
	 *
	 * @default 'http://localhost:8080'
	 */
	platformUrl?: string | undefined;
	/**
	 * The workspace's bearer token: a string, a provider function, or `{ get, refresh }` to renew it on a
	 * 401. Values are trimmed; a blank value sends no `Authorization`. See `TokenOption`.
	 */
	token?: TokenOption | undefined;
	/** Sent as `Origin`: the SaaS edge requires it outside browsers (browsers send their own). None by default. */
	origin?: string | undefined;
	/**
	 * Sent as `X-Molecule-Org-Id`, which a platform serving one organisation requires (docs/platform-contract.md
	 * §3.4): without it every send fails with a `ConfigError` naming `orgId` (the platform's 400
	 * `TENANT_ORG_HEADER_REQUIRED`). None by default. Browsers may send it cross-origin (§3.2).
	 */
	orgId?: string | undefined;
	/**
	 * Time limits of single requests, in milliseconds; members left out keep their defaults.
	 *
	 * @default { requestMs: 10000, metadataMs: 2000, sendMs: 300000 }
	 */
	timeouts?: Partial<Timeouts> | undefined;
	/**
	 * The `getPeerMetadata` cache; members left out keep their defaults.
	 *
	 * @default { ttlMs: 300000, maxEntries: 1024 }
	 */
	peerCache?: Partial<PeerCacheOptions> | undefined;
	/**
	 * Registry lookups (`discoverPeer`, `getPeerMetadata`, `listPeers`, `getWorkspaceInfo`) sent at
	 * once; the others wait their turn in order, and a lookup's time limit starts when it is sent. Keeps a
	 * burst of lookups from timing itself out. An integer from 1.
	 *
	 * @default 32
	 * @example
	 * createA2AClient({ workspaceId, maxConcurrentLookups: 8 });
	 */
	maxConcurrentLookups?: number | undefined;
}

/** The configuration after defaults and validation; what the rest of the client reads. */
export interface Settings {
	workspaceId: string;
	platformUrl: string;
	tokens: TokenAccess;
	origin: string | undefined;
	orgId: string | undefined;
	/** `undefined`: the runtime's own, looked up at call time. */
	fetch: FetchFunction | undefined;
	clock: Clock;
	random: () => number;
	uuid: () => string;
	logger: Logger;
	retry: RetryPolicy;
	timeouts: Timeouts;
	peerCache: PeerCacheOptions;
	maxConcurrentLookups: number;
	/** The token values seen so far, and their removal from text, values and error causes. */
	redaction: Redaction;
	/** fetch's `credentials` (the canvas's `'include'` for a session cookie); the runtime's default when unset. */
	credentials?: RequestCredentials | undefined;
}

export const defaultPlatformUrl = 'http://localhost:8080';
export const defaultRetryPolicy: Readonly<RetryPolicy> = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 16_000, jitter: 0.25, budgetMs: 600_000 };
export const defaultTimeouts: Readonly<Timeouts> = { requestMs: 10_000, metadataMs: 2000, sendMs: 300_000 };
export const defaultPeerCache: Readonly<PeerCacheOptions> = { ttlMs: 300_000, maxEntries: 1024 };
export const defaultMaxConcurrentLookups = 32;

export { maxTimerMs };
const silent = (): void => {};

const isFunction = (value: unknown): boolean => typeof value === 'function';
const hasMethods =
	(names: string[], optional: boolean) =>
	(value: unknown): boolean =>
		isRecord(value) && names.every((name) => typeof value[name] === 'function' || (optional && value[name] === undefined));

/** The members used later, inside requests and retries: a wrong one must fail here, not there. */
export const configChecks: OptionChecks = {
	platformUrl: [(value) => typeof value === 'string', 'a string'],
	fetch: [isFunction, 'a function'],
	random: [isFunction, 'a function'],
	uuid: [isFunction, 'a function'],
	clock: [(value) => hasMethods(['now', 'sleep'], false)(value) && hasMethods(['wallNow'], true)(value), 'an object with now() and sleep() (and wallNow(), if any, a function)'],
	logger: [hasMethods(['debug', 'warn', 'error'], true), 'an object whose debug, warn and error are functions'],
};

/** Every member of `A2AClientConfig`: any other is a misspelling. */
export const configMembers = [
	'workspaceId',
	'platformUrl',
	'token',
	'origin',
	'orgId',
	'fetch',
	'clock',
	'random',
	'uuid',
	'logger',
	'retry',
	'timeouts',
	'peerCache',
	'maxConcurrentLookups',
] satisfies (keyof A2AClientConfig)[];

/** Allowed range of every policy number: `[min, max, integer]`. */
const limits: Record<string, [number, number, boolean?]> = {
	maxAttempts: [1, 100, true],
	baseDelayMs: [0, maxTimerMs],
	maxDelayMs: [0, maxTimerMs],
	jitter: [0, 1],
	budgetMs: [1, Number.MAX_SAFE_INTEGER],
	requestMs: [1, maxTimerMs],
	metadataMs: [1, maxTimerMs],
	sendMs: [1, maxTimerMs],
	uploadMs: [1, maxTimerMs],
	ttlMs: [0, Number.MAX_SAFE_INTEGER],
	maxEntries: [1, Number.MAX_SAFE_INTEGER, true],
	maxConcurrentLookups: [1, Number.MAX_SAFE_INTEGER, true],
};

/** `value` if it is a number within `limits[key]`; else a ConfigError naming `field`. */
function checkedNumber(field: string, key: string, value: unknown): number {
	const [min, max, integer] = limits[key] ?? [0, 0];
	if (typeof value !== 'number' || !(value >= min && value <= max) || (integer && !Number.isInteger(value))) {
		throw new ConfigError(field, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${kindOf(value)}`);
	}
	return value;
}

/**
 * `defaults` overridden by the defined numbers of `given`, each checked against `limits`. A member
 * that is not an option is refused: a misspelt one would otherwise do nothing, silently.
 */
export function policy<T extends object>(group: string, defaults: T, given: Partial<T> | null | undefined): T {
	const result: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
	if (given !== undefined && given !== null && !isRecord(given)) throw new ConfigError(group, `must be an object, got ${kindOf(given)}`);
	refuseUnknown(given ?? {}, Object.keys(defaults), group);
	for (const [key, value] of Object.entries(given ?? {})) if (value != null) result[key] = checkedNumber(`${group}.${key}`, key, value);
	return result as T;
}

export function resolvePlatformUrl(value: unknown, redact: (text: string) => string = (text) => text): string {
	const url = typeof value === 'string' ? value.trim().replace(/\/$/, '') : value;
	// The URL parser drops tabs and line breaks silently; the raw string would still carry them into targets.
	const parsed = typeof url === 'string' && !/[\s\x00-\x1f\x7f]/.test(url) && URL.canParse(url) ? new URL(url) : undefined;
	if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.search || parsed.hash || parsed.username || parsed.password) {
		// Everything up to the last `@` may be a password, however malformed the rest. Only strings get
		// here: configChecks refused the rest.
		// A query or fragment may carry a token (`?token=`, OAuth's `#access_token=`).
		const shown = JSON.stringify(redact(url as string).replace(/^([a-z][\w+.-]*:\/\/)?[\s\S]*@/i, '$1[redacted]@').replace(/([?#])[\s\S]*/, '$1[redacted]'));
		throw new ConfigError('platformUrl', `must be an http(s) URL without spaces, query, fragment or credentials, got ${shown}`);
	}
	return url as string;
}

/** The `origin` header value; one with credentials (`http://user:password@host`) is refused, as a URL secret must not be sent. */
function originValue(value: unknown): string | undefined {
	const origin = headerValue('origin', value);
	if (origin?.includes('@')) throw new ConfigError('origin', 'must be an origin (scheme://host[:port]), without credentials');
	return origin;
}

/**
 * The configured logger's levels, each line redacted; a missing level is silent, and a logger that
 * throws is ignored: writing a diagnostic must never be what stops a call or an agent.
 */
function redactedLogger(logger: Partial<Logger> | null | undefined, redaction: Redaction): Logger {
	const log = (level: keyof Logger) => {
		const write = logger?.[level];
		if (!write) return silent;
		return (message: string) => {
			try {
				write.call(logger, redaction.text(message));
			} catch {
				// Nowhere left to report it.
			}
		};
	};
	return { debug: log('debug'), warn: log('warn'), error: log('error') };
}

/**
 * The settings of `InjectedOptions` (already checked by `configChecks`), with the defaults from
 * `globalThis`; the logger writes through `redaction`. Every face builds its settings on this.
 */
export function injectedSettings(given: InjectedOptions, redaction: Redaction): Pick<Settings, 'fetch' | 'clock' | 'random' | 'uuid' | 'logger' | 'retry'> {
	return {
		fetch: given.fetch ?? undefined,
		clock: given.clock ?? systemClock,
		random: given.random ?? Math.random,
		uuid: given.uuid ?? randomUuid,
		logger: redactedLogger(given.logger, redaction),
		retry: policy('retry', defaultRetryPolicy, given.retry),
	};
}

/**
 * Applies defaults and validates everything; throws `ConfigError` naming the first bad field.
 * `secrets` are values known to be secret besides a string `token` (the agent's configured token,
 * which it passes on as a provider): like the token, they are removed from every value an error
 * quotes back, so a token pasted into the wrong field (`workspaceId`) is not repeated.
 */
export function resolveConfig(config: A2AClientConfig, secrets: readonly unknown[] = []): Settings {
	if (!isRecord(config)) throw new ConfigError('config', `must be an object, got ${kindOf(config)}`);
	const { workspaceId } = config;
	const redaction = createRedaction();
	for (const secret of [config.token, ...secrets]) if (typeof secret === 'string' && secret.trim() !== '') redaction.remember(secret.trim());
	if (!workspaceId) throw new ConfigError('workspaceId', 'is required');
	const canonicalId = validatePeerId(workspaceId);
	if (!canonicalId) throw new ConfigError('workspaceId', `must be a UUID, got ${typeof workspaceId === 'string' ? JSON.stringify(redaction.text(workspaceId)) : kindOf(workspaceId)}`);
	refuseUnknown(config, configMembers, '');
	checkMembers(config, configChecks, '', (value) => value === undefined || value === null);

	return {
		workspaceId: canonicalId,
		platformUrl: config.platformUrl == null ? defaultPlatformUrl : resolvePlatformUrl(config.platformUrl, redaction.text),
		tokens: tokenAccess(config.token ?? undefined, redaction),
		origin: originValue(config.origin),
		orgId: headerValue('orgId', config.orgId),
		...injectedSettings(config, redaction),
		timeouts: policy('timeouts', defaultTimeouts, config.timeouts),
		peerCache: policy('peerCache', defaultPeerCache, config.peerCache),
		maxConcurrentLookups:
			config.maxConcurrentLookups == null
				? defaultMaxConcurrentLookups
				: checkedNumber('maxConcurrentLookups', 'maxConcurrentLookups', config.maxConcurrentLookups),
		redaction,
	};
}

/**
 * The part of `A2AClientConfig` that `configFromEnv` reads from environment variables; spread it into
 * a config to add the rest.
 *
 * @example
 * // env: a Worker's `env`, `Deno.env.toObject()`, or Node's environment, read by the application
 * const client = createA2AClient({ ...configFromEnv(env), logger: console });
 */
export type EnvConfig = Pick<A2AClientConfig, 'workspaceId' | 'platformUrl' | 'origin' | 'token' | 'orgId'>;

/**
 * Builds client configuration from a plain record of environment variables (Node's environment,
 * `Deno.env.toObject()`, a Worker's `env`), so the core never reads the environment itself.
 *
 * Reads `WORKSPACE_ID` (required), `PLATFORM_URL` (also sent as `Origin`, which the SaaS edge
 * requires), `MOLECULE_WORKSPACE_TOKEN` and `MOLECULE_ORG_ID`. Blank values count as unset.
 * Throws `ConfigError` naming `WORKSPACE_ID` when it is unset, or `env` when `env` is not an object.
 *
 * @example
 * const client = createA2AClient(configFromEnv(Deno.env.toObject())); // or a Worker's `env`
 */
export function configFromEnv(env: Readonly<Record<string, unknown>>): EnvConfig {
	if (!isRecord(env)) throw new ConfigError('env', `must be an object of environment variables, got ${kindOf(env)}`);
	const read = (name: string): string | undefined => {
		const value = env[name];
		return typeof value === 'string' && value.trim() ? value.trim() : undefined;
	};
	const workspaceId = read('WORKSPACE_ID');
	const given = env['WORKSPACE_ID'];
	if (!workspaceId && given != null && typeof given !== 'string') throw new ConfigError('WORKSPACE_ID', `environment variable must be a string, got ${kindOf(given)}`);
	if (!workspaceId) throw new ConfigError('WORKSPACE_ID', 'environment variable is required but not set');
	const platformUrl = read('PLATFORM_URL');
	return {
		workspaceId,
		platformUrl,
		origin: platformUrl?.replace(/\/$/, ''),
		token: read('MOLECULE_WORKSPACE_TOKEN'),
		orgId: read('MOLECULE_ORG_ID'),
	};
}
