import { retry } from '../retry.js';
import { jsonOf, statusFailure, validated, type AnswerContext } from './answer.js';
import { freshnessMs, type CachedCard } from './card-cache.js';
import type { AgentCard } from './card-types.js';
import type { CallLimits, Exchange } from './exchange.js';
import type { A2ASettings } from './options.js';
import { cardSchemaFor } from './schemas/card.js';

/** The card of a JSON value, validated and normalised, keeping the JSON as sent. */
export function readCard(json: unknown, target: string, context: AnswerContext): AgentCard {
	return { ...validated(cardSchemaFor(json), json, '', target, context), json: json as Record<string, unknown> };
}

/**
 * Fetches the card at `url` with the core's retry: `A2A-Version` sent (a2a-js answers a v0.3
 * hybrid without it), and `If-None-Match` with the ETag of `previous`, whose card a 304 keeps. Its
 * freshness comes from `Cache-Control`, on the injected clock.
 */
export function fetchCard(settings: A2ASettings, exchange: Exchange, url: string, previous: CachedCard | undefined, limits: Omit<CallLimits, 'timeoutMs'>): Promise<CachedCard> {
	const { core } = settings;
	const context: AnswerContext = { redaction: core.redaction, clock: core.clock };
	const version = settings.protocol === '0.3' ? '0.3' : '1.0';
	return retry(
		async (_attempt, timeLeftMs) => {
			const extra: Record<string, string> = previous?.etag ? { 'If-None-Match': previous.etag } : {};
			const timeoutMs = Math.min(core.timeouts.requestMs, timeLeftMs);
			const answer = await exchange.send({ method: 'GET', url, accept: 'application/json' }, version, extra, { signal: limits.signal, timeoutMs });
			const freshUntil = core.clock.now() + freshnessMs(answer.headers);
			if (answer.status === 304 && previous) return { ...previous, etag: answer.headers.get('etag') ?? previous.etag, freshUntil };
			if (answer.status < 200 || answer.status > 299) throw statusFailure(answer, undefined, context);
			const card = readCard(jsonOf(answer), answer.url, context);
			return { card, url, etag: answer.headers.get('etag') ?? undefined, freshUntil };
		},
		{
			policy: core.retry,
			clock: core.clock,
			random: core.random,
			signal: limits.signal,
			onRetry: (event) => core.logger.warn(`a2a card: attempt ${event.attempt}/${event.maxAttempts} failed (${event.error.name}: ${event.error.message}); retrying in ${Math.round(event.delayMs)} ms`),
		},
	);
}
