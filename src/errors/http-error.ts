import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

/** The facts of an `HttpError`, given to its constructor. */
export interface HttpErrorOptions extends A2AClientErrorOptions {
	/** The platform's `error` string, when the body had one. */
	platformError?: string | undefined;
	/** How long the platform asked the client to wait, in milliseconds (`Retry-After` or `retry_after`). */
	retryAfterMs?: number | undefined;
	/** The parsed JSON body, when there was one. */
	body?: unknown;
}

/**
 * The platform answered with a status outside 2xx (docs/platform-contract.md §7.3 lists the proxy's):
 * 401/403 for credentials and access, 402 over budget, 404 unknown workspace, 429 rate limited, 503 waking,
 * restarting or busy, 502 unreachable agent, …. `sendMessage` retries a 429 or 503 that names a wait.
 *
 * @example
 * if (isHttpError(error) && error.status === 503 && error.retryAfterMs !== undefined) console.log(`try again in ${error.retryAfterMs} ms`);
 */
export class HttpError extends A2AClientError {
	/** Always `'HttpError'`: what `isHttpError` checks. */
	override name = 'HttpError' as const;
	/** The HTTP status code. */
	readonly status: number;
	/** The platform's `error` string, e.g. `workspace not found`. */
	readonly platformError: string | undefined;
	/** The wait the platform asked for, in milliseconds. */
	readonly retryAfterMs: number | undefined;
	/** The parsed JSON body, for the extra fields some answers carry (`waking`, `busy`, …). */
	readonly body: unknown;

	/**
	 * Builds the error for a platform answer of `status`; the message reads `HTTP <status>: <platform error>`.
	 *
	 * @param status The HTTP status code.
	 * @param options The platform's `error` string, the wait it asked for, the parsed body, and the common facts.
	 */
	constructor(status: number, options: HttpErrorOptions = {}) {
		super(`HTTP ${status}: ${options.platformError ?? 'no error message'}`, options);
		this.status = status;
		this.platformError = options.platformError;
		this.retryAfterMs = options.retryAfterMs;
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
