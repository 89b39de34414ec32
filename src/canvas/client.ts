import type { AnswerContext } from '../answer.js';
import type { MessageInput, SendOutcome } from '../messaging.js';
import type { QueuedMessage } from '../queue.js';
import { createTransport } from '../transport.js';
import type { FilePart } from '../types/a2a.js';
import type { PeerRecord } from '../types/peer.js';
import { agentComms, type AgentCommsOptions } from './comms.js';
import type { CanvasEvent } from './event-types.js';
import { events, type EventsOptions } from './events.js';
import { chatHistory, type ChatHistoryOptions } from './history.js';
import { createCaller, type CanvasContext } from './http.js';
import { resolveCanvasOptions, type CanvasClientOptions } from './options.js';
import { peers, queueStatus, updateCard } from './registry.js';
import { send, type CanvasSendOptions } from './send.js';
import { delegationTopology, type TopologyOptions } from './topology.js';
import type { AgentCommsEntry, ChatHistory, TopologyEdge, Workspace, WorkspaceTree } from './types.js';
import { createUploads } from './uploads.js';
import { getWorkspace, listWorkspaces } from './workspaces.js';

/**
 * Options of a call that takes only a signal.
 *
 * @example
 * await canvas.listWorkspaces({ signal: AbortSignal.timeout(5000) });
 */
export interface CanvasCallOptions {
	/** Aborting rejects the call at once with the signal's reason. */
	signal?: AbortSignal | undefined;
}

/**
 * The canvas's client: a person (session cookie, ADMIN or organisation token) speaking to the
 * organisation's workspaces. Every request is a canvas-class caller's: no `X-Workspace-ID`, no
 * hierarchy rule. Failures reject with the core's typed errors (`HttpError`, `TransportError`,
 * `ResponseValidationError`, `ConfigError`, `InvalidPeerIdError`), every token removed; `send`
 * resolves to the core's `SendOutcome` instead. Frozen; its methods may be passed around detached.
 *
 * @example
 * const canvas = createCanvasClient({ platformUrl, auth: { session: true } });
 * const tree = await canvas.listWorkspaces();
 * const outcome = await canvas.send(tree.roots()[0].id, 'What is the team working on?');
 */
export interface CanvasClient {
	/** The platform base URL, without a trailing `/`. */
	readonly platformUrl: string;
	/**
	 * The organisation's workspaces (`GET /workspaces`, ADMIN or organisation auth), with `roots()`,
	 * `childrenOf(id)` and `get(id)` to walk their tree (`parent_id`). Uses `timeouts.requestMs`.
	 *
	 * @example
	 * const tree = await canvas.listWorkspaces();
	 * for (const root of tree.roots()) console.log(root.name, tree.childrenOf(root.id).length);
	 */
	listWorkspaces(options?: CanvasCallOptions): Promise<WorkspaceTree>;
	/**
	 * One workspace (`GET /workspaces/:id`), with its heartbeat fields. A removed workspace rejects with
	 * the platform's 410 as an `HttpError` (its `body.hint` says what to do).
	 *
	 * @example
	 * const workspace = await canvas.getWorkspace(id);
	 */
	getWorkspace(workspaceId: string, options?: CanvasCallOptions): Promise<Workspace>;
	/**
	 * Sends `message` to the workspace as the canvas does (`POST /workspaces/:id/a2a`, no
	 * `X-Workspace-ID`): `options.history`'s last 20 turns go in `params.metadata.history`. Retried and
	 * read as the core's `sendMessage`: `'replied'` with the reply; `'queued'` when the platform took it
	 * for later (a turn past the platform's 90 s gets `deliveryMode: 'push-async'`, and its reply comes as
	 * an `A2A_RESPONSE` event with this outcome's `messageId`); `'failed'` with the typed error
	 * (`formatA2AError` gives its `[A2A_ERROR]` line, `hintForFailure` from `./hints` its hint). Files are
	 * file parts from `uploadFiles`. Each attempt is limited by `timeouts.sendMs` (120 s). Rejects only
	 * when `options.signal` aborts.
	 *
	 * @example
	 * const files = await canvas.uploadFiles(id, [file]);
	 * const outcome = await canvas.send(id, { parts: [{ kind: 'text', text: 'Summarise this' }, ...files] }, { history: messages });
	 * if (outcome.status === 'replied') show(outcome.text);
	 */
	send(workspaceId: string, message: MessageInput, options?: CanvasSendOptions): Promise<SendOutcome>;
	/**
	 * Uploads files to the workspace's chat (`POST /workspaces/:id/chat/uploads`) after checking them
	 * against the platform's limits (`GET /uploads/limits`, read once): an `UploadLimitError` names the
	 * limit and nothing is sent. Resolves to file parts for `send`. Uses `timeouts.uploadMs`.
	 *
	 * @example
	 * const parts = await canvas.uploadFiles(id, [new File(['a,b'], 'data.csv', { type: 'text/csv' })]);
	 */
	uploadFiles(workspaceId: string, files: readonly Blob[], options?: CanvasCallOptions): Promise<FilePart[]>;
	/**
	 * A page of the workspace's chat (`GET /workspaces/:id/chat-history`), oldest first, and whether it
	 * reaches the start. The heartbeat's own prompts are left out; a row that is not a message is skipped
	 * and logged.
	 *
	 * @example
	 * const page = await canvas.chatHistory(id, { limit: 50 });
	 * if (!page.reachedEnd) await canvas.chatHistory(id, { before: page.messages[0]?.at });
	 */
	chatHistory(workspaceId: string, options?: ChatHistoryOptions): Promise<ChatHistory>;
	/**
	 * The workspace's agent-to-agent traffic as the canvas shows it (`GET …/activity?source=agent`,
	 * spec §8.3), oldest first: messages out and in, delegations sent and their results, a queued
	 * delegation's line, errors without their `[A2A_ERROR]` sentinel. Malformed rows are skipped and logged.
	 *
	 * @example
	 * const lines = await canvas.agentComms(id);
	 */
	agentComms(workspaceId: string, options?: AgentCommsOptions): Promise<AgentCommsEntry[]>;
	/**
	 * Who delegated to whom among `workspaceIds` (spec §8.3): `delegate` rows of the last `windowMs`
	 * aggregated per source and target, `hot` when the newest is younger than `hotMs`. A workspace whose
	 * feed cannot be read counts as none (logged).
	 *
	 * @example
	 * const edges = await canvas.delegationTopology(tree.workspaces.map((workspace) => workspace.id));
	 */
	delegationTopology(workspaceIds: readonly string[], options?: TopologyOptions): Promise<TopologyEdge[]>;
	/**
	 * Live platform events: one workspace's over SSE (`GET /workspaces/:id/events/stream`) with
	 * `workspaceId`, else the organisation's over `/ws` (sub-protocols `molecule-ws` and, with a token,
	 * `molecule-auth.<hex token>`). After a drop it yields a `reconnecting` item, reconnects with backoff
	 * and jitter (`retry.baseDelayMs`, `retry.maxDelayMs`, on the client's clock) and yields `reconnected`
	 * once open. Within one connection no event comes twice. Bad frames (not JSON, unknown type, missing
	 * payload) are skipped and logged, never thrown. Ends quietly when `options.signal` aborts; throws when
	 * the platform refuses for good (401, 403, 404, 410, a non-SSE answer).
	 *
	 * @example
	 * for await (const event of canvas.events({ workspaceId: id, signal })) {
	 *   if (event.type === 'A2A_RESPONSE') show(event.text);
	 *   else if (event.type === 'reconnecting') banner('reconnecting…');
	 * }
	 */
	events(options?: EventsOptions): AsyncIterable<CanvasEvent>;
	/**
	 * The workspaces the workspace may reach (`GET /registry/:id/peers`): its parent, children and siblings.
	 *
	 * @example
	 * const reachable = await canvas.peers(id);
	 */
	peers(workspaceId: string, options?: CanvasCallOptions): Promise<PeerRecord[]>;
	/**
	 * A queued message's item (`GET /workspaces/:id/a2a/queue/:queue_id`): `null` while the platform has
	 * none yet. `queueId` is a queued outcome's.
	 *
	 * @example
	 * if (outcome.status === 'queued' && outcome.queueId) console.log((await canvas.queueStatus(id, outcome.queueId))?.status);
	 */
	queueStatus(workspaceId: string, queueId: string, options?: CanvasCallOptions): Promise<QueuedMessage | null>;
	/**
	 * Replaces the workspace's agent card (`POST /registry/update-card`), as the canvas's Config tab does.
	 * The platform's registry gate takes only the workspace's own token once it has one (contract §2.2),
	 * so with an ADMIN token, an org token or a session this works only for a workspace that has none
	 * yet; otherwise it rejects with the 401 (`HttpError`).
	 *
	 * @example
	 * await canvas.updateCard(id, { name: 'triage', skills: [{ id: 'triage', name: 'Triage' }] });
	 */
	updateCard(workspaceId: string, card: Record<string, unknown>, options?: CanvasCallOptions): Promise<void>;
}

