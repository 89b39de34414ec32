import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

/** The configuration (or a value a token provider returned) is unusable; names the field at fault. */
export class ConfigError extends A2AClientError {
	override name = 'ConfigError' as const;
	/** The configuration field at fault, e.g. `workspaceId` or `retry.maxAttempts`. */
	readonly field: string;

	/** `options` carries the `target` and `cause` when the problem showed up while making a request. */
	constructor(field: string, problem: string, options?: A2AClientErrorOptions) {
		super(`${field} ${problem}`, options);
		this.field = field;
	}
}

export const isConfigError = guardFor<ConfigError>('ConfigError');
