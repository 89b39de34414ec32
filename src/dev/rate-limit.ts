import type { Clock } from '../clock.js';
import { bearerToken } from './auth.js';
import { errorReply, type Reply } from './http.js';

const windowMs = 60_000;

interface Bucket {
	tokens: number;
	resetAt: number;
}

/**
 * The bucket a request counts against (contract §3.3): its organisation, else its bearer, else the
 * first `X-Forwarded-For` entry, else one local client. Keys stay in memory and are never printed.
 */
export function clientKey(headers: Headers): string {
	const org = headers.get('X-Molecule-Org-Id');
	if (org) return `org:${org}`;
	const token = bearerToken(headers.get('Authorization'));
	if (token !== '') return `tok:${token}`;
	return `ip:${headers.get('X-Forwarded-For')?.split(',')[0]?.trim() || 'local'}`;
}

/**
 * The platform's per-client limiter (contract §3.3): `limit` requests per minute from the first request of
 * a window, `X-RateLimit-*` headers on every answer, and a 429 with `Retry-After` when spent.
 */
export class RateLimiter {
	readonly #buckets = new Map<string, Bucket>();
	readonly #limit: number;
	readonly #clock: Clock;

	constructor(limit: number, clock: Clock) {
		this.#limit = limit;
		this.#clock = clock;
	}

	/** Takes one request from the client's bucket: the headers to add, and the 429 when none was left. */
	take(key: string): { headers: Record<string, string>; rejection: Reply | null } {
		const now = this.#clock.now();
		let bucket = this.#buckets.get(key);
		if (!bucket || now >= bucket.resetAt) {
			bucket = { tokens: this.#limit, resetAt: now + windowMs };
			this.#buckets.set(key, bucket);
		}
		const resetSeconds = Math.max(0, Math.trunc((bucket.resetAt - now) / 1000));
		const headers = {
			'X-RateLimit-Limit': String(this.#limit),
			'X-RateLimit-Remaining': String(Math.max(0, bucket.tokens - 1)),
			'X-RateLimit-Reset': String(resetSeconds),
		};
		if (bucket.tokens <= 0) {
			const rejection = errorReply(429, 'rate limit exceeded', { retry_after: resetSeconds }, { 'Retry-After': String(resetSeconds) });
			return { headers, rejection };
		}
		bucket.tokens--;
		return { headers, rejection: null };
	}
}
