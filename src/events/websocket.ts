import type { Clock } from '../clock.js';
import { ConfigError } from '../errors/config-error.js';
import { TransportError } from '../errors/transport-error.js';
import { deadline } from '../internal/deadline.js';
import { runtime } from '../internal/runtime.js';

/**
 * A WebSocket constructor: the standard one, as browsers, Node 22+, Deno and Bun have it on `globalThis`.
 *
 * @example
 * createCanvasClient({ platformUrl, auth, WebSocket: globalThis.WebSocket });
 */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

export interface OpenWebSocketOptions {
	/** Sub-protocols to offer (`molecule-ws`, `molecule-auth.<hex token>`). */
	protocols: string[];
	/** The constructor; `globalThis.WebSocket` when not given. */
	WebSocket?: WebSocketConstructor | undefined;
	/** Closes the socket at once, before or after it opened; nothing is left open or listening. */
	signal: AbortSignal;
	/** Time allowed for the opening handshake, on `clock`. */
	openTimeoutMs: number;
	clock: Clock;
	/** Text frames kept while the reader is behind; past this the connection is dropped (a `ReadError`). */
	maxBufferedFrames?: number | undefined;
	/** Frames longer than this many characters are dropped (and `onSkipped` told), not kept. */
	maxFrameChars?: number | undefined;
	/** Told about each frame that is not passed on (binary, too long). */
	onSkipped?: ((reason: string) => void) | undefined;
}

/** An open WebSocket's text frames, in order; ends when the socket closes. */
export interface OpenWebSocket extends AsyncIterable<string> {
	/** The sub-protocol the server selected. */
	readonly protocol: string;
}

const defaultMaxBufferedFrames = 10_000;
const defaultMaxFrameChars = 4 * 1024 * 1024;

/** The URL without its query, for error targets: a query could carry a credential. */
const targetOf = (url: string): string => url.replace(/[?#].*$/, '');

/**
 * Opens a WebSocket and resolves once it is open; rejects with a `TransportError` (`ConnectError`,
 * `ConnectTimeout`) when it closes or fails first, or with the signal's reason on abort. Its frames
 * then come as an async iterable of strings: the iteration ends when the socket closes (a drop ends
 * it too, quietly: the caller reconnects) and throws a `ReadError` when the reader falls more than
 * `maxBufferedFrames` behind. Leaving the loop, or the signal aborting, closes the socket.
 */
export function openWebSocket(url: string, options: OpenWebSocketOptions): Promise<OpenWebSocket> {
	const { signal, clock, onSkipped } = options;
	const maxBuffered = options.maxBufferedFrames ?? defaultMaxBufferedFrames;
	const maxChars = options.maxFrameChars ?? defaultMaxFrameChars;
	if (signal.aborted) return Promise.reject(signal.reason);
	const target = targetOf(url);

	let socket: WebSocket;
	try {
		const Constructor: WebSocketConstructor = options.WebSocket ?? runtime('WebSocket', 'WebSocket');
		socket = new Constructor(url, options.protocols);
	} catch (error) {
		if (error instanceof ConfigError) return Promise.reject(error);
		return Promise.reject(new ConfigError('WebSocket', `refused to open ${target}: ${error instanceof Error ? error.message : String(error)}`));
	}

	const frames: string[] = [];
	let next = 0;
	let closed = false;
	let failure: unknown;
	let wake: (() => void) | undefined;
	const notify = (): void => {
		const waiting = wake;
		wake = undefined;
		waiting?.();
	};

	const shut = (): void => {
		if (closed) return;
		closed = true;
		socket.removeEventListener('message', onMessage);
		socket.removeEventListener('close', onClose);
		socket.removeEventListener('error', onError);
		signal.removeEventListener('abort', onAbort);
		// CONNECTING or OPEN: close it ourselves; a closing or closed socket needs nothing more.
		if (socket.readyState <= 1) socket.close(1000);
		notify();
	};
	function onMessage(event: MessageEvent): void {
		if (typeof event.data !== 'string') {
			onSkipped?.('a binary frame (the platform sends JSON text)');
			return;
		}
		if (event.data.length > maxChars) {
			onSkipped?.(`a frame of ${event.data.length} characters, over the ${maxChars} kept`);
			return;
		}
		if (frames.length - next >= maxBuffered) {
			failure = new TransportError('ReadError', `the reader fell ${maxBuffered} frames behind; connection dropped`, { target });
			shut();
			return;
		}
		frames.push(event.data);
		notify();
	}
	function onClose(): void {
		shut();
	}
	function onError(): void {
		// An error is followed by close; the close ends the stream.
	}
	function onAbort(): void {
		failure = signal.reason;
		shut();
	}

	return new Promise<OpenWebSocket>((resolve, reject) => {
		// The handshake's time limit joined with the caller's signal; cleared once it is settled.
		const limit = deadline(clock, options.openTimeoutMs, signal);
		const settle = (): void => {
			limit.clear();
			limit.signal.removeEventListener('abort', onLimit);
			socket.removeEventListener('open', onOpen);
			socket.removeEventListener('close', onEarlyClose);
		};
		function onOpen(): void {
			settle();
			resolve(iterableOf());
		}
		function onEarlyClose(event: CloseEvent): void {
			settle();
			shut();
			reject(signal.aborted ? signal.reason : new TransportError('ConnectError', `WebSocket closed before it opened (code ${event.code}${event.reason ? `: ${event.reason}` : ''})`, { target }));
		}
		function onLimit(): void {
			settle();
			shut();
			reject(limit.expired() ? new TransportError('ConnectTimeout', `WebSocket did not open within ${options.openTimeoutMs} ms`, { target }) : signal.reason);
		}
		socket.addEventListener('open', onOpen);
		socket.addEventListener('close', onEarlyClose);
		socket.addEventListener('message', onMessage);
		socket.addEventListener('close', onClose);
		socket.addEventListener('error', onError);
		signal.addEventListener('abort', onAbort, { once: true });
		limit.signal.addEventListener('abort', onLimit, { once: true });
	});

	function iterableOf(): OpenWebSocket {
		return {
			protocol: socket.protocol,
			async *[Symbol.asyncIterator]() {
				try {
					for (;;) {
						if (next < frames.length) {
							const frame = frames[next] as string;
							// Consumed frames are dropped in one go, not one shift at a time.
							if (++next === frames.length) frames.length = next = 0;
							yield frame;
							continue;
						}
						if (closed) break;
						await new Promise<void>((resolve) => {
							wake = resolve;
						});
					}
					if (failure !== undefined && !signal.aborted) throw failure;
				} finally {
					shut();
				}
			},
		};
	}
}
