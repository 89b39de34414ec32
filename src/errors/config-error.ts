import { A2AClientError, guardFor } from './a2a-client-error.js';

/** The configuration (or a value a token provider returned) is unusable; names the field at fault. */
export class ConfigError extends A2AClientError {
	override name = 'ConfigError' as const;
	/** The configuration field at fault, e.g. `workspaceId` or `retry.maxAttempts`. */
	readonly field: string;

	constructor(field: string, problem: string) {
		super(`${field} ${problem}`);
		this.field = field;
	}
}

export const isConfigError = guardFor<ConfigError>('ConfigError');
