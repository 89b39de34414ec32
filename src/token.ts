import { isA2AClientError } from './errors/a2a-client-error.js';
import { ConfigError } from './errors/config-error.js';
import { thrownText, type Redaction } from './redaction.js';

/** What a token provider may return; blank or missing means "send no `Authorization`". */
export type TokenValue = string | null | undefined;

/**
 * A function returning the current bearer token, e.g. read from a file or a secret store; called before
 * every request. A failure is a `ConfigError` on `token` (an error of this package, e.g. a
 * `StoreError`, is passed on as it is), and the request is not sent.
 *
 * @example
 * const token: TokenProvider = () => readFile('/run/secrets/workspace-token', 'utf8');
 */
export type TokenProvider = () => TokenValue | Promise<TokenValue>;

/**
 * A token with a way to renew it. When the platform answers 401, the request is repeated once with
 * a renewed token: 401s that arrive together share one `refresh` call, and a 401 for a token that
 * an earlier refresh already replaced reuses that refresh's token, so a `refresh` that revokes the
 * previous token does not revoke the one other requests are about to use.
 *
 * @example
 * let token = await mint();
 * const source: TokenSource = { get: () => token, refresh: async () => (token = await mint()) };
 */
export interface TokenSource {
	/** The current token; called before every request, so keep it cheap (a cached value). */
	get(): TokenValue | Promise<TokenValue>;
	/**
	 * Renews the token after the platform refused it with a 401, and returns the new one; the request is
	 * then repeated once. Without it a 401 is final. A failure is a `ConfigError` on `token` (one of this package's own errors passes as it is).
	 */
	refresh?(): TokenValue | Promise<TokenValue>;
}

/**
 * The `token` option: a fixed string, a provider called before every request, or a source that can
 * refresh after a 401.
 *
 * @example
 * createA2AClient({ workspaceId, token: env.MOLECULE_WORKSPACE_TOKEN }); // env: a Worker's, or read by the application
 */
export type TokenOption = string | TokenProvider | TokenSource;

/** The token as the transport uses it: validated; synchronous when it is a fixed string. */
export interface TokenAccess {
	get(): string | undefined | Promise<string | undefined>;
	/**
	 * The token to repeat a request with after the platform refused `stale` with a 401; `undefined`
	 * when the token cannot be refreshed. Concurrent calls share one refresh, and a `stale` token
	 * older than the latest refreshed one gets that one without another refresh.
	 */
	renew: ((stale: string | undefined) => Promise<string | undefined>) | undefined;
}

// fetch refuses CR, LF and NUL outright; anything outside visible ASCII is refused here too,
// so a bad value is a clear ConfigError before any request rather than a runtime TypeError.
const invalidHeaderCharacter = /[^\t\x20-\x7e]/;

/**
 * Trims a header value, maps blank to `undefined`, and refuses characters a header cannot carry.
 * The message never repeats the value: it may be a secret.
 */
export function headerValue(field: string, value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw new ConfigError(field, `must be a string, got ${typeof value}`);
	const trimmed = value.trim();
	if (invalidHeaderCharacter.test(trimmed)) {
		throw new ConfigError(field, 'contains a line break, control or non-ASCII character, which cannot be sent in a header');
	}
	return trimmed || undefined;
}

/** Tokens remembered as replaced by a refresh; a few suffice, as requests in flight carry recent ones. */
const replacedKept = 16;

/**
 * `TokenAccess.renew` over `refresh`. A refresh commonly revokes the token before it, so refreshing
 * once per 401 would have concurrent requests revoke each other's new tokens. Instead every 401 that
 * arrives while a refresh runs waits for it, and a 401 for a token that a finished refresh replaced
 * takes that refresh's token. Any other 401 (for the newest token, or for one the provider rotated on
 * its own) refreshes again.
 */
function renewal(refresh: () => Promise<string | undefined>): (stale: string | undefined) => Promise<string | undefined> {
	let running: Promise<string | undefined> | undefined;
	// Boxed, since a refresh may legitimately return no token.
	let latest: { token: string | undefined } | undefined;
	const replaced = new Set<string | undefined>();
	return (stale) => {
		if (!running && latest && replaced.has(stale) && latest.token !== stale) return Promise.resolve(latest.token);
		replaced.delete(stale);
		replaced.add(stale);
		for (const oldest of replaced) if (replaced.size > replacedKept) replaced.delete(oldest);
		// `call` is async, so these handlers run only after `running` is assigned.
		running ??= refresh().then(
			(token) => {
				running = undefined;
				latest = { token };
				return token;
			},
			(error: unknown) => {
				running = undefined;
				throw error;
			},
		);
		return running;
	};
}

/**
 * Normalises the `token` option. `redaction` remembers every token value, so it can be removed from
 * output, and a provider's failure message is redacted: it may quote a token it returned before.
 */
export function tokenAccess(option: TokenOption | undefined, redaction: Redaction): TokenAccess {
	const accept = (value: unknown): string | undefined => {
		const token = headerValue('token', value);
		if (token) redaction.remember(token);
		return token;
	};
	const call = async (read: () => TokenValue | Promise<TokenValue>): Promise<string | undefined> => {
		let value: TokenValue;
		try {
			value = await read();
		} catch (error) {
			// One of this package's own errors (the agent's StoreError, from any copy) is typed and built
			// redacted already: passed on as it is, not buried in a ConfigError's text.
			if (isA2AClientError(error)) throw error;
			throw new ConfigError('token', `provider failed: ${redaction.text(error instanceof Error ? error.message : thrownText(error))}`);
		}
		return accept(value);
	};

	if (option === undefined || typeof option === 'string') {
		const fixed = accept(option);
		return { get: () => fixed, renew: undefined };
	}
	if (typeof option === 'function') return { get: () => call(option), renew: undefined };
	if (typeof option === 'object' && option !== null && typeof option.get === 'function') {
		const { refresh } = option;
		if (refresh != null && typeof refresh !== 'function') throw new ConfigError('token.refresh', `must be a function, got ${typeof refresh}`);
		return {
			get: () => call(() => option.get()),
			renew: typeof refresh === 'function' ? renewal(() => call(() => refresh.call(option))) : undefined,
		};
	}
	throw new ConfigError('token', 'must be a string, a function, or an object with get()');
}
