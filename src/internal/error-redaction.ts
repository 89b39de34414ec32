import { A2AClientError, isA2AClientError } from '../errors/a2a-client-error.js';
import { isRecord } from './json.js';

/** Secret removal for what leaves the client: platform bodies and errors. */
export interface ErrorRedaction {
	/** A JSON value with every secret removed from its strings and keys. */
	redactDeep(value: unknown): unknown;
	/** The error as one of ours, with every secret removed from its message and its causes'. */
	scrub(error: unknown): A2AClientError;
}

/** Builds the redaction of bodies and errors on top of `redact`, which removes the secrets seen so far from a string. */
export function errorRedaction(redact: (text: string) => string): ErrorRedaction {
	const redactDeep = (value: unknown): unknown =>
		typeof value === 'string'
			? redact(value)
			: Array.isArray(value)
				? value.map(redactDeep)
				: isRecord(value)
					? Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactDeep(item)]))
					: value;

	/** A cause chain with every token value removed from its messages; untouched when there is none. */
	const redactCause = (cause: unknown): unknown => {
		if (!(cause instanceof Error)) return typeof cause === 'string' ? redact(cause) : cause;
		const inner = redactCause(cause.cause);
		if (redact(cause.message) === cause.message && inner === cause.cause) return cause;
		return Object.assign(new Error(redact(cause.message), { cause: inner }), { name: cause.name });
	};

	/** Errors leave the client with every token value removed from their text, causes included. */
	const scrub = (error: unknown): A2AClientError => {
		const failure = isA2AClientError(error) ? error : new A2AClientError(String(error), { cause: error });
		failure.message = redact(failure.message);
		if ('cause' in failure) failure.cause = redactCause(failure.cause);
		return failure;
	};

	return { redactDeep, scrub };
}
