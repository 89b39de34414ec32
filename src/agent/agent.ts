import { checkMembers, refuseUnknown, type OptionChecks } from '../arguments.js';
import { createA2AClient } from '../client.js';
import { configMembers, maxTimerMs, resolveConfig } from '../config.js';
import { ConfigError } from '../errors/config-error.js';
import { kindOf, shownValue } from '../internal/describe.js';
import { isRecord } from '../internal/json.js';
import { createRedaction } from '../redaction.js';
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
import { checkCard, checkReport, heartbeat, register, updateCard } from './registry.js';
import { run } from './run.js';
import { Secrets } from './secrets.js';
import { AgentState, memoryStore, storeKeys } from './store.js';
import type { Agent } from './api.js';
import type { AgentOptions } from './types.js';
import { createUploads } from './uploads.js';

const isFunction = (value: unknown): boolean => typeof value === 'function';
const isObject = (value: unknown): boolean => isRecord(value);
const isStore = (value: unknown): boolean => isRecord(value) && typeof value['get'] === 'function' && typeof value['set'] === 'function';

/** The agent's own options (the client's are checked by `resolveConfig`; `url` by `pushUrl`). */
const agentChecks: OptionChecks = {
	deliveryMode: [(value) => value === 'poll' || value === 'push', "'poll' or 'push'", true],
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

/** Every option of `createAgent`: the client's and the agent's own. */
const agentMembers = [...configMembers, 'deliveryMode', 'url', 'card', 'onMessage', 'store', 'heartbeat', 'inbox'];

/** The longest push URL taken: what browsers and proxies reliably carry, and far more than an inbound route needs. */
const maxUrlLength = 2048;

/**
 * The push URL, checked: http(s), without credentials (the platform would keep them and send them
 * with every push, and show them to whoever reads the registration), at most 2,048 characters. A bad
 * one is quoted back without credentials, query or a configured secret (`redact`).
 */
function pushUrl(value: unknown, redact: (text: string) => string): string | undefined {
	if (value === undefined) return undefined;
	const parsed = typeof value === 'string' && /^https?:\/\/\S+$/.test(value) && URL.canParse(value) ? new URL(value) : undefined;
	if (!parsed) throw new ConfigError('url', `must be an http(s) URL, got ${shownValue(typeof value === 'string' ? redact(value) : value)}`);
	if (parsed.username || parsed.password) throw new ConfigError('url', 'must not carry credentials (user:password@): the platform would keep them and show them with the registration');
	if ((value as string).length > maxUrlLength) throw new ConfigError('url', `must be at most ${maxUrlLength} characters, got ${(value as string).length}`);
	return value as string;
}

function agentSettings(options: AgentOptions, redact: (text: string) => string): AgentSettings {
	refuseUnknown(options, agentMembers, '');
	checkMembers(options as unknown as Record<string, unknown>, agentChecks, '');
	const url = pushUrl(options.url, redact);
	const deliveryMode = options.deliveryMode ?? 'poll';
	if (deliveryMode === 'push' && url === undefined) throw new ConfigError('url', "is required when deliveryMode is 'push': the platform POSTs messages there");
	// Without a handler every push would be answered with an error: say so now, not at the first message.
	if (deliveryMode === 'push' && options.onMessage === undefined) throw new ConfigError('onMessage', "is required when deliveryMode is 'push': agent.fetch answers each message with what it returns");
	const { heartbeat: beat = {}, inbox = {} } = options;
	const report = beat.report;
	if (report !== undefined && !isRecord(report) && typeof report !== 'function') throw new ConfigError('heartbeat.report', `must be an object or a function, got ${kindOf(report)}`);
	// A fixed report is checked now; what a function returns, before each heartbeat.
	if (isRecord(report)) checkReport(report, 'heartbeat.report');
	refuseUnknown(beat, ['intervalMs', 'report'], 'heartbeat');
	refuseUnknown(inbox, ['intervalMs', 'jitter', 'backfillSeconds', 'batchSize'], 'inbox');
	const card = options.card ?? {};
	checkCard(card);
	return {
		deliveryMode,
		url,
		card,
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
	const { deliveryMode: _mode, url: _url, card: _card, onMessage: _onMessage, store = memoryStore(), heartbeat: _beat, inbox: _inbox, token: configured, ...clientOptions } = options;
	// A configured token is never quoted back, even from the wrong option (`url: token`).
	const redaction = createRedaction();
	if (typeof configured === 'string' && configured.trim() !== '') redaction.remember(configured.trim());
	const agentOptions = agentSettings(options, redaction.text);
	if (configured !== undefined && configured !== null && typeof configured !== 'string' && typeof configured !== 'function' && !isRecord(configured)) {
		throw new ConfigError('token', 'must be a string, a function, or an object with get()');
	}
	const secrets = new Secrets();
	if (typeof configured === 'string') secrets.remember(configured.trim());
	// Warnings of the store go to the configured logger; the store is read only once the agent is running.
	const state = new AgentState(store, secrets, (line) => settings.logger.warn(line));
	const token = new StoredSecret(state, secrets, storeKeys.token);
	const config = { ...clientOptions, token: { get: agentToken(token, configured ?? undefined, secrets) } };
	const settings = resolveConfig(config, [configured]);
	const transport = createTransport(settings);
	const context: AgentContext = {
		settings,
		agent: agentOptions,
		transport,
		call: createCaller(settings, transport, secrets, async () => configured !== undefined && configured !== null ? true : Boolean(await token.get())),
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
	// One registration at a time: two at once on a fresh workspace would mint a token for the first
	// and refuse the second, which sent none (run() and a caller racing it, or two run()s).
	let registering: ReturnType<Agent['register']> | undefined;
	const agent: Agent = {
		workspaceId: settings.workspaceId,
		deliveryMode: agentOptions.deliveryMode,
		client: context.client,
		register: (opts) =>
			(registering ??= register(context, opts).finally(() => {
				registering = undefined;
			})),
		heartbeat: async (report, opts) => heartbeat(context, report, opts),
		updateCard: async (card, opts) => updateCard(context, card, opts),
		inbox: (opts) => ({ [Symbol.asyncIterator]: () => inboxMessages(context, tools, opts) }),
		fetch: createInboundHandler(context, () => agent, tools),
		run: async (opts) => run(context, agent, opts),
		delegate: async (targetId, task, opts) => delegate(context, targetId, task, opts),
		delegations: async (opts) => delegations(context, opts),
		waitForDelegation: async (delegationId, opts) => waitForDelegation(context, delegationId, opts),
		notifyUser: async (message, opts) => notifyUser(context, message, opts),
		uploadChatFiles: async (files, opts) => uploads.uploadChatFiles(files, opts),
		logActivity: async (entry, opts) => logActivity(context, entry, opts),
		memories: createMemories(context),
	};
	return Object.freeze(agent);
}
