// The Node adapter under backpressure: a large streamed answer to a slow reader.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { serve, type RunningServer } from '../../src/node/index.js';
import { watchUnhandledRejections } from './harness.js';

watchUnhandledRejections();

const chunk = new Uint8Array(64 * 1024).fill(0x78);
const chunks = 512;
let server: RunningServer;

beforeAll(async () => {
	server = await serve(async () => {
		let sent = 0;
		return new Response(
			new ReadableStream<Uint8Array>({
				pull(controller) {
					if (sent++ === chunks) controller.close();
					else controller.enqueue(chunk);
				},
			}),
		);
	});
});

afterAll(async () => {
	await server.close();
});

/** Reads the whole answer, pausing every MiB so the server has to wait for the socket to drain. */
async function readSlowly(): Promise<{ bytes: number; warnings: string[] }> {
	const warnings: string[] = [];
	const onWarning = (warning: Error): void => {
		warnings.push(`${warning.name}: ${warning.message}`);
	};
	process.on('warning', onWarning);
	try {
		const response = await fetch(server.url);
		const reader = (response.body as ReadableStream<Uint8Array>).getReader();
		let bytes = 0;
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			bytes += value.byteLength;
			if (bytes % (1 << 20) < value.byteLength) await new Promise((resolve) => setTimeout(resolve, 5));
		}
		await new Promise((resolve) => setTimeout(resolve, 20));
		return { bytes, warnings };
	} finally {
		process.off('warning', onWarning);
	}
}

test('serve streams 32 MiB to a slow reader whole', async () => {
	expect((await readSlowly()).bytes).toBe(chunks * chunk.byteLength);
});

test('serve leaves no listener behind per backpressure wait (no MaxListenersExceededWarning)', async () => {
	expect((await readSlowly()).warnings).toEqual([]);
});
