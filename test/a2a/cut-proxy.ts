// A node:http proxy in front of a peer that cuts event streams, as a dropped connection would: the
// first `cuts` event streams it relays are cut after `events` whole events and a few bytes of the
// next (a half event), by destroying the client's socket. Everything else is relayed as is.
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CutProxy {
	/** `http://127.0.0.1:<port>`: the peer's paths, relayed. */
	readonly base: string;
	/** Each request relayed: its path and, for JSON-RPC, its method. */
	readonly requests: { path: string; method: string | undefined }[];
	/** How many event streams were cut. */
	readonly cut: number;
	close(): Promise<void>;
}

const body = async (request: IncomingMessage): Promise<Buffer> => {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
};

export async function startCutProxy(target: string, options: { events: number; cuts: number }): Promise<CutProxy> {
	const requests: CutProxy['requests'] = [];
	let cutsLeft = options.cuts;
	let cut = 0;
	const server = createServer(async (request, response) => {
		const sent = await body(request);
		let method: string | undefined;
		try {
			method = (JSON.parse(sent.toString('utf8')) as { method?: string }).method;
		} catch {
			method = undefined;
		}
		requests.push({ path: request.url ?? '', method });
		const upstream = httpRequest(`${target}${request.url ?? ''}`, { method: request.method, headers: { ...request.headers, host: new URL(target).host }, agent: false }, (answer) => {
			response.writeHead(answer.statusCode ?? 502, answer.headers);
			response.flushHeaders();
			const cutting = /text\/event-stream/.test(String(answer.headers['content-type'])) && cutsLeft > 0;
			if (!cutting) {
				answer.pipe(response);
				return;
			}
			cutsLeft--;
			let seen = 0;
			answer.on('data', (chunk: Buffer) => {
				if (response.destroyed) return;
				const text = chunk.toString('latin1');
				let at = 0;
				for (;;) {
					const end = text.indexOf('\n\n', at);
					if (end < 0 || seen === options.events) break;
					seen++;
					at = end + 2;
				}
				if (seen < options.events) {
					response.write(chunk);
					return;
				}
				// Whole events up to the cut, then the first bytes of the next: a half event.
				response.write(chunk.subarray(0, Math.min(chunk.length, at + 8)), () => {
					cut++;
					response.socket?.destroy();
					answer.destroy();
				});
			});
			answer.on('end', () => response.end());
		});
		upstream.on('error', () => response.destroy());
		response.on('close', () => upstream.destroy());
		upstream.end(sent);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		get cut() {
			return cut;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
