import { ConfigError } from '../errors/config-error.js';
import { UnexpectedResponseError } from '../errors/unexpected-response-error.js';
import type { AgentCard } from './card-types.js';
import type { Codec } from './codec.js';
import { UnsupportedOperationError } from './errors/unsupported-operation-error.js';
import type { CallLimits, Exchange, OpenedStream, StreamAnswer } from './exchange.js';
import type { SendConfiguration, WireMessage } from './operation.js';
import type { StreamEvent } from './types.js';

/**
 * What the streaming calls (src/a2a/stream.ts: `stream`, `subscribe` and resubscription) are built
 * on: each `open…` sends one streaming request over the connection's current interface and resolves
 * once the agent answers with an event stream, to its `Response` (body unread) and the reader of its
 * events, or rejects with the typed error of any other answer. Nothing is retried here.
 */
export interface StreamSource {
	/** The card in use (its `capabilities.streaming` is checked before each open). */
	card(): AgentCard;
	/** v1.0 `SendStreamingMessage` / v0.3 `message/stream`; `message` as `outgoingMessage` made it (its messageId kept). */
	openSend(message: WireMessage, configuration: SendConfiguration, limits: CallLimits): Promise<OpenedStream>;
	/** v1.0 `SubscribeToTask` / v0.3 `tasks/resubscribe`: the agent sends the task first, then its updates. */
	openSubscribe(taskId: string, limits: CallLimits): Promise<OpenedStream>;
	/**
	 * The callbacks of `streamTaskEvents` (src/a2a/stream.ts) for one stream: `message` is what a
	 * `'stream'` open sends (made once by `outgoingMessage`, so a retry would keep its messageId; the
	 * stream never sends it twice), `timeoutMs` the limit of each open's transport request.
	 */
	plug(message: { message: WireMessage; configuration: SendConfiguration } | undefined, timeoutMs: number): StreamPlug;
}

/** An error answer as `streamTaskEvents` hands it to `decodeError` (src/a2a/stream-connection.ts `StreamErrorAnswer`). */
export interface StreamErrorAnswerLike {
	source: 'response' | 'event';
	status: number;
	contentType: string | null;
	text: string;
}

/**
 * What `streamTaskEvents` is written against. `open` makes one request over the connection's current
 * interface (a new JSON-RPC id each time) and resolves to the response as it starts, whatever it is;
 * `decode` and `decodeError` read what the last `open` got (opens follow one another, never overlap).
 */
export interface StreamPlug {
	open(kind: 'stream' | 'subscribe', taskId: string | undefined, signal: AbortSignal): Promise<Response>;
	/** One event's `data` as a normalised event; a malformed one throws `ResponseValidationError`. */
	decode(data: string): StreamEvent;
	/** The typed error of an answer that is not a stream, or of an `event: error`. */
	decodeError(answer: StreamErrorAnswerLike): unknown;
}

/** The stream, or the typed error of an answer that is not one. */
function opened({ response, streaming, prepared, answer }: StreamAnswer): OpenedStream {
	if (!streaming) throw prepared.failure(answer);
	return { response, decode: prepared.decode };
}

function required<T>(value: T | undefined, field: string): T {
	if (value === undefined) throw new ConfigError(field, 'is required to open this stream');
	return value;
}

export function createStreamSource(exchange: Exchange, card: () => AgentCard): StreamSource {
	const streaming = (): void => {
		if (!card().capabilities.streaming) throw new UnsupportedOperationError('the agent card says the agent does not stream (capabilities.streaming)', {});
	};
	return {
		card,
		plug(send, timeoutMs) {
			let last: StreamAnswer | undefined;
			const prepared = (): StreamAnswer => {
				if (!last) throw new Error('decode before open');
				return last;
			};
			return {
				async open(kind, taskId, signal) {
					streaming();
					const operation =
						kind === 'stream'
							? (codec: Codec) => codec.spec.stream(required(send, 'message').message, required(send, 'message').configuration, codec.tenant)
							: (codec: Codec) => codec.spec.subscribe(required(taskId, 'taskId'), codec.tenant);
					last = await exchange.open(operation, { signal, timeoutMs });
					return last.response;
				},
				decode: (data) => prepared().prepared.decode(data, undefined),
				decodeError(answer) {
					const { prepared: reader, answer: whole } = prepared();
					if (answer.source === 'response') return reader.failure(whole);
					try {
						reader.decode(answer.text, 'error');
					} catch (error) {
						return error;
					}
					return new UnexpectedResponseError('the stream sent an error event that carries no error', answer.status, { target: whole.url });
				},
			};
		},
		async openSend(message, configuration, limits) {
			streaming();
			return opened(await exchange.open((codec) => codec.spec.stream(message, configuration, codec.tenant), limits));
		},
		async openSubscribe(taskId, limits) {
			streaming();
			return opened(await exchange.open((codec) => codec.spec.subscribe(taskId, codec.tenant), limits));
		},
	};
}
