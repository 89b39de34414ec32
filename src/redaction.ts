import { A2AClientError, isA2AClientError } from './errors/a2a-client-error.js';
import { isRecord } from './internal/json.js';

/**
 * The secret values the client has seen (token values), and their removal from everything that
 * leaves it: log lines, error messages and causes, and the bodies errors carry. Built with the
 * configuration and shared by token access, the logger, the transport, the registry and messaging,
 * so each error is built redacted instead of being cleaned afterwards. Only whole values are
 * recognised: text that quotes a fragment of a secret (an engine's JSON parse error) must be
 * reworded where it is made. A value under 16 characters is replaced only where no letter or digit
 * adjoins it, so a short token (`in`) leaves the client's own words
 * (`invalid`) whole; a longer one is replaced wherever it appears. Its functions may be passed around detached.
 */
export interface Redaction {
	/** Remembers `secret`; when more than 16 are known, the one seen longest ago is forgotten. */
	remember(secret: string): void;
	/** `text` with every remembered value replaced by `[redacted]` (short ones where they stand alone). */
	text(text: string): string;
	/** A parsed JSON value with every string in it redacted, object keys included. */
	value(value: unknown): unknown;
	/**
	 * An error's `cause` chain with the messages redacted, for an error about to be built around it:
	 * the same object when nothing needed removing, else a copy of the chain (name and message; what
	 * `util.inspect` and `console.error` print). The original is left as it is. Anything else thrown
	 * (a plain object) comes back as a copy with its strings redacted, as `value` does.
	 */
	cause(cause: unknown): unknown;
}

/** Token values remembered; a provider may mint one per request, and requests in flight carry recent ones. */
const kept = 16;

/** A redaction that knows no secret yet. */
export function createRedaction(): Redaction {
	const secrets = new Set<string>();
	const text = (input: string): string => {
		let result = input;
		// Wherever it appears, inside a word too: a secret must never show, even at the cost of a
		// garbled sentence for an absurdly short one. The client's own sentences are not passed through.
		for (const secret of secrets) result = result.replaceAll(secret, '[redacted]');
		return result;
	};
	const value = (input: unknown): unknown =>
		typeof input === 'string'
			? text(input)
			: Array.isArray(input)
				? input.map(value)
				: isRecord(input)
					? Object.fromEntries(Object.entries(input).map(([key, item]) => [text(key), value(item)]))
					: input;
	const cause = (input: unknown): unknown => {
		if (!(input instanceof Error)) return value(input);
		const inner = cause(input.cause);
		const message = text(input.message);
		return message === input.message && inner === input.cause ? input : Object.assign(new Error(message, { cause: inner }), { name: input.name });
	};
	return {
		remember(secret) {
			secrets.delete(secret);
			secrets.add(secret);
			for (const oldest of secrets) if (secrets.size > kept) secrets.delete(oldest);
		},
		text,
		value,
		cause,
	};
}

/**
 * `error` as one of this package's errors: itself when it is one (built redacted where it was made),
 * else a bare `A2AClientError` around it (a bug, a throwing `onRetry` or logger), built redacted.
 */
export function asClientError(redaction: Redaction, error: unknown): A2AClientError {
	return isA2AClientError(error) ? error : new A2AClientError(redaction.text(thrownText(error)), { cause: redaction.cause(error) });
}

/** What was thrown, as text: an Error as `Name: message`, a plain object by its `message` (not `[object Object]`). */
export const thrownText = (thrown: unknown): string =>
	!(thrown instanceof Error) && isRecord(thrown) && typeof thrown['message'] === 'string' ? thrown['message'] : String(thrown);
