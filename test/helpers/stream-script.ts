// Scripted answers for src/a2a/stream.ts: events in the shapes a codec hands over, SSE frames of them,
// and an `open` that plays responses in order and records how it was called.
import type { StreamOpenKind } from '../../src/a2a/stream.js';
import type { StreamArtifact, StreamStatusUpdate, StreamTask } from '../../src/a2a/stream-types.js';
import { HttpError } from '../../src/errors/http-error.js';
import { JsonRpcError } from '../../src/errors/json-rpc-error.js';
import type { StreamErrorAnswer } from '../../src/a2a/stream-connection.js';

/** A message as the test codec gives it. */
export type TestMessage = { kind: 'message'; messageId: string; role: string; parts: unknown[] };
export type TestTask = StreamTask & { artifacts: StreamArtifact[] };
export type TestArtifactUpdate = { kind: 'artifact-update'; taskId: string; contextId: string; artifact: StreamArtifact; append: boolean; lastChunk: boolean };
export type TestEvent = TestTask | TestMessage | StreamStatusUpdate | TestArtifactUpdate;

const ids = { taskId: 't-1', contextId: 'c-1' };

/** The time an agent stamps on status `n`. */
export const at = (n: number): string => `2026-11-30T07:00:0${n}.000Z`;

export const task = (state: string, stamp = 0, artifacts: StreamArtifact[] = []): TestTask => ({ kind: 'task', id: ids.taskId, contextId: ids.contextId, status: { state, timestamp: at(stamp) }, artifacts });
export const status = (state: string, stamp: number, extra: Partial<StreamStatusUpdate> = {}): StreamStatusUpdate => ({ kind: 'status-update', ...ids, status: { state, timestamp: at(stamp) }, ...extra });
export const artifact = (artifactId: string, parts: string[], append = false, lastChunk = false): TestArtifactUpdate => ({
	kind: 'artifact-update',
	...ids,
	artifact: { artifactId, parts: parts.map((text) => ({ kind: 'text', text })) },
	append,
	lastChunk,
});
export const message = (messageId: string, text = 'hello'): TestMessage => ({ kind: 'message', messageId, role: 'agent', parts: [{ kind: 'text', text }] });

/** One SSE frame carrying `event` as JSON, with an `event:` name when given. */
export const frame = (event: unknown, name?: string): string => `${name ? `event: ${name}\n` : ''}data: ${JSON.stringify(event)}\n\n`;

/** A `text/event-stream` response over `body`. */
export const eventStream = (body: ReadableStream<Uint8Array> | string): Response =>
	new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });

/** The test codec: JSON as is. */
export const decode = (data: string): TestEvent => JSON.parse(data) as TestEvent;

/** The test error codec: a JSON-RPC error body or event becomes a JsonRpcError, a non-2xx answer an HttpError. */
export const decodeError = (answer: StreamErrorAnswer): Error => {
	const body = JSON.parse(answer.text) as { error?: { code?: number; message?: string }; retry_after?: number };
	if (answer.status >= 400) return new HttpError(answer.status, { platformError: body.error?.message, retryAfterMs: body.retry_after === undefined ? undefined : body.retry_after * 1000, body });
	return new JsonRpcError(body.error?.message ?? '', body.error?.code, undefined);
};

/** How `open` was called. */
export interface OpenCall {
	kind: StreamOpenKind;
	taskId: string | undefined;
	signal: AbortSignal;
}

/** A response, an error to reject with, or a function of the call's signal. */
export type OpenStep = Response | Error | ((signal: AbortSignal) => Response | Promise<Response>);

/** An `open` that plays `steps` in order (one per call; calls past the end fail the test). */
export function scriptedOpen(...steps: OpenStep[]): { open: (kind: StreamOpenKind, taskId: string | undefined, signal: AbortSignal) => Promise<Response>; calls: OpenCall[] } {
	const calls: OpenCall[] = [];
	const open = async (kind: StreamOpenKind, taskId: string | undefined, signal: AbortSignal): Promise<Response> => {
		calls.push({ kind, taskId, signal });
		const step = steps[calls.length - 1];
		if (step === undefined) throw new Error(`scriptedOpen: no step for call ${calls.length}`);
		if (step instanceof Error) throw step;
		return typeof step === 'function' ? step(signal) : step;
	};
	return { open, calls };
}

/** Every item of `iterable`, in order. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
	const items: T[] = [];
	for await (const item of iterable) items.push(item);
	return items;
}
