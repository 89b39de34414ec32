import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

export interface HttpErrorOptions extends A2AClientErrorOptions {
	/** The platform's `error` string, when the body had one. */
	platformError?: string | undefined;
	/** How long the platform asked the client to wait (`Retry-After` or `retry_after`). */
	retryAfterMs?: number | undefined;
	/** The parsed JSON body, when there was one. */
	body?: unknown;
}

/** The platform answered with a status outside 2xx. */
export class HttpError extends A2AClientError {
	override name = 'HttpError' as const;
	/** The HTTP status code. */
	readonly status: number;
	/** The platform's `error` string, e.g. `workspace not found`. */
	readonly platformError: string | undefined;
	/** The wait the platform asked for, in milliseconds. */
	readonly retryAfterMs: number | undefined;
	/** The parsed JSON body, for the extra fields some answers carry (`waking`, `busy`, …). */
	readonly body: unknown;

	constructor(status: number, options: HttpErrorOptions = {}) {
		super(`HTTP ${status}: ${options.platformError ?? 'no error message'}`, options);
		this.status = status;
		this.platformError = options.platformError;
		this.retryAfterMs = options.retryAfterMs;
		this.body = options.body;
	}
}

export const isHttpError = guardFor<HttpError>('HttpError');
