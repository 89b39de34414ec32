import { systemClock, type Clock } from './clock.js';
import { ConfigError } from './errors/config-error.js';
import { validatePeerId } from './peer-id.js';
import { headerValue, tokenAccess, type TokenAccess, type TokenOption } from './token.js';

/** A fetch implementation: the runtime's own, a test double, or a fetch handler such as the dev platform's. */
export type FetchFunction = (request: Request) => Promise<Response>;

/** Where diagnostics go. Every line has secrets removed before it is written. */
export interface Logger {
	debug(message: string): void;
	warn(message: string): void;
	error(message: string): void;
}

/** How `sendMessage` retries transient failures. */
export interface RetryPolicy {
	/** Attempts in all, the first included. Default `5`. */
	maxAttempts: number;
	/** Backoff before the first retry; doubles each retry. Default `1000`. */
	baseDelayMs: number;
	/** Ceiling of the doubled backoff. Default `16000`. */
	maxDelayMs: number;
	/** Symmetric jitter as a fraction of the backoff: `0.25` spreads it over ±25 %. Default `0.25`. */
	jitter: number;
	/** Wall-clock ceiling of one `sendMessage` call, attempts and waits together. Default `600000`. */
	budgetMs: number;
}

/** Per-request time limits. */
export interface Timeouts {
	/** `discoverPeer`, `listPeers`, `getWorkspaceInfo`. Default `10000`. */
	requestMs: number;
	/** `getPeerMetadata`, which sits on hot paths and degrades to `null`. Default `2000`. */
	metadataMs: number;
	/** One `sendMessage` attempt, until the whole reply is read. Default `300000`. */
	sendMs: number;
}

/** The peer-metadata cache behind `getPeerMetadata`. */
export interface PeerCacheOptions {
	/** How long an entry (a record or a remembered failure) stays fresh. Default `300000`. */
	ttlMs: number;
	/** Most entries kept; the least recently used goes first. Default `1024`. */
	maxEntries: number;
}

export interface A2AClientConfig {
	/** This workspace's id (a UUID): the caller identity sent as `X-Workspace-ID`. Required. */
	workspaceId: string;
	/** Platform base URL. Default `http://localhost:8080`; one trailing `/` is dropped. */
	platformUrl?: string | undefined;
	/** Bearer token: a string, a provider function, or `{ get, refresh }`. Values are trimmed; blank sends none. */
	token?: TokenOption | undefined;
	/** Sent as `Origin` (the SaaS edge needs it outside browsers; browsers set their own). */
	origin?: string | undefined;
	/** Sent as `X-Molecule-Org-Id` for multi-tenant platforms. Not allowed by the platform's CORS policy. */
	orgId?: string | undefined;
	/** Default: `globalThis.fetch`, looked up at call time. */
	fetch?: FetchFunction | undefined;
	/** Default: `performance.now()` and `setTimeout`. */
	clock?: Clock | undefined;
	/** Uniform random numbers in `[0, 1)` for jitter. Default `Math.random`. */
	random?: (() => number) | undefined;
	/** UUID generator for JSON-RPC and message ids. Default `crypto.randomUUID()`. */
	uuid?: (() => string) | undefined;
	/** Default: silent. */
	logger?: Partial<Logger> | undefined;
	retry?: Partial<RetryPolicy> | undefined;
	timeouts?: Partial<Timeouts> | undefined;
	peerCache?: Partial<PeerCacheOptions> | undefined;
}

/** The configuration after defaults and validation; what the rest of the client reads. */
export interface Settings {
	workspaceId: string;
	platformUrl: string;
	tokens: TokenAccess;
	origin: string | undefined;
	orgId: string | undefined;
	fetch: FetchFunction;
	clock: Clock;
	random: () => number;
	uuid: () => string;
	logger: Logger;
	retry: RetryPolicy;
	timeouts: Timeouts;
	peerCache: PeerCacheOptions;
	/** Removes every token value seen so far from a string. */
	redact(text: string): string;
}

export const defaultPlatformUrl = 'http://localhost:8080';
export const defaultRetryPolicy: Readonly<RetryPolicy> = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 16_000, jitter: 0.25, budgetMs: 600_000 };
export const defaultTimeouts: Readonly<Timeouts> = { requestMs: 10_000, metadataMs: 2000, sendMs: 300_000 };
export const defaultPeerCache: Readonly<PeerCacheOptions> = { ttlMs: 300_000, maxEntries: 1024 };

const maxTimerMs = 2 ** 31 - 1;
const silent = (): void => {};

interface NumberRule {
	min: number;
	max?: number;
	integer?: boolean;
}

