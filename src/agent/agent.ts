import { checkMembers, isAbortSignal, type OptionChecks } from '../arguments.js';
import { createA2AClient } from '../client.js';
import { maxTimerMs, resolveConfig } from '../config.js';
import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { isRecord } from '../internal/json.js';
import { createTransport } from '../transport.js';
import type { AgentContext, AgentSettings } from './context.js';
import { agentToken, InboundSecret, StoredSecret } from './credentials.js';
import { delegate, delegations, waitForDelegation } from './delegation.js';
import { createInboundHandler } from './inbound.js';
import { inboxMessages } from './inbox.js';
import { notification, type MessageTools } from './message.js';
import { createMemories, logActivity } from './memories.js';
import { notifyUser } from './notify.js';
import { createCaller } from './platform.js';
import { heartbeat, register, updateCard } from './registry.js';
import { run } from './run.js';
import { Secrets } from './secrets.js';
import { AgentState, memoryStore, storeKeys } from './store.js';
import type { Agent } from './api.js';
import type { AgentOptions } from './types.js';
import { createUploads } from './uploads.js';

const isFunction = (value: unknown): boolean => typeof value === 'function';
const isObject = (value: unknown): boolean => isRecord(value);
const isStore = (value: unknown): boolean => isRecord(value) && typeof value['get'] === 'function' && typeof value['set'] === 'function';

/** The agent's own options (the client's are checked by `resolveConfig`). */
const agentChecks: OptionChecks = {
	deliveryMode: [(value) => value === 'poll' || value === 'push', "'poll' or 'push'", true],
	url: [(value) => typeof value === 'string' && /^https?:\/\/\S+$/.test(value), 'an http(s) URL', true],
	card: [isObject, 'an object (the agent card)'],
	onMessage: [isFunction, 'a function'],
	store: [isStore, 'an object with get(key) and set(key, value)'],
	heartbeat: [isObject, 'an object'],
	inbox: [isObject, 'an object'],
};

