import type { AgentCard } from './card-types.js';
import { UnsupportedOperationError } from './errors/unsupported-operation-error.js';
import type { CallLimits, Exchange, OpenedStream } from './exchange.js';
import type { SendConfiguration, WireMessage } from './operation.js';

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
}

export function createStreamSource(exchange: Exchange, card: () => AgentCard): StreamSource {
	const streaming = (): void => {
		if (!card().capabilities.streaming) throw new UnsupportedOperationError('the agent card says the agent does not stream (capabilities.streaming)', {});
	};
	return {
		card,
		async openSend(message, configuration, limits) {
			streaming();
			return exchange.open((codec) => codec.spec.stream(message, configuration, codec.tenant), limits);
		},
		async openSubscribe(taskId, limits) {
			streaming();
			return exchange.open((codec) => codec.spec.subscribe(taskId, codec.tenant), limits);
		},
	};
}
