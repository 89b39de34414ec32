import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

/**
 * A server-sent event was larger than the reader allows (`maxEventBytes`, 4 MiB by default): its
 * `data` would not fit, or a line grew past the cap before it ended. The stream is cancelled when this
 * is thrown, so a server cannot fill the memory with one endless event.
 *
 * @example
 * if (isEventTooLargeError(error)) console.error(`an event broke the ${error.maxEventBytes}-byte limit`);
 */
export class EventTooLargeError extends A2AClientError {
	/** Always `'EventTooLargeError'`: what `isEventTooLargeError` checks. */
	override name = 'EventTooLargeError' as const;
	/** The limit the event broke, in bytes of UTF-8. */
	readonly maxEventBytes: number;

	/**
	 * Builds the error for an event over `maxEventBytes`.
	 *
	 * @param maxEventBytes The limit the event broke, in bytes.
	 * @param options The `target` and the common facts.
	 */
	constructor(maxEventBytes: number, options?: A2AClientErrorOptions) {
		super(`server-sent event larger than maxEventBytes (${maxEventBytes} bytes)`, options);
		this.maxEventBytes = maxEventBytes;
	}
}

/**
 * True for an `EventTooLargeError`, from any realm or copy of the package.
 *
 * @example
 * if (isEventTooLargeError(error)) console.error(`an event broke the ${error.maxEventBytes}-byte limit`);
 */
export const isEventTooLargeError = guardFor<EventTooLargeError>('EventTooLargeError');
