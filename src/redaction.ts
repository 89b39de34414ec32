import { isRecord } from './internal/json.js';

/** Token values remembered; a provider may mint one per request, and requests in flight carry recent ones. */
const kept = 16;
const mask = '[redacted]';

/**
 * The secret values the client has seen (token values), and their removal from everything that
 * leaves it: log lines, error messages and causes, and the bodies errors carry. Built with the
 * configuration and shared by token access, the logger, the transport, the registry and messaging,
 * so each error is built redacted instead of being cleaned afterwards. Only whole values are
 * recognised: text that quotes a fragment of a secret (an engine's JSON parse error) must be
 * reworded where it is made.
 */
export class Redaction {
	readonly #secrets = new Set<string>();

	/** Remembers `secret`; when more than 16 are known, the one seen longest ago is forgotten. */
	remember(secret: string): void {
		this.#secrets.delete(secret);
		this.#secrets.add(secret);
		for (const oldest of this.#secrets) if (this.#secrets.size > kept) this.#secrets.delete(oldest);
	}

	/** `text` with every remembered value replaced by `[redacted]`. */
	text = (text: string): string => {
		let result = text;
		for (const secret of this.#secrets) result = result.replaceAll(secret, mask);
		return result;
	};

	/** A parsed JSON value with every string in it redacted, object keys included. */
	value = (value: unknown): unknown =>
		typeof value === 'string'
			? this.text(value)
			: Array.isArray(value)
				? value.map(this.value)
				: isRecord(value)
					? Object.fromEntries(Object.entries(value).map(([key, item]) => [this.text(key), this.value(item)]))
					: value;

	/**
	 * An error's `cause` chain with the messages redacted, for an error about to be built around it:
	 * the same object when nothing needed removing, else a copy of the chain (name and message; what
	 * `util.inspect` and `console.error` print).
	 */
	cause = (cause: unknown): unknown => {
		if (!(cause instanceof Error)) return typeof cause === 'string' ? this.text(cause) : cause;
		const inner = this.cause(cause.cause);
		const message = this.text(cause.message);
		if (message === cause.message && inner === cause.cause) return cause;
		return Object.assign(new Error(message, { cause: inner }), { name: cause.name });
	};
}
