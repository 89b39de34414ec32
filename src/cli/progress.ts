import { isHttpError, isTransportError, type RetryEvent } from '../index.js';

/**
 * One progress line per retry: `attempt 2/5 after ConnectError, retrying in 1.9s`. The event names
 * the attempt that failed; a person waiting wants to know which attempt comes next.
 */
export function retryProgress(event: RetryEvent): string {
	const { error } = event;
	const cause = isTransportError(error) ? error.kind : isHttpError(error) ? `HTTP ${error.status}` : error.name;
	return `attempt ${event.attempt + 1}/${event.maxAttempts} after ${cause}, retrying in ${(event.delayMs / 1000).toFixed(1)}s`;
}
