import { ConfigError } from '../../src/index.js';

/** The ConfigError `run` throws; fails the test when it throws anything else or nothing. */
export function configError(run: () => unknown): ConfigError {
	try {
		run();
	} catch (error) {
		if (error instanceof ConfigError) return error;
		throw error;
	}
	throw new Error('expected a ConfigError');
}
