import { checkOptions, isAbortSignal } from '../arguments.js';
import { ConfigError } from '../errors/config-error.js';
import { isResponseValidationError } from '../errors/response-validation-error.js';
import { kindOf } from '../internal/describe.js';
import { isRecord } from '../internal/json.js';
import { createTransport } from '../transport.js';
import type { AnswerContext } from './answer.js';
import type { AgentConnection } from './api.js';
import { checkedId, checkedPushConfig, checkedQuery, getTaskChecks, limitsOf, sendChecks } from './call-checks.js';
import { fetchCard, readCard } from './card.js';
import { isFresh, type CachedCard } from './card-cache.js';
import { cardUrlOf } from './card-url.js';
import { chooseInterface, type InterfaceChoice } from './choose-interface.js';
import { createCodec, type Codec } from './codec.js';
import { PushNotificationNotSupportedError } from './errors/push-notification-not-supported-error.js';
import { UnsupportedOperationError } from './errors/unsupported-operation-error.js';
import { createExchange } from './exchange.js';
import { resolveOptions, type A2ASettings, type ConnectOptions } from './options.js';
import { outgoingMessage } from './outgoing.js';
import { streamCalls } from './stream-calls.js';
import { createStreamSource, type StreamSource } from './stream-source.js';

/** An open connection before it is frozen for the caller: its unary calls, and what streaming builds on. */
export interface OpenConnection {
	connection: AgentConnection;
	streams: StreamSource;
	settings: A2ASettings;
}

/** The card and the interface chosen from it, replaced together when the card is fetched again. */
interface State {
	cached: CachedCard;
	choice: InterfaceChoice;
	codec: Codec;
}

/** The card `urlOrCard` stands for: fetched from a URL, or a card object, validated like a fetched one. */
async function firstCard(urlOrCard: unknown, load: (url: string) => Promise<CachedCard>, context: AnswerContext): Promise<CachedCard> {
	if (typeof urlOrCard === 'string' || urlOrCard instanceof URL) return load(cardUrlOf(String(urlOrCard)));
	if (!isRecord(urlOrCard)) throw new ConfigError('url', `must be the agent's URL or its card (an object), got ${kindOf(urlOrCard)}`);
	try {
		return { card: readCard(urlOrCard, 'card', context), url: undefined, etag: undefined, freshUntil: Number.POSITIVE_INFINITY };
	} catch (error) {
		if (isResponseValidationError(error)) throw new ConfigError('card', `is not an agent card: ${error.message.replace(/^invalid response: /, '')}`);
		throw error;
	}
}

