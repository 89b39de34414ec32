import { A2AClientError, guardFor } from './a2a-client-error.js';

/**
 * The configuration, an option of a call (`options.signal`) or a value a token provider returned is
 * unusable; names the field at fault. Nothing was started: no request, no timer.
 */
export class ConfigError extends A2AClientError {
	override name = 'ConfigError' as const;
	/** The field at fault, e.g. `workspaceId`, `retry.maxAttempts` or `options.signal`. */
	readonly field: string;

	constructor(field: string, problem: string) {
		super(`${field} ${problem}`);
		this.field = field;
	}
}

export const isConfigError = guardFor<ConfigError>('ConfigError');
