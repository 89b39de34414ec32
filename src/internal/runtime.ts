// The runtime's own services, for the defaults of the core and the dev platform. Everything else gets
// them injected (config, options), so this is the one place that reads them from `globalThis`. Each is
// looked up when it is used, not when this module loads: a test or a polyfill may install it later.
import { ConfigError } from '../errors/config-error.js';

/**
 * `globalThis[name]`, or a `ConfigError` on `field` (the option that replaces it) when the runtime has
 * none; worded the same for every service.
 *
 * @example
 * const fetch = runtime('fetch', 'fetch'); // ConfigError: fetch needs globalThis.fetch, which this runtime does not have: pass the fetch option
 */
export function runtime<Name extends 'fetch' | 'crypto' | 'setTimeout' | 'clearTimeout' | 'WebSocket'>(name: Name, field: string): NonNullable<(typeof globalThis)[Name]> {
	const service = globalThis[name];
	if (!service) throw new ConfigError(field, `needs globalThis.${name}, which this runtime does not have: pass the ${field} option`);
	return service;
}

/** A random (version 4) UUID; a `ConfigError` on `uuid` when the runtime has no `crypto`. */
export function randomUuid(): string {
	const crypto = runtime('crypto', 'uuid');
	// randomUUID is missing in insecure browser contexts (a plain-http canvas); getRandomValues is not.
	if (crypto.randomUUID) return crypto.randomUUID();
	const hex = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte, index) =>
		(index === 6 ? (byte & 15) | 64 : index === 8 ? (byte & 63) | 128 : byte).toString(16).padStart(2, '0'),
	).join('');
	return hex.replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}

/** Monotonic milliseconds: `performance.now()`, or `Date.now()` where there is no `performance`. */
export const monotonicNow = (): number => globalThis.performance?.now() ?? Date.now();
