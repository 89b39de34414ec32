// Reads a whole SSE body into events with eventsource-parser, for tests of the codecs' stream half
// (the streaming reader itself is src/events/sse.ts's).
import { createParser } from 'eventsource-parser';
import type { OpenedStream } from '../../src/a2a/exchange.js';
import type { StreamEvent } from '../../src/a2a/index.js';

/** Every event of the stream, decoded by the codec; the first decoding error rejects. */
export async function decodedEvents(opened: OpenedStream): Promise<StreamEvent[]> {
	const frames: { data: string; event: string | undefined }[] = [];
	const parser = createParser({ onEvent: (event) => frames.push({ data: event.data, event: event.event }) });
	parser.feed(await opened.response.text());
	return frames.map((frame) => opened.decode(frame.data, frame.event));
}