/** Connects (see `connectAgent`), keeping what the streaming calls need beside the connection. */
export async function openConnection(urlOrCard: unknown, options: ConnectOptions | undefined): Promise<OpenConnection> {
	const settings = resolveOptions(options);
	const { core } = settings;
	const context: AnswerContext = { redaction: core.redaction, clock: core.clock };
	let state: State | undefined;
	const current = (): State => {
		if (!state) throw new Error('no card yet');
		return state;
	};
	const exchange = createExchange(settings, createTransport(core), () => current().codec);
	const adopt = (cached: CachedCard): void => {
		const choice = chooseInterface(cached.card, cached.url, settings.protocol, settings.binding);
		state = { cached, choice, codec: createCodec(choice, context) };
	};
	adopt(await firstCard(urlOrCard, (url) => fetchCard(settings, exchange, url, undefined, { signal: settings.signal }), context));

	const { requestMs, sendMs } = core.timeouts;
	const push = (): void => {
		if (!current().cached.card.capabilities.pushNotifications) {
			throw new PushNotificationNotSupportedError('the agent card says the agent has no push notifications (capabilities.pushNotifications)', {});
		}
	};

	const streams = createStreamSource(exchange, () => current().cached.card);
	const connection: AgentConnection = {
		get card() {
			return current().cached.card;
		},
		get interface() {
			return current().choice.interface;
		},
		get protocolVersion() {
			return current().choice.version;
		},
		get binding() {
			return current().choice.binding;
		},
		async refreshCard(refreshOptions) {
			const { signal, force } = checkOptions(refreshOptions, { signal: [isAbortSignal, 'an AbortSignal'], force: [(value) => typeof value === 'boolean', 'a boolean'] });
			const { cached } = current();
			if (cached.url === undefined || (!force && isFresh(cached, core.clock))) return cached.card;
			adopt(await fetchCard(settings, exchange, cached.url, cached, { signal: signal ?? undefined }));
			return current().cached.card;
		},
		async send(message, sendOptions) {
			const { options: given, limits } = limitsOf(sendOptions, sendChecks, sendMs);
			const wire = outgoingMessage(message, { taskId: given.taskId ?? undefined, contextId: given.contextId ?? undefined }, core.uuid);
			const configuration = { returnImmediately: given.returnImmediately ?? undefined, historyLength: given.historyLength ?? undefined, acceptedOutputModes: given.acceptedOutputModes ?? undefined };
			return exchange.unary('send', (codec) => codec.spec.send(wire, configuration, codec.tenant), limits);
		},
		async getTask(taskId, taskOptions) {
			const id = checkedId('taskId', taskId);
			const { options: given, limits } = limitsOf(taskOptions, getTaskChecks, requestMs);
			return exchange.unary('getTask', (codec) => codec.spec.getTask(id, given.historyLength ?? undefined, codec.tenant), limits);
		},
		async cancelTask(taskId, callOptions) {
			const id = checkedId('taskId', taskId);
			const { limits } = limitsOf(callOptions, {}, requestMs);
			return exchange.unary('cancelTask', (codec) => codec.spec.cancelTask(id, codec.tenant), limits);
		},
		async listTasks(query, callOptions) {
			const filter = checkedQuery(query);
			const { limits } = limitsOf(callOptions, {}, requestMs);
			const list = current().codec.spec.listTasks;
			if (!list) throw new UnsupportedOperationError('listTasks needs A2A v1.0, and this agent is spoken to in v0.3', {});
			return exchange.unary('listTasks', (codec) => (codec.spec.listTasks ?? list)(filter, codec.tenant), limits);
		},
		async createPushConfig(taskId, config, callOptions) {
			const id = checkedId('taskId', taskId);
			const input = checkedPushConfig(config);
			const { limits } = limitsOf(callOptions, {}, requestMs);
			push();
			for (const secret of [input.token, input.authentication?.credentials]) if (secret) core.redaction.remember(secret);
			return exchange.unary('createPushConfig', (codec) => codec.spec.createPushConfig(id, input, codec.tenant), limits);
		},
		async getPushConfig(taskId, configId, callOptions) {
			const [task, config] = [checkedId('taskId', taskId), checkedId('configId', configId)];
			const { limits } = limitsOf(callOptions, {}, requestMs);
			push();
			return exchange.unary('getPushConfig', (codec) => codec.spec.getPushConfig(task, config, codec.tenant), limits);
		},
		async listPushConfigs(taskId, callOptions) {
			const task = checkedId('taskId', taskId);
			const { limits } = limitsOf(callOptions, {}, requestMs);
			push();
			return exchange.unary('listPushConfigs', (codec) => codec.spec.listPushConfigs(task, codec.tenant), limits);
		},
		async deletePushConfig(taskId, configId, callOptions) {
			const [task, config] = [checkedId('taskId', taskId), checkedId('configId', configId)];
			const { limits } = limitsOf(callOptions, {}, requestMs);
			push();
			await exchange.unary('deletePushConfig', (codec) => codec.spec.deletePushConfig(task, config, codec.tenant), limits);
		},
		// A task that ended during a cut is read with this connection's own getTask (called later, once `connection` is set).
		...streamCalls(streams, (taskId, options) => connection.getTask(taskId, options), core),
	};
	return { connection, streams, settings };
}
