import { ConfigError } from '../errors/config-error.js';
import { deadline } from '../internal/deadline.js';
import { within } from '../internal/within.js';
import { retry } from '../retry.js';
import type { PlatformResponse, Transport } from '../transport.js';
import type { PreparedStream, WireRequest } from './bindings/binding.js';
import type { Codec } from './codec.js';
import type { Operation, ProtocolVersion } from './operation.js';
import type { A2ASettings } from './options.js';
import type { StreamEvent } from './types.js';

/** How long one call may take, and how it is ended early. */
export interface CallLimits {
	signal?: AbortSignal | undefined;
	/** Milliseconds for each attempt. */
	timeoutMs: number;
}

/** A stream the agent started answering: the SSE response, and the reader of its events' `data`. */
export interface OpenedStream {
	/** The response, its body unread: `text/event-stream`. Cancel its body (or abort the signal) to end it. */
	response: Response;
	/** One event's `data` (and `event:` name) as a normalised event; throws the typed error an error event carries. */
	decode(data: string, event: string | undefined): StreamEvent;
}

/** Whatever the agent answered a streaming request with, and how to read it. */
export interface StreamAnswer {
	/** An event stream with its body unread; any other answer rebuilt from its text, already read. */
	response: Response;
	/** Whether it is an event stream. */
	streaming: boolean;
	/** Reads events and makes the typed error of any other answer (`failure`). */
	prepared: PreparedStream;
	/** The answer as the transport gave it, for `prepared.failure`. */
	answer: PlatformResponse;
}

/** Sends requests to the agent: headers, `A2A-Version`, time limits; unary calls with the core's retry. */
export interface Exchange {
	/** One request as is: the option's headers, then `extra`, then `A2A-Version` and `Accept`. */
	send(request: WireRequest, version: ProtocolVersion, extra: Record<string, string>, limits: CallLimits, keepBody?: (response: Response) => boolean): Promise<PlatformResponse>;
	/** A unary operation of the current codec, retried by the core's rules; `what` names it in log lines. */
	unary<T>(what: string, build: (codec: Codec) => Operation<T>, limits: CallLimits): Promise<T>;
	/** A streaming operation of the current codec, not retried (resubscribing is the stream's business). */
	open(build: (codec: Codec) => Operation<unknown>, limits: CallLimits): Promise<StreamAnswer>;
}

const isEventStream = (response: Response): boolean => /^text\/event-stream\b/i.test(response.headers.get('content-type') ?? '');

export function createExchange(settings: A2ASettings, transport: Transport, codec: () => Codec): Exchange {
	const { core } = settings;

	/** The option's headers, within the call's time limit: a provider that hangs must not hold it. */
	async function optionHeaders(limits: CallLimits): Promise<Record<string, string>> {
		const limit = deadline(core.clock, limits.timeoutMs, limits.signal);
		try {
			return await within(settings.headers(), limit.signal);
		} catch (error) {
			if (limit.expired()) throw new ConfigError('headers', `provider did not answer within ${Math.ceil(limits.timeoutMs)} ms`);
			throw error;
		} finally {
			limit.clear();
		}
	}

	const send: Exchange['send'] = async (request, version, extra, limits, keepBody) => {
		const headers = { ...(await optionHeaders(limits)), ...extra, 'A2A-Version': version, Accept: request.accept };
		return transport({
			method: request.method,
			path: request.url,
			searchParams: request.searchParams,
			json: request.json,
			identify: false,
			headers,
			timeoutMs: limits.timeoutMs,
			signal: limits.signal,
			keepBody,
		});
	};

	return {
		send,
		unary(what, build, limits) {
			return retry(
				async (_attempt, timeLeftMs) => {
					const current = codec();
					// A fresh JSON-RPC id per attempt; the message (and its messageId) was built once, before.
					const prepared = current.call(build(current), core.uuid());
					return prepared.decode(await send(prepared.request, current.version, {}, { signal: limits.signal, timeoutMs: Math.min(limits.timeoutMs, timeLeftMs) }));
				},
				{
					policy: core.retry,
					clock: core.clock,
					random: core.random,
					signal: limits.signal,
					onRetry: (event) => core.logger.warn(`a2a ${what}: attempt ${event.attempt}/${event.maxAttempts} failed (${event.error.name}: ${event.error.message}); retrying in ${Math.round(event.delayMs)} ms`),
				},
			);
		},
		async open(build, limits) {
			const current = codec();
			const prepared: PreparedStream = current.stream(build(current), core.uuid());
			const answer = await send(prepared.request, current.version, {}, limits, isEventStream);
			const streaming = answer.stream !== undefined;
			const response = new Response(streaming ? answer.stream : answer.text, { status: answer.status, headers: answer.headers });
			return { response, streaming, prepared, answer };
		},
	};
}
