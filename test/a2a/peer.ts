// An independent A2A peer for the conformance tests: @a2a-js/sdk 1.3's own server (DefaultRequestHandler
// behind its Express adapters, notes §5), on 127.0.0.1 port 0. One instance with legacyCompat serves
// v1.0 JSON-RPC, v1.0 HTTP+JSON and v0.3 JSON-RPC. The executor is scripted by the message text:
// "direct" answers a bare Message, "slow" works until canceled, "need-input" asks for more,
// "fail" fails, "raw" answers a file part of bytes; anything else is echoed as an artifact.
import { AGENT_CARD_PATH, TaskState, type AgentCard, type Part } from '@a2a-js/sdk';
import { duplicateInterfacesForLegacy } from '@a2a-js/sdk/compat/v0_3';
import { AgentEvent, DefaultPushNotificationSender, DefaultRequestHandler, InMemoryPushNotificationStore, InMemoryTaskStore, type ExecutionEventBus, type RequestContext } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, restHandler, UserBuilder } from '@a2a-js/sdk/server/express';
import express from 'express';
import type { AddressInfo } from 'node:net';

const textPart = (text: string): Part => ({ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' });
const now = (): string => new Date().toISOString();

class ScriptedExecutor {
	readonly #canceled = new Set<string>();

	cancelTask = async (taskId: string, bus: ExecutionEventBus): Promise<void> => {
		this.#canceled.add(taskId);
		bus.publish(AgentEvent.statusUpdate({ taskId, contextId: '', metadata: undefined, status: { state: TaskState.TASK_STATE_CANCELED, timestamp: now(), message: undefined } }));
		bus.finished();
	};

	async execute(context: RequestContext, bus: ExecutionEventBus): Promise<void> {
		const first = context.userMessage.parts.find((part) => part.content?.$case === 'text')?.content;
		const text = first?.$case === 'text' ? first.value : '';
		const { taskId, contextId } = context;
		if (text === 'direct') {
			bus.publish(AgentEvent.message({ messageId: crypto.randomUUID(), role: 2, parts: [textPart('direct answer')], contextId, taskId: '', metadata: undefined, extensions: [], referenceTaskIds: [] }));
			bus.finished();
			return;
		}
		const status = (state: TaskState, message?: string) => ({
			state,
			timestamp: now(),
			message: message === undefined ? undefined : { messageId: crypto.randomUUID(), role: 2, parts: [textPart(message)], contextId, taskId, metadata: undefined, extensions: [], referenceTaskIds: [] },
		});
		bus.publish(AgentEvent.task(context.task ?? { id: taskId, contextId, artifacts: [], history: [context.userMessage], metadata: undefined, status: status(TaskState.TASK_STATE_SUBMITTED) }));
		bus.publish(AgentEvent.statusUpdate({ taskId, contextId, metadata: undefined, status: status(TaskState.TASK_STATE_WORKING) }));
		if (text === 'slow') {
			for (let waited = 0; waited < 10_000 && !this.#canceled.has(taskId); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
			if (this.#canceled.has(taskId)) return;
		}
		if (text === 'need-input') {
			bus.publish(AgentEvent.statusUpdate({ taskId, contextId, metadata: undefined, status: status(TaskState.TASK_STATE_INPUT_REQUIRED, 'which quarter?') }));
			bus.finished();
			return;
		}
		if (text === 'fail') throw new Error('scripted failure');
		const parts: Part[] = text === 'raw' ? [{ content: { $case: 'raw', value: Buffer.from([104, 105, 0, 255]) }, metadata: undefined, filename: 'hi.bin', mediaType: 'application/octet-stream' }] : [textPart(`echo: ${text}`)];
		bus.publish(AgentEvent.artifactUpdate({ taskId, contextId, append: false, lastChunk: true, metadata: undefined, artifact: { artifactId: crypto.randomUUID(), name: 'echo', description: '', parts, metadata: undefined, extensions: [] } }));
		bus.publish(AgentEvent.statusUpdate({ taskId, contextId, metadata: undefined, status: status(TaskState.TASK_STATE_COMPLETED) }));
		bus.finished();
	}
}

export interface Peer {
	/** `http://127.0.0.1:<port>`: the card is at `/.well-known/agent-card.json`. */
	readonly base: string;
	close(): Promise<void>;
}

/**
 * Starts the peer; `pushNotifications: false` makes a card without push notifications, `legacy: false`
 * a strict v1.0 server (no v0.3 interfaces, no v0.3 dispatcher), `corsOrigin` answers CORS (preflight
 * included) for that one origin, as the browser run of scripts/test-runtimes.mjs needs.
 */
export async function startPeer(options: { pushNotifications?: boolean; legacy?: boolean; corsOrigin?: string } = {}): Promise<Peer> {
	const legacy = options.legacy ?? true;
	const app = express();
	const { corsOrigin } = options;
	if (corsOrigin !== undefined) {
		app.use((request, response, next) => {
			if (request.headers.origin !== corsOrigin) return next();
			response.set({ 'access-control-allow-origin': corsOrigin, 'access-control-expose-headers': 'etag, retry-after', vary: 'origin' });
			if (request.method !== 'OPTIONS') return next();
			response.set({ 'access-control-allow-methods': 'GET, POST, DELETE', 'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '', 'access-control-max-age': '600' });
			response.status(204).end();
		});
	}
	const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
		const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
	});
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const card: AgentCard = {
		name: 'Echo Peer',
		description: 'conformance peer',
		version: '1.0.0',
		supportedInterfaces: (legacy ? (list: AgentCard['supportedInterfaces']) => duplicateInterfacesForLegacy(list, ['JSONRPC', 'HTTP+JSON']) : (list: AgentCard['supportedInterfaces']) => list)([
			{ url: `${base}/a2a/jsonrpc`, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: '1.0' },
			{ url: `${base}/a2a/rest`, protocolBinding: 'HTTP+JSON', tenant: '', protocolVersion: '1.0' },
		]),
		provider: { organization: 'test', url: 'https://example.com' },
		capabilities: { streaming: true, pushNotifications: options.pushNotifications ?? true, extensions: [], extendedAgentCard: false },
		securitySchemes: {},
		securityRequirements: [],
		defaultInputModes: ['text/plain'],
		defaultOutputModes: ['text/plain'],
		skills: [{ id: 'echo', name: 'echo', description: 'echo', tags: ['echo'], examples: [], inputModes: [], outputModes: [], securityRequirements: [] }],
		signatures: [],
		documentationUrl: '',
		iconUrl: '',
	} as AgentCard;
	const pushStore = new InMemoryPushNotificationStore();
	const handler = new DefaultRequestHandler(card, new InMemoryTaskStore(), new ScriptedExecutor(), undefined, pushStore, new DefaultPushNotificationSender(pushStore, { timeout: 500 }));
	const legacyCompat = { enabled: legacy };
	app.use(`/${AGENT_CARD_PATH}`, agentCardHandler({ agentCardProvider: handler, legacyCompat }));
	app.use('/a2a/jsonrpc', jsonRpcHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication, legacyCompat }));
	app.use('/a2a/rest', restHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication, legacyCompat }));
	return {
		base,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