function numbers<T extends object>(group: string, defaults: Readonly<T>, given: Partial<T> | undefined, rules: Record<keyof T, NumberRule>): T {
	const result = { ...defaults } as T;
	for (const key of Object.keys(defaults) as (keyof T & string)[]) {
		const value = given?.[key];
		if (value === undefined) continue;
		const { min, max = Number.MAX_SAFE_INTEGER, integer } = rules[key];
		if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
			throw new ConfigError(`${group}.${key}`, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${String(value)}`);
		}
		result[key] = value as T[keyof T & string];
	}
	return result;
}

function resolvePlatformUrl(value: unknown): string {
	if (value === undefined) return defaultPlatformUrl;
	if (typeof value !== 'string') throw new ConfigError('platformUrl', `must be a string, got ${typeof value}`);
	const url = value.trim().replace(/\/$/, '');
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		// Reported below with the value.
	}
	if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.search || parsed.hash || parsed.username || parsed.password) {
		throw new ConfigError('platformUrl', `must be an http(s) URL without query, fragment or credentials, got ${JSON.stringify(url)}`);
	}
	return url;
}

function resolveFunction<T>(field: string, value: unknown, fallback: T): T {
	if (value === undefined) return fallback;
	if (typeof value !== 'function') throw new ConfigError(field, `must be a function, got ${typeof value}`);
	return value as T;
}

function randomUuid(): string {
	const { crypto } = globalThis;
	// randomUUID is missing in insecure browser contexts (plain-http canvas); getRandomValues is not.
	if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
	bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
	const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function globalFetch(request: Request): Promise<Response> {
	const { fetch } = globalThis;
	if (typeof fetch !== 'function') throw new ConfigError('fetch', 'is not available in this runtime: pass config.fetch');
	return fetch(request);
}

/** Applies defaults and validates everything; throws `ConfigError` naming the first bad field. */
export function resolveConfig(config: A2AClientConfig): Settings {
	if (typeof config !== 'object' || config === null) throw new ConfigError('config', 'must be an object');
	const { workspaceId } = config;
	if (workspaceId === undefined || workspaceId === null || workspaceId === '') throw new ConfigError('workspaceId', 'is required');
	const canonicalId = validatePeerId(workspaceId);
	if (!canonicalId) throw new ConfigError('workspaceId', `must be a UUID, got ${JSON.stringify(workspaceId)}`);

	const secrets = new Set<string>();
	const redact = (text: string): string => {
		let result = text;
		for (const secret of secrets) result = result.replaceAll(secret, '[redacted]');
		return result;
	};
	const logger = config.logger ?? {};
	const log = (write: ((message: string) => void) | undefined) => (write ? (message: string) => write.call(logger, redact(message)) : silent);

	return {
		workspaceId: canonicalId,
		platformUrl: resolvePlatformUrl(config.platformUrl),
		tokens: tokenAccess(config.token, (token) => secrets.add(token)),
		origin: headerValue('origin', config.origin),
		orgId: headerValue('orgId', config.orgId),
		fetch: resolveFunction('fetch', config.fetch, globalFetch),
		clock: config.clock ?? systemClock,
		random: resolveFunction('random', config.random, Math.random),
		uuid: resolveFunction('uuid', config.uuid, randomUuid),
		logger: { debug: log(logger.debug), warn: log(logger.warn), error: log(logger.error) },
		retry: numbers('retry', defaultRetryPolicy, config.retry, {
			maxAttempts: { min: 1, max: 100, integer: true },
			baseDelayMs: { min: 0, max: maxTimerMs },
			maxDelayMs: { min: 0, max: maxTimerMs },
			jitter: { min: 0, max: 1 },
			budgetMs: { min: 1 },
		}),
		timeouts: numbers('timeouts', defaultTimeouts, config.timeouts, {
			requestMs: { min: 1, max: maxTimerMs },
			metadataMs: { min: 1, max: maxTimerMs },
			sendMs: { min: 1, max: maxTimerMs },
		}),
		peerCache: numbers('peerCache', defaultPeerCache, config.peerCache, {
			ttlMs: { min: 0 },
			maxEntries: { min: 1, integer: true },
		}),
		redact,
	};
}

/** The configuration this package reads from environment variables. */
export type EnvConfig = Pick<A2AClientConfig, 'workspaceId' | 'platformUrl' | 'origin' | 'token' | 'orgId'>;

/**
 * Builds client configuration from a plain record of environment variables — `process.env`,
 * `Deno.env.toObject()`, or a Worker's `env` — so the core never reads the environment itself.
 *
 * Reads `WORKSPACE_ID` (required), `PLATFORM_URL` (also sent as `Origin`, which the SaaS edge
 * requires), `MOLECULE_WORKSPACE_TOKEN` and `MOLECULE_ORG_ID`. Blank values count as unset.
 */
export function configFromEnv(env: Readonly<Record<string, unknown>>): EnvConfig {
	const read = (name: string): string | undefined => {
		const value = env[name];
		return typeof value === 'string' && value.trim() ? value.trim() : undefined;
	};
	const workspaceId = read('WORKSPACE_ID');
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