/** `value`, a number within `[min, max]`, else a `ConfigError` naming `field`; `fallback` when undefined. */
function numberIn(field: string, value: unknown, fallback: number, min: number, max: number, integer = false): number {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !(value >= min && value <= max) || (integer && !Number.isInteger(value))) {
		throw new ConfigError(field, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${kindOf(value)}`);
	}
	return value;
}

function agentSettings(options: AgentOptions): AgentSettings {
	checkMembers(options as unknown as Record<string, unknown>, agentChecks, '');
	const deliveryMode = options.deliveryMode ?? 'poll';
	if (deliveryMode === 'push' && options.url === undefined) throw new ConfigError('url', "is required when deliveryMode is 'push': the platform POSTs messages there");
	// Without a handler every push would be answered with an error: say so now, not at the first message.
	if (deliveryMode === 'push' && options.onMessage === undefined) throw new ConfigError('onMessage', "is required when deliveryMode is 'push': agent.fetch answers each message with what it returns");
	const { heartbeat: beat = {}, inbox = {} } = options;
	const report = beat.report;
	if (report !== undefined && !isRecord(report) && typeof report !== 'function') throw new ConfigError('heartbeat.report', `must be an object or a function, got ${kindOf(report)}`);
	for (const key of Object.keys(beat)) if (key !== 'intervalMs' && key !== 'report') throw new ConfigError(`heartbeat.${key}`, 'is not an option (intervalMs, report)');
	for (const key of Object.keys(inbox)) {
		if (!['intervalMs', 'jitter', 'backfillSeconds', 'batchSize'].includes(key)) throw new ConfigError(`inbox.${key}`, 'is not an option (intervalMs, jitter, backfillSeconds, batchSize)');
	}
	return {
		deliveryMode,
		url: options.url,
		card: options.card ?? {},
		onMessage: options.onMessage,
		heartbeatMs: numberIn('heartbeat.intervalMs', beat.intervalMs, 30_000, 1, maxTimerMs),
		report,
		inbox: {
			intervalMs: numberIn('inbox.intervalMs', inbox.intervalMs, 5000, 1, maxTimerMs),
			jitter: numberIn('inbox.jitter', inbox.jitter, 0.2, 0, 1),
			backfillSeconds: numberIn('inbox.backfillSeconds', inbox.backfillSeconds, 600, 1, 2_592_000, true),
			batchSize: numberIn('inbox.batchSize', inbox.batchSize, 100, 1, 500, true),
		},
	};
}

/**
 * Makes a workspace an agent on the Molecule AI platform, in any runtime with `fetch`: it registers,
 * beats, receives messages (poll mode: from its inbox; push mode: as `agent.fetch`), answers them,
 * delegates, talks to its user, and keeps what must survive a restart in `store`.
 * Throws `ConfigError`, naming the option, when the options cannot work.
 *
 * @example
 * const agent = createAgent({
 *   workspaceId, platformUrl, store,
 *   onMessage: (message) => `You said: ${message.text}`,
 * });
 * await agent.run({ signal });
 */
export function createAgent(options: AgentOptions): Agent {
	if (!isRecord(options)) throw new ConfigError('options', `must be an object, got ${kindOf(options)}`);
	const agentOptions = agentSettings(options);
	const { deliveryMode: _mode, url: _url, card: _card, onMessage: _onMessage, store = memoryStore(), heartbeat: _beat, inbox: _inbox, token: configured, ...clientOptions } = options;
	if (configured !== undefined && configured !== null && typeof configured !== 'string' && typeof configured !== 'function' && !isRecord(configured)) {
		throw new ConfigError('token', 'must be a string, a function, or an object with get()');
	}
	const secrets = new Secrets();
	if (typeof configured === 'string') secrets.remember(configured.trim());
	// Warnings of the store go to the configured logger; the store is read only once the agent is running.
	const state = new AgentState(store, secrets, (line) => settings.logger.warn(line));
	const token = new StoredSecret(state, secrets, storeKeys.token);
	const config = { ...clientOptions, token: { get: agentToken(token, configured ?? undefined, secrets) } };
	const settings = resolveConfig(config);
	const transport = createTransport(settings);
	const context: AgentContext = {
		settings,
		agent: agentOptions,
		transport,
		call: createCaller(settings, transport, secrets),
		state,
		secrets,
		token,
		inboundSecret: new InboundSecret(state, secrets),
		client: createA2AClient(config),
		startedAt: settings.clock.now(),
	};
	const uploads = createUploads(context);
	const tools: MessageTools = {
		download: uploads.download,
		async reply(message, parts) {
			if (message.from === 'user') {
				const { message: text, attachments } = notification(parts);
				return notifyUser(context, text, { attachments });
			}
			if (message.from === 'unknown') throw new ConfigError('reply', 'has no sender to answer: the platform did not say who sent this message');
			const outcome = await context.client.sendMessage(message.from.id, { parts, metadata: { in_reply_to: message.messageId } });
			if (outcome.status === 'failed') throw outcome.error;
		},
	};
	const signalOf = (value: { signal?: AbortSignal | undefined } | undefined): { signal?: AbortSignal | undefined } | undefined => {
		if (value !== undefined && value !== null && !isRecord(value)) throw new ConfigError('options', `must be an object, got ${kindOf(value)}`);
		const signal = value?.signal;
		if (signal !== undefined && signal !== null && !isAbortSignal(signal)) throw new ConfigError('options.signal', `must be an AbortSignal, got ${kindOf(signal)}`);
		return value ?? undefined;
	};

	const agent: Agent = {
		workspaceId: settings.workspaceId,
		deliveryMode: agentOptions.deliveryMode,
		client: context.client,
		register: async (opts) => register(context, signalOf(opts)),
		heartbeat: async (report, opts) => heartbeat(context, report, signalOf(opts)),
		updateCard: async (card, opts) => updateCard(context, card, signalOf(opts)),
		inbox: (opts) => ({ [Symbol.asyncIterator]: () => inboxMessages(context, tools, opts) }),
		fetch: createInboundHandler(context, () => agent, tools),
		run: async (opts) => run(context, agent, opts),
		delegate: async (targetId, task, opts) => delegate(context, targetId, task, signalOf(opts)),
		delegations: async (opts) => delegations(context, signalOf(opts)),
		waitForDelegation: async (delegationId, opts) => waitForDelegation(context, delegationId, opts),
		notifyUser: async (message, opts) => notifyUser(context, message, signalOf(opts)),
		uploadChatFiles: async (files, opts) => uploads.uploadChatFiles(files, signalOf(opts)),
		logActivity: async (entry, opts) => logActivity(context, entry, signalOf(opts)?.signal),
		memories: createMemories(context),
	};
	return Object.freeze(agent);
}
