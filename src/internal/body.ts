import { within } from './within.js';

/**
 * Reads a body to its end, keeping at most `maxBytes`: `null` as soon as it is longer (the rest is
 * cancelled, not read), so a huge or endless body cannot fill the memory. With `drainBytes`, up to that
 * many bytes more are read and dropped first, so a sender that is still writing gets the answer rather
 * than a dropped connection (a server's choice; a client cancels at once). When `signal` aborts, the
 * read rejects with its reason at once, even if the body's source ignores the abort, and the body is
 * cancelled.
 *
 * @example
 * const bytes = await readCapped(response.body, 10 * 1024 * 1024, deadline.signal);
 * if (bytes === null) throw new Error('too large');
 */
export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number, signal?: AbortSignal, drainBytes = 0): Promise<Uint8Array | null> {
	if (!body) return new Uint8Array(0);
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let received = 0;
	try {
		for (;;) {
			const { done, value } = await (signal ? within(reader.read(), signal) : reader.read());
			if (done) break;
			received += value.byteLength;
			if (received > maxBytes + drainBytes) {
				void reader.cancel().catch(() => {});
				return null;
			}
			if (received > maxBytes) chunks.length = 0;
			else chunks.push(value);
		}
	} catch (error) {
		// Not awaited: cancelling one branch of a tee'd body waits for the other branch.
		void reader.cancel().catch(() => {});
		throw error;
	}
	if (received > maxBytes) return null;
	const bytes = new Uint8Array(received);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return bytes;
}
