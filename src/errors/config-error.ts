import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

/**
 * The configuration, an option of a call (`options.signal`) or a value a token provider returned is
 * unusable; names the field at fault. Nothing was started: no request, no timer.
 */
export class ConfigError extends A2AClientError {
	/** Always `'ConfigError'`: what `isConfigError` checks. */
	override name = 'ConfigError' as const;
	/** The field at fault, e.g. `workspaceId`, `retry.maxAttempts` or `options.signal`. */
	readonly field: string;

	/** `options` carries the `target` and `cause` when the problem showed up while making a request. */
	constructor(field: string, problem: string, options?: A2AClientErrorOptions) {
		super(`${field} ${problem}`, options);
		this.field = field;
	}
}

/**
 * True for a `ConfigError`, from any realm or copy of the package.
 *
 * @example
 * try { createA2AClient(config); } catch (error) { if (isConfigError(error)) console.error(`fix ${error.field}: ${error.message}`); }
 */
export const isConfigError = guardFor<ConfigError>('ConfigError');
