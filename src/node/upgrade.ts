import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';

/**
 * What the handshake hook answers when the platform accepts: the dev platform's `EventSocketAccept`.
 *
 * @example
 * const accepted = await platform.webSocket(request);
 * if (!(accepted instanceof Response)) console.log(accepted.protocol); // 'molecule-ws' when the client offered it
 */
export interface AcceptedSocket {
	/** The sub-protocol to select, if any. */
	readonly protocol: string | undefined;
	/**
	 * Starts sending frames to the peer; answers the function to call once the socket closes.
	 *
	 * @example
	 * webSocket.once('close', accepted.attach({ send: (frame) => webSocket.send(frame), end: () => webSocket.close(1001) }));
	 */
	attach(peer: { send(frame: string): void; end(reason: 'closed' | 'cut'): void }): () => void;
}

/**
 * Runs a WebSocket handshake (a `GET` with `Upgrade: websocket`) through the platform: the accepted
 * socket, or the refusal to answer instead. `DevPlatform.webSocket` is one.
 *
 * @example
 * const server = await serve(platform.fetch, { webSocket: platform.webSocket });
 */
export type WebSocketHandshake = (request: Request) => Promise<AcceptedSocket | Response>;

/** Writes a refusal on the raw socket, as the HTTP server would have, and closes it. */
async function refuse(socket: Duplex, response: Response): Promise<void> {
	const body = Buffer.from(await response.arrayBuffer());
	const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`];
	response.headers.forEach((value, name) => lines.push(`${name}: ${value}`));
	lines.push(`content-length: ${body.byteLength}`, 'connection: close', '', '');
	socket.end(Buffer.concat([Buffer.from(lines.join('\r\n')), body]));
}

/**
 * Serves WebSocket upgrades with the `ws` package, handing each handshake to `handshake` and each
 * accepted socket to the platform's `attach`: a cut terminates the socket (a lost connection), the
 * platform's close closes it with 1001. `close()` terminates every socket still open.
 */
export function webSocketUpgrades(handshake: WebSocketHandshake, toRequest: (incoming: IncomingMessage) => Request): {
	upgrade(incoming: IncomingMessage, socket: Duplex, head: Buffer): void;
	close(): void;
} {
	const protocols = new WeakMap<IncomingMessage, string | undefined>();
	const server = new WebSocketServer({ noServer: true, handleProtocols: (_offered, incoming) => protocols.get(incoming) ?? false });
	const upgrade = async (incoming: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
		const accepted = await handshake(toRequest(incoming));
		if (accepted instanceof Response) return refuse(socket, accepted);
		protocols.set(incoming, accepted.protocol);
		server.handleUpgrade(incoming, socket, head, (webSocket) => {
			const detach = accepted.attach({
				send: (frame) => webSocket.send(frame),
				end: (reason) => (reason === 'cut' ? webSocket.terminate() : webSocket.close(1001, 'the dev platform closed')),
			});
			webSocket.once('close', detach);
			// A peer that vanished is a close like any other; nothing to report.
			webSocket.on('error', () => {});
		});
	};
	return {
		upgrade(incoming, socket, head) {
			socket.on('error', () => {});
			// A handshake the platform rejects (closed, a dropped connection) ends as a dropped connection.
			upgrade(incoming, socket, head).catch(() => socket.destroy());
		},
		close() {
			for (const client of server.clients) client.terminate();
			server.close();
		},
	};
}
