import type { Clock } from '../clock.js';
import type { AgentCard } from './card-types.js';

/** A card as fetched, with what revalidating it needs. */
export interface CachedCard {
	card: AgentCard;
	/** The card's URL (for a card given as an object: none, it is never fetched). */
	url: string | undefined;
	/** The `ETag` it came with, sent back as `If-None-Match`. */
	etag: string | undefined;
	/** Until when (on the injected clock, in milliseconds) it may be used without asking again. */
	freshUntil: number;
}

/**
 * How long an answer may be used without asking again, in milliseconds, from its `Cache-Control`
 * (RFC 9111 §5.2.2): `max-age`, unless `no-store` or `no-cache` say to ask every time. No header: 0.
 */
export function freshnessMs(headers: Headers): number {
	const directives = (headers.get('cache-control') ?? '').toLowerCase().split(',').map((item) => item.trim());
	if (directives.some((item) => item === 'no-store' || item === 'no-cache')) return 0;
	const maxAge = directives.map((item) => /^max-age\s*=\s*"?(\d+)"?$/.exec(item)?.[1]).find((item) => item !== undefined);
	const age = Number(headers.get('age') ?? 0);
	return maxAge === undefined ? 0 : Math.max(0, Number(maxAge) - (Number.isFinite(age) ? age : 0)) * 1000;
}

/** Whether `cached` may be used as it is at the clock's `now`. */
export const isFresh = (cached: CachedCard, clock: Clock): boolean => clock.now() < cached.freshUntil;