/**
 * Creates the canvas's client. Nothing is sent until a method is called.
 *
 * @returns A frozen `CanvasClient`.
 * @throws {ConfigError} naming the option (`auth`, `platformUrl`, `timeouts.sendMs`, …) when the options cannot work.
 * @example
 * const canvas = createCanvasClient({ platformUrl: 'https://acme.moleculesai.app', auth: { session: true }, orgId });
 * const { messages } = await canvas.chatHistory(workspaceId);
 */
export function createCanvasClient(options: CanvasClientOptions): CanvasClient {
	const settings = resolveCanvasOptions(options);
	const { core } = settings;
	const transport = createTransport(core);
	// workspaceId names the caller in one 401 (a token of another workspace than the X-Workspace-ID sent): the canvas sends none.
	const answers: AnswerContext = { clock: core.clock, workspaceId: '', redact: core.redaction.text, redactDeep: core.redaction.value };
	const context: CanvasContext = { settings, transport, answers, call: createCaller(settings, transport, answers) };
	const uploadFiles = createUploads(context);
	return Object.freeze({
		platformUrl: core.platformUrl,
		listWorkspaces: async (opts?: CanvasCallOptions) => listWorkspaces(context, opts),
		getWorkspace: async (id: string, opts?: CanvasCallOptions) => getWorkspace(context, id, opts),
		send: async (id: string, message: MessageInput, opts?: CanvasSendOptions) => send(context, id, message, opts),
		uploadFiles: async (id: string, files: readonly Blob[], opts?: CanvasCallOptions) => uploadFiles(id, files, opts),
		chatHistory: async (id: string, opts?: ChatHistoryOptions) => chatHistory(context, id, opts),
		agentComms: async (id: string, opts?: AgentCommsOptions) => agentComms(context, id, opts),
		delegationTopology: async (ids: readonly string[], opts?: TopologyOptions) => delegationTopology(context, ids, opts),
		events: (opts?: EventsOptions) => events(context, opts),
		peers: async (id: string, opts?: CanvasCallOptions) => peers(context, id, opts),
		queueStatus: async (id: string, queueId: string, opts?: CanvasCallOptions) => queueStatus(context, id, queueId, opts),
		updateCard: async (id: string, card: Record<string, unknown>, opts?: CanvasCallOptions) => updateCard(context, id, card, opts),
	});
}
