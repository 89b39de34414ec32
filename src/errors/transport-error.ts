import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

/**
 * The failure kinds, named after the httpx exceptions of the Python client so the canvas hints that
 * match on them (`readtimeout`, `remoteprotocolerror`, …) keep working: `ConnectError` (no connection),
 * `ConnectTimeout` (the connection attempt timed out), `RemoteProtocolError` (the connection dropped
 * before a response), `ReadError` (the body broke off), `ReadTimeout` (the time limit ran out, body
 * included). `WriteError` is kept for the Python names and not produced.
 */
export type TransportErrorKind =
	| 'ConnectError'
	| 'ConnectTimeout'
	| 'ReadError'
	| 'WriteError'
	| 'RemoteProtocolError'
	| 'ReadTimeout';

/**
 * No complete HTTP response arrived: the connection failed, dropped or timed out. Retried by `sendMessage`.
 *
 * @example
 * if (isTransportError(error)) console.warn(`${error.kind} reaching ${error.target ?? 'the platform'}`);
 */
export class TransportError extends A2AClientError {
	/** Always `'TransportError'`: what `isTransportError` checks. */
	override name = 'TransportError' as const;
	/** What went wrong on the wire. */
	readonly kind: TransportErrorKind;

	/**
	 * Builds the error for a request that got no complete response.
	 *
	 * @param kind What went wrong on the wire.
	 * @param message The runtime's own description, free of secrets.
	 * @param options The `target`, the `cause` and the common facts.
	 */
	constructor(kind: TransportErrorKind, message: string, options?: A2AClientErrorOptions) {
		super(message, options);
		this.kind = kind;
	}
}

/**
 * True for a `TransportError`, from any realm or copy of the package.
 *
 * @example
 * if (outcome.status === 'failed' && isTransportError(outcome.error) && outcome.error.kind === 'ReadTimeout') console.log('the agent took too long');
 */
export const isTransportError = guardFor<TransportError>('TransportError');
