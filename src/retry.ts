import type { Clock } from './clock.js';
import { defaultRetryPolicy, policy as checkedPolicy, type RetryPolicy } from './config.js';
import { ConfigError } from './errors/config-error.js';
import { kindOf } from './internal/describe.js';
import { isRecord } from './internal/json.js';
import { isA2AClientError, type A2AClientError } from './errors/a2a-client-error.js';
import { isHttpError } from './errors/http-error.js';
import { isTransportError } from './errors/transport-error.js';

/** The longest wait a platform `Retry-After` is allowed to impose. */
export const maxRetryAfterMs = 60_000;

/**
 * The jittered backoff before retry number `attempt + 1` (attempt 0 is the wait after the first failure),
 * in milliseconds: `min(baseDelayMs · 2^attempt, maxDelayMs)`, spread uniformly over `±jitter` of itself.
 * The wait `sendMessage` makes after a connection error or a time limit. Never negative, never NaN.
 *
 * @param attempt Retries made so far, from 0; fractions are rounded down, negatives read as 0.
 * @param policy The `RetryPolicy` members to use instead of the defaults.
 * @param random Uniform numbers in `[0, 1)`; `0.5` gives the wait without jitter.
 * @returns The wait in milliseconds.
 * @throws {ConfigError} naming the argument (`policy.jitter`, `random`, …) when one is not usable.
 * @example
 * backoffDelayMs(0); // 750 to 1250
 * backoffDelayMs(3, { baseDelayMs: 500, jitter: 0 }); // 4000
 * backoffDelayMs(10, undefined, () => 0.5); // 16000, the default ceiling
 */
export function backoffDelayMs(attempt: number, policy?: Partial<RetryPolicy>, random: () => number = Math.random): number {
	if (typeof random !== 'function') throw new ConfigError('random', `must be a function, got ${kindOf(random)}`);
	const { baseDelayMs, maxDelayMs, jitter } = checkedPolicy('policy', defaultRetryPolicy, policy);
	const exponent = attempt > 0 ? Math.floor(attempt) : 0;
	const base = Math.min(baseDelayMs * 2 ** exponent, maxDelayMs) || 0;
	const draw = random();
	const unit = Number.isFinite(draw) ? Math.min(Math.max(draw, 0), 1) : 0.5;
	return Math.max(0, base + base * jitter * (2 * unit - 1));
}

/**
 * What `SendOptions.onRetry` is told before each wait, so callers can show progress
 * (`attempt 2/5 after ConnectError, retrying in 1.9s`).
 *
 * @example
 * const onRetry = ({ attempt, maxAttempts, error, delayMs }: RetryEvent) => console.warn(`attempt ${attempt}/${maxAttempts}: ${error.message}; next in ${delayMs} ms`);
 */
export interface RetryEvent {
	/** The attempt that just failed, counting from 1. */
	attempt: number;
	/** `retry.maxAttempts`: the most attempts the call may make. */
	maxAttempts: number;
	/** Why the attempt failed: a `TransportError`, or an `HttpError` (429 or 503) that named a wait. */
	error: A2AClientError;
	/** The wait before the next attempt, in milliseconds. */
	delayMs: number;
}

export interface RetryContext {
	policy: RetryPolicy;
	clock: Clock;
	random: () => number;
	signal?: AbortSignal | undefined;
	onRetry?: ((event: RetryEvent) => void) | undefined;
}

/** How long to wait before trying again after `error`, or `undefined` when it must not be retried. */
function retryDelay(error: unknown, attempt: number, context: RetryContext): number | undefined {
	if (isTransportError(error)) return backoffDelayMs(attempt - 1, context.policy, context.random);
	// Hibernating, warming, busy or re-registering workspaces answer 503/429 with the wait they need.
	if (isHttpError(error) && (error.status === 429 || error.status === 503) && error.retryAfterMs !== undefined) {
		return Math.min(error.retryAfterMs, maxRetryAfterMs);
	}
	// A restart the platform triggered names no wait (addendum §4.3 rows 21, 24): the agent is coming back.
	if (isHttpError(error) && error.status === 503 && isRecord(error.body) && error.body['restarting'] === true) {
		return backoffDelayMs(attempt - 1, context.policy, context.random);
	}
	return undefined;
}

/**
 * Runs `operation` until it succeeds, fails for good, or the attempts or the time budget run out.
 *
 * The clock is read as the Python client read it: once before the first attempt, then per failure
 * once to check the deadline and once to measure what is left. Unlike the Python client, no attempt
 * starts without budget left and each attempt's timeout is cut to the remaining budget, so the call
 * never outlives `budgetMs`. A caller abort ends any wait at once and is rethrown as is.
 */
export async function retry<T>(operation: (attempt: number, timeLeftMs: number) => Promise<T>, context: RetryContext): Promise<T> {
	const { policy, clock, signal } = context;
	const deadline = clock.now() + policy.budgetMs;
	let timeLeftMs = policy.budgetMs;
	for (let attempt = 1; ; attempt++) {
		try {
			return await operation(attempt, timeLeftMs);
		} catch (error) {
			if (signal?.aborted) throw signal.reason;
			const delayMs = retryDelay(error, attempt, context);
			const giveUp = delayMs === undefined || attempt >= policy.maxAttempts || clock.now() >= deadline;
			const remainingMs = giveUp ? 0 : deadline - clock.now();
			if (giveUp || delayMs >= remainingMs) {
				if (isA2AClientError(error)) error.attempts = attempt;
				throw error;
			}
			context.onRetry?.({ attempt, maxAttempts: policy.maxAttempts, error: error as A2AClientError, delayMs });
			await clock.sleep(delayMs, signal);
			timeLeftMs = remainingMs - delayMs;
		}
	}
}

/**
 * The wait a platform answer asks for, from `Retry-After` or else the seconds a body gives
 * (`retry_after`, or `retry_after_seconds`: browsers cannot read the header cross-origin).
 * `Retry-After` holds seconds or an HTTP date; a date is measured against the response's own `Date`
 * header when it has a valid one (both readings then come from the server's clock, so local clock
 * skew does not matter), else against `clock`'s wall time. Never negative; `undefined` when there is none.
 *
 * @example
 * retryAfterMs(new Headers({ 'retry-after': 'Wed, 21 Oct 2026 07:28:30 GMT' }), undefined, clock); // 30000 at 07:28:00
 */
export function retryAfterMs(headers: Headers, bodySeconds: number | undefined, clock: Clock): number | undefined {
	const header = headers.get('retry-after')?.trim();
	if (header) {
		if (/^\d+(\.\d+)?$/.test(header)) return Math.ceil(Number(header) * 1000);
		const at = Date.parse(header);
		if (!Number.isNaN(at)) {
			const sent = Date.parse(headers.get('date') ?? '');
			return Math.max(0, Math.ceil(at - (Number.isNaN(sent) ? (clock.wallNow?.() ?? Date.now()) : sent)));
		}
	}
	return bodySeconds !== undefined && bodySeconds >= 0 ? Math.ceil(bodySeconds * 1000) : undefined;
}
