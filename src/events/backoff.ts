import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';

/** The members of `backoffDelay`'s second argument. */
export interface BackoffOptions {
	/** The ceiling of the first wait (attempt 0), in milliseconds; it doubles with each attempt. */
	baseMs: number;
	/** The highest ceiling, in milliseconds, however many attempts were made. */
	maxMs: number;
	/** Uniform numbers in `[0, 1)`, e.g. the client's injected `random`. */
	random: () => number;
}

const isDelay = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * A "full jitter" backoff (AWS Architecture Blog, "Exponential Backoff And Jitter"): a wait drawn
 * uniformly from `[0, min(maxMs, baseMs · 2^attempt))`, so clients cut off together do not come back
 * together. Used before reconnecting an event stream. Whole milliseconds, never negative, never NaN.
 *
 * @param attempt Reconnections made so far, from 0; fractions are rounded down, negatives read as 0.
 * @param options `baseMs`, `maxMs` and `random`.
 * @returns The wait in milliseconds.
 * @throws {ConfigError} naming `baseMs`, `maxMs` or `random` when one is not usable.
 * @example
 * backoffDelay(0, { baseMs: 500, maxMs: 30_000, random: Math.random }); // 0 to 499
 * backoffDelay(3, { baseMs: 500, maxMs: 30_000, random: () => 0.5 }); // 2000
 * backoffDelay(20, { baseMs: 500, maxMs: 30_000, random: () => 0.5 }); // 15000
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
	const { baseMs, maxMs, random } = options;
	if (!isDelay(baseMs)) throw new ConfigError('baseMs', `must be a finite number of milliseconds from 0, got ${kindOf(baseMs)}`);
	if (!isDelay(maxMs)) throw new ConfigError('maxMs', `must be a finite number of milliseconds from 0, got ${kindOf(maxMs)}`);
	if (typeof random !== 'function') throw new ConfigError('random', `must be a function, got ${kindOf(random)}`);
	const exponent = attempt > 0 ? Math.floor(attempt) : 0;
	const ceiling = Math.min(baseMs * 2 ** exponent, maxMs) || 0;
	const draw = random();
	const unit = Number.isFinite(draw) ? Math.min(Math.max(draw, 0), 1) : 0.5;
	return Math.floor(ceiling * unit);
}
