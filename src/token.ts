import { ConfigError } from './errors/config-error.js';

/** What a token provider may return; blank or missing means "send no `Authorization`". */
export type TokenValue = string | null | undefined;

/** A function returning the current bearer token, e.g. read from a file or a secret store. */
export type TokenProvider = () => TokenValue | Promise<TokenValue>;

/** A token with a way to renew it: `refresh` is called once when the platform answers 401. */
export interface TokenSource {
	get(): TokenValue | Promise<TokenValue>;
	refresh?(): TokenValue | Promise<TokenValue>;
}

/** The `token` option: a fixed string, a provider, or a source that can refresh. */
export type TokenOption = string | TokenProvider | TokenSource;

/** The token as the transport uses it: validated; synchronous when it is a fixed string. */
export interface TokenAccess {
	get(): string | undefined | Promise<string | undefined>;
	refresh: (() => Promise<string | undefined>) | undefined;
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

/** Normalises the `token` option; `seen` is told every token value so it can be redacted from output. */
export function tokenAccess(option: TokenOption | undefined, seen: (token: string) => void): TokenAccess {
	const accept = (value: unknown): string | undefined => {
		const token = headerValue('token', value);
		if (token) seen(token);
		return token;
	};
	const call = async (read: () => TokenValue | Promise<TokenValue>): Promise<string | undefined> => {
		let value: TokenValue;
		try {
			value = await read();
		} catch (error) {
			throw new ConfigError('token', `provider failed: ${error instanceof Error ? error.message : String(error)}`);
		}
		return accept(value);
	};

	if (option === undefined || typeof option === 'string') {
		const fixed = accept(option);
		return { get: () => fixed, refresh: undefined };
	}
	if (typeof option === 'function') return { get: () => call(option), refresh: undefined };
	if (typeof option === 'object' && option !== null && typeof option.get === 'function') {
		const { refresh } = option;
		return {
			get: () => call(() => option.get()),
			refresh: typeof refresh === 'function' ? () => call(() => refresh.call(option)) : undefined,
		};
	}
	throw new ConfigError('token', 'must be a string, a function, or an object with get()');
}
