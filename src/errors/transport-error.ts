import { A2AClientError, guardFor, type A2AClientErrorOptions } from './a2a-client-error.js';

/**
 * The failure kinds, named after the httpx exceptions of the Python client so the canvas
 * hints that match on them (`readtimeout`, `remoteprotocolerror`, …) keep working.
 */
export type TransportErrorKind =
	| 'ConnectError'
	| 'ConnectTimeout'
	| 'ReadError'
	| 'WriteError'
	| 'RemoteProtocolError'
	| 'ReadTimeout';

/** No complete HTTP response arrived: the connection failed, dropped or timed out. Retried by `sendMessage`. */
export class TransportError extends A2AClientError {
	override name = 'TransportError' as const;
	/** What went wrong on the wire. */
	readonly kind: TransportErrorKind;

	constructor(kind: TransportErrorKind, message: string, options?: A2AClientErrorOptions) {
		super(message, options);
		this.kind = kind;
	}
}

export const isTransportError = guardFor<TransportError>('TransportError');
