// The runtime's own services, for the defaults of the core and the dev platform. Everything else gets
// them injected (config, options), so this is the one place that reads them from `globalThis`. Each is
// looked up when it is used, not when this module loads: a test or a polyfill may install it later.
import { ConfigError } from '../errors/config-error.js';

/** The error for a missing service, worded the same for each: what is missing and the option that replaces it. */
function missing(field: string, name: string): ConfigError {
	return new ConfigError(field, `needs globalThis.${name}, which this runtime does not have: pass the ${field} option`);
}

/** The runtime's `fetch`; a `ConfigError` on `fetch` when there is none. */
export function runtimeFetch(): typeof globalThis.fetch {
	const { fetch } = globalThis;
	if (typeof fetch !== 'function') throw missing('fetch', 'fetch');
	return fetch;
}

/** `length` random bytes from `crypto.getRandomValues`; a `ConfigError` on `field` when there is none. */
export function randomBytes(length: number, field: string): Uint8Array {
	const { crypto } = globalThis;
	if (typeof crypto?.getRandomValues !== 'function') throw missing(field, 'crypto');
	return crypto.getRandomValues(new Uint8Array(length));
}

/** A random (version 4) UUID; a `ConfigError` on `uuid` when the runtime has no `crypto`. */
export function randomUuid(): string {
	const { crypto } = globalThis;
	// randomUUID is missing in insecure browser contexts (a plain-http canvas); getRandomValues is not.
	if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
	const hex = Array.from(randomBytes(16, 'uuid'), (byte, index) =>
		(index === 6 ? (byte & 15) | 64 : index === 8 ? (byte & 63) | 128 : byte).toString(16).padStart(2, '0'),
	).join('');
	return hex.replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}

/** Monotonic milliseconds: `performance.now()`, or `Date.now()` where there is no `performance`. */
export function monotonicNow(): number {
	const { performance } = globalThis;
	return typeof performance?.now === 'function' ? performance.now() : Date.now();
}

/** The runtime's timers; a `ConfigError` on `clock` when there are none. */
export function runtimeTimers(): Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> {
	const { setTimeout, clearTimeout } = globalThis;
	if (typeof setTimeout !== 'function' || typeof clearTimeout !== 'function') throw missing('clock', 'setTimeout');
	return { setTimeout, clearTimeout };
}
