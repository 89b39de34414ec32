import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';

/** Where A2A agents publish their card (spec §8.2), relative to the agent's base URL. */
export const cardPath = '.well-known/agent-card.json';

/**
 * The card URL of an agent URL: `<url>/.well-known/agent-card.json`, the base's path kept
 * (`https://h/a2a/agent` → `https://h/a2a/agent/.well-known/agent-card.json`, where a2a-js drops
 * `agent`); a URL that already names a `.json` file is the card's own. Refuses what is not an
 * http(s) URL, and credentials, a query or a fragment, which would end up in errors (a token).
 */
export function cardUrlOf(value: unknown): string {
	const url = typeof value === 'string' && !/[\s\x00-\x1f\x7f]/.test(value.trim()) && URL.canParse(value.trim()) ? new URL(value.trim()) : undefined;
	if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
		const shown = typeof value === 'string' ? `a string of ${value.length} characters` : kindOf(value);
		throw new ConfigError('url', `must be an http(s) URL without credentials, query or fragment (or an agent card object), got ${shown}`);
	}
	if (url.pathname.endsWith('.json')) return url.href;
	return `${url.href.replace(/\/$/, '')}/${cardPath}`;
}
