import type { GenericSchema } from 'valibot';
import type { PlatformResponse } from '../../transport.js';
import type { AnswerContext } from '../answer.js';
import type { Operation } from '../operation.js';
import type { StreamEvent } from '../types.js';

/** An HTTP request for the core transport: absolute URL, query, JSON body and what to accept. */
export interface WireRequest {
	method: 'GET' | 'POST' | 'DELETE';
	url: string;
	searchParams?: Record<string, string> | undefined;
	json?: unknown;
	accept: string;
}

/** A unary call ready to send, and the reader of its answer (which throws the typed error). */
export interface PreparedCall<T> {
	request: WireRequest;
	decode(answer: PlatformResponse): T;
}

/**
 * A streaming call ready to send: the reader of one event's `data` (and `event:` name), and the error
 * for an answer that is not a stream (a2a-js answers errors before a stream as JSON, even with 200).
 */
export interface PreparedStream {
	request: WireRequest;
	decode(data: string, event: string | undefined): StreamEvent;
	failure(answer: PlatformResponse): Error;
}

/** How one binding puts operations on the wire and reads what comes back. */
export interface BindingCodec {
	call<T>(operation: Operation<T>, url: string, id: string, context: AnswerContext): PreparedCall<T>;
	stream(operation: Operation<unknown>, eventSchema: GenericSchema<unknown, StreamEvent>, url: string, id: string, context: AnswerContext): PreparedStream;
}
