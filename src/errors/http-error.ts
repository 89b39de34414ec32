import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

/** The facts of an `HttpError`, given to its constructor. */
export interface HttpErrorOptions extends A2AClientErrorOptions {
	/** The platform's `error` string, when the body had one. */
	platformError?: string | undefined;
	/** What the status means for this client, added to the message in parentheses. */
	explanation?: string | undefined;
	/** How long the platform asked the client to wait, in milliseconds (`Retry-After`, `retry_after` or `retry_after_seconds`). */
	retryAfterMs?: number | undefined;
	/** The budget periods at their limit (the 402's `exceeded_periods`). */
	exceededPeriods?: readonly string[] | undefined;
	/** The size limit a body broke, in bytes (the `max_bytes` of a 413, or of a lost or oversized reply). */
	maxBytes?: number | undefined;
	/** The parsed JSON body, when there was one. */
	body?: unknown;
}

/**
 * The platform answered with a status outside 2xx (docs/platform-contract.md §7.3 lists the proxy's):
 * 401/403 for credentials and access, 402 over budget, 404 unknown workspace, 413 too large, 429 rate
 * limited, 503 waking, restarting or busy, 502 unreachable agent, …. The message is
 * `HTTP <status>: <platform error>`, with what the status means for this client in parentheses when
 * there is more to say. `sendMessage` retries a 429 or 503 that names a wait, and a 503 restart.
 *
 * @example
 * if (isHttpError(error) && error.status === 402) console.log(`over budget: ${error.exceededPeriods?.join(', ')}`);
 */
export class HttpError extends A2AClientError {
	/** Always `'HttpError'`: what `isHttpError` checks. */
	override name = 'HttpError' as const;
	/** The HTTP status code. */
	readonly status: number;
	/** The platform's `error` string as it sent it, e.g. `workspace not found` or `tool call failed`. */
	readonly platformError: string | undefined;
	/**
	 * The wait the platform asked for, in milliseconds: the `Retry-After` header, else the body's
	 * `retry_after`, else its `retry_after_seconds` (browsers cannot read the header cross-origin).
	 */
	readonly retryAfterMs: number | undefined;
	/**
	 * For a 402 `workspace budget limit exceeded`: the periods whose spend reached their limit, in the
	 * platform's order (`hourly`, `daily`, `weekly`, `monthly`); `undefined` when the body named none.
	 */
	readonly exceededPeriods: readonly string[] | undefined;
	/**
	 * The size limit a body broke, in bytes: 16777216 for a request the platform refused with 413,
	 * 67108864 for an agent reply it could not relay; `undefined` when the body named none.
	 */
	readonly maxBytes: number | undefined;
	/** The parsed JSON body, for the extra fields some answers carry (`waking`, `busy`, `restarting`, …). */
	readonly body: unknown;

	/**
	 * Builds the error for a platform answer of `status`; the message reads `HTTP <status>: <platform error>`.
	 *
	 * @param status The HTTP status code.
	 * @param options The platform's `error` string, the wait it asked for, the parsed body, and the common facts.
	 */
	constructor(status: number, options: HttpErrorOptions = {}) {
		super(`HTTP ${status}: ${options.platformError ?? 'no error message'}${options.explanation ? ` (${options.explanation})` : ''}`, options);
		this.status = status;
		this.platformError = options.platformError;
		this.retryAfterMs = options.retryAfterMs;
		this.exceededPeriods = options.exceededPeriods;
		this.maxBytes = options.maxBytes;
		this.body = options.body;
	}
}

/**
 * True for an `HttpError`, from any realm or copy of the package.
 *
 * @example
 * if (outcome.status === 'failed' && isHttpError(outcome.error) && outcome.error.status === 404) console.log('no such workspace');
 */
export const isHttpError = guardFor<HttpError>('HttpError');
