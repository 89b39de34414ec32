// `stream` and `subscribe` of an AgentConnection: the options checked, then streamTaskEvents
// (src/a2a/stream.ts) plugged into the connection's current interface (src/a2a/stream-source.ts).
import { isRecord } from '../internal/json.js';
import { maxTimerMs, policy, type Settings } from '../config.js';
import type { OptionChecks } from '../arguments.js';
import type { AgentConnection, StreamOptions, SubscribeOptions } from './api.js';
import { checkedId, limitsOf, sendChecks } from './call-checks.js';
import { outgoingMessage } from './outgoing.js';
import { streamTaskEvents } from './stream.js';
import type { StreamSource } from './stream-source.js';
import type { StreamEvent } from './types.js';

/** The members of `SubscribeOptions` beyond `signal` and `timeoutMs` (`callChecks`). */
const subscribeChecks: OptionChecks = {
	idleTimeoutMs: [(value) => typeof value === 'number' && value >= 1 && value <= maxTimerMs, `a number of milliseconds from 1 to ${maxTimerMs}`],
	maxEventBytes: [(value) => typeof value === 'number' && Number.isInteger(value) && value >= 1, 'a whole number of bytes from 1'],
	// Its members are checked by `policy`, which names them.
	retry: [isRecord, 'an object of retry policy members'],
};

/** `stream` and `subscribe` over `streams`, with `getTask` for a task that ended during a cut. */
export function streamCalls(streams: StreamSource, getTask: AgentConnection['getTask'], core: Settings): Pick<AgentConnection, 'stream' | 'subscribe'> {
	const { sendMs, requestMs } = core.timeouts;

	/** What every stream shares: the limits of `options` and the connection's clock, random and logger. */
	const common = (options: Partial<SubscribeOptions>, signal: AbortSignal | undefined) => ({
		getTask: (id: string, reading: AbortSignal) => getTask(id, { signal: reading }),
		idleTimeoutMs: options.idleTimeoutMs ?? undefined,
		maxEventBytes: options.maxEventBytes ?? undefined,
		retry: policy('options.retry', core.retry, options.retry),
		clock: core.clock,
		random: core.random,
		logger: core.logger,
		signal,
	});

	return {
		stream(message, streamOptions): AsyncIterableIterator<StreamEvent> {
			const { options, limits } = limitsOf<StreamOptions>(streamOptions, { ...sendChecks, ...subscribeChecks }, sendMs);
			const shared = common(options, limits.signal);
			// Made once: a resubscription never sends the message again, and its messageId stays the same.
			const wire = outgoingMessage(message, { taskId: options.taskId ?? undefined, contextId: options.contextId ?? undefined }, core.uuid);
			const configuration = { returnImmediately: options.returnImmediately ?? undefined, historyLength: options.historyLength ?? undefined, acceptedOutputModes: options.acceptedOutputModes ?? undefined };
			return streamTaskEvents<StreamEvent>({ ...streams.plug({ message: wire, configuration }, limits.timeoutMs), openTimeoutMs: limits.timeoutMs, ...shared });
		},
		subscribe(taskId, subscribeOptions): AsyncIterableIterator<StreamEvent> {
			const id = checkedId('taskId', taskId);
			const { options, limits } = limitsOf<SubscribeOptions>(subscribeOptions, subscribeChecks, requestMs);
			return streamTaskEvents<StreamEvent>({ ...streams.plug(undefined, limits.timeoutMs), openTimeoutMs: limits.timeoutMs, taskId: id, ...common(options, limits.signal) });
		},
	};
}
