import type { EventLog, PlatformEvent } from './events.js';

/**
 * Why the platform ends a live connection: it was closed, or a test cut the connection.
 *
 * @example
 * const end = (reason: StreamEnd): void => (reason === 'cut' ? socket.terminate() : socket.close(1001));
 */
export type StreamEnd = 'closed' | 'cut';

/**
 * The far end of a `/ws` connection, as a runtime's WebSocket server hands it to
 * `EventSocketAccept.attach` (docs/platform-contract.md §15.4).
 *
 * @example
 * const peer: EventSocketPeer = { send: (frame) => socket.send(frame), end: (reason) => (reason === 'cut' ? socket.terminate() : socket.close(1001)) };
 */
export interface EventSocketPeer {
	/**
	 * Sends one text frame: a JSON event `{event, workspace_id, timestamp, payload}`.
	 *
	 * @example
	 * peer.send(JSON.stringify(event));
	 */
	send(frame: string): void;
	/**
	 * The platform ends the socket: `'closed'` when it is closed (a normal close), `'cut'` when
	 * `cutEventStreams` drops it (end it as a lost connection would end: abruptly, if the runtime can).
	 *
	 * @example
	 * peer.end('cut'); // the Node adapter terminates the socket: the client sees 1006
	 */
	end(reason: StreamEnd): void;
}

/**
 * An authenticated `/ws` handshake the runtime may now upgrade (docs/platform-contract.md §15.4).
 *
 * @example
 * const accepted = await platform.webSocket(request);
 * if (accepted instanceof Response) return accepted;
 * const { socket, response } = Deno.upgradeWebSocket(request, accepted.protocol ? { protocol: accepted.protocol } : {});
 * socket.onopen = () => {
 * 	const detach = accepted.attach({ send: (frame) => socket.send(frame), end: (reason) => socket.close(reason === 'cut' ? 4000 : 1000) });
 * 	socket.onclose = detach;
 * };
 * return response;
 */
export interface EventSocketAccept {
	/** The sub-protocol to select: `molecule-ws` when the client offered it, else none (`undefined`). */
	readonly protocol: string | undefined;
	/**
	 * Starts sending the events this caller may see to `peer`, from now on.
	 *
	 * @returns The function to call when the socket closes (it stops the sending; calling it twice is harmless).
	 * @example
	 * const detach = accepted.attach({ send: (frame) => socket.send(frame), end: () => socket.close() });
	 * socket.addEventListener('close', detach);
	 */
	attach(peer: EventSocketPeer): () => void;
}

const encoder = new TextEncoder();

/** One SSE event as the platform writes it (addendum §9.13): `data: {"type","timestamp":<unix ms>,"data"}`. */
function sseFrame(event: PlatformEvent): Uint8Array {
	const data = JSON.stringify({ type: event.event, timestamp: Date.parse(event.timestamp), data: event.payload });
	return encoder.encode(`data: ${data}\n\n`);
}

/**
 * The platform's live connections (SSE streams and `/ws` sockets): each one subscribes to the
 * event log, and each one can be ended all at once, when the platform closes or a test cuts them.
 */
export class LiveStreams {
	readonly #events: EventLog;
	readonly #open = new Set<(reason: StreamEnd) => void>();
	#closed = false;

	constructor(events: EventLog) {
		this.#events = events;
	}

	/** How many connections are open. */
	get open(): number {
		return this.#open.size;
	}

	/**
	 * A `GET /workspaces/:id/events/stream` body: `: ping`, then one `data:` line per event of the
	 * workspace. It ends when the reader cancels, `signal` aborts or the platform closes (a clean end),
	 * or when it is cut (an error, as a dropped connection).
	 */
	sse(workspaceId: string, signal: AbortSignal): ReadableStream<Uint8Array> {
		let finish: (reason: StreamEnd | 'cancelled') => void = () => {};
		return new ReadableStream<Uint8Array>({
			start: (controller) => {
				controller.enqueue(encoder.encode(': ping\n\n'));
				const unsubscribe = this.#events.subscribe((event) => {
					if (event.workspace_id === workspaceId) controller.enqueue(sseFrame(event));
				});
				const end = (reason: StreamEnd): void => finish(reason);
				const onAbort = (): void => finish('closed');
				finish = (reason) => {
					finish = () => {};
					unsubscribe();
					this.#open.delete(end);
					signal.removeEventListener('abort', onAbort);
					if (reason === 'cut') controller.error(new TypeError('connection dropped by the dev platform'));
					else if (reason === 'closed') controller.close();
				};
				this.#open.add(end);
				signal.addEventListener('abort', onAbort, { once: true });
				if (this.#closed || signal.aborted) finish('closed');
			},
			cancel: () => finish('cancelled'),
		});
	}

	/** A `/ws` connection that sends the events `visible` lets through, once attached to its peer. */
	socket(protocol: string | undefined, visible: (event: PlatformEvent) => boolean): EventSocketAccept {
		return {
			protocol,
			attach: (peer) => {
				if (this.#closed) {
					peer.end('closed');
					return () => {};
				}
				const unsubscribe = this.#events.subscribe((event) => {
					if (visible(event)) peer.send(JSON.stringify(event));
				});
				const end = (reason: StreamEnd): void => {
					detach();
					peer.end(reason);
				};
				const detach = (): void => {
					unsubscribe();
					this.#open.delete(end);
				};
				this.#open.add(end);
				return detach;
			},
		};
	}

	/** Ends every open connection as a dropped one; answers how many there were. */
	cut(): number {
		const open = [...this.#open];
		for (const end of open) end('cut');
		return open.length;
	}

	/** Ends every open connection cleanly, and any opened later at once: the platform is closed. */
	close(): void {
		this.#closed = true;
		for (const end of [...this.#open]) end('closed');
	}
}
