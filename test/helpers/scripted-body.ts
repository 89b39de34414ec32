/**
 * A response body the test feeds by hand: `push` a chunk (text is UTF-8 encoded, bytes go as they
 * are), `end` it, or `fail` it; `cancelled` tells whether (and why) the reader cancelled it.
 * Nothing is sent unless the test says so, so a read can be left pending on purpose.
 */
export class ScriptedBody {
	readonly stream: ReadableStream<Uint8Array>;
	/** Whether the consumer cancelled the body, and the reason it gave. */
	cancelled: { reason: unknown } | undefined;
	#controller!: ReadableStreamDefaultController<Uint8Array>;

	constructor(...chunks: (string | Uint8Array)[]) {
		this.stream = new ReadableStream<Uint8Array>({
			start: (controller) => {
				this.#controller = controller;
			},
			cancel: (reason) => {
				this.cancelled = { reason };
			},
		});
		for (const chunk of chunks) this.push(chunk);
	}

	/** Sends one chunk. */
	push(chunk: string | Uint8Array): this {
		this.#controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
		return this;
	}

	/** Ends the body cleanly. */
	end(): this {
		this.#controller.close();
		return this;
	}

	/** Breaks the body off with `error`, as a dropped connection does. */
	fail(error: unknown = new TypeError('terminated')): this {
		this.#controller.error(error);
		return this;
	}
}

/** A body of `chunks`, already ended. */
export const endedBody = (...chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> => new ScriptedBody(...chunks).end().stream;

/** A body that sends `chunks`, one per read, then breaks off with `error` as a dropped connection does. */
export function brokenBody(chunks: (string | Uint8Array)[], error: unknown = new TypeError('terminated')): ReadableStream<Uint8Array> {
	let index = 0;
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			const chunk = chunks[index++];
			if (chunk === undefined) controller.error(error);
			else controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
		},
	});
}
