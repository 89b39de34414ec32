// Reads a whole SSE body into events with eventsource-parser, for tests of the codecs' stream half
// (the streaming reader itself is src/events/sse.ts's).
import { createParser } from 'eventsource-parser';
import type { OpenedStream } from '../../src/a2a/exchange.js';
import type { StreamEvent } from '../../src/a2a/index.js';
import type { StreamPlug } from '../../src/a2a/stream-source.js';

/** Every event of the stream, decoded by the codec; the first decoding error rejects. */
export async function decodedEvents(opened: OpenedStream): Promise<StreamEvent[]> {
	const frames: { data: string; event: string | undefined }[] = [];
	const parser = createParser({ onEvent: (event) => frames.push({ data: event.data, event: event.event }) });
	parser.feed(await opened.response.text());
	return frames.map((frame) => opened.decode(frame.data, frame.event));
}

/**
 * What `streamTaskEvents` (src/a2a/stream.ts, wip/sse) does with a plug, for one connection: opens,
 * hands a non-stream answer to `decodeError`, and each event to `decode` (an `event: error` to
 * `decodeError`); the first error rejects.
 */
export async function plugEvents(plug: StreamPlug, kind: 'stream' | 'subscribe', taskId?: string): Promise<StreamEvent[]> {
	const response = await plug.open(kind, taskId, new AbortController().signal);
	const contentType = response.headers.get('content-type');
	const { status } = response;
	if (!response.ok || !/^\s*text\/event-stream/i.test(contentType ?? '')) throw plug.decodeError({ source: 'response', status, contentType, text: await response.text() });
	const events: StreamEvent[] = [];
	const errors: unknown[] = [];
	const parser = createParser({
		onEvent: (event) => {
			if (errors.length > 0) return;
			if (event.event === 'error') errors.push(plug.decodeError({ source: 'event', status, contentType, text: event.data }));
			else events.push(plug.decode(event.data));
		},
	});
	parser.feed(await response.text());
	if (errors.length > 0) throw errors[0];
	return events;
}
