import type { A2AClient } from '../index.js';
import type { InboundMessage } from './message-types.js';
import type {
	ActivityEntry,
	AgentCard,
	Attachment,
	DelegationOutcome,
	DelegationRow,
	DelegationStarted,
	HeartbeatReport,
	Memory,
	MemoryScope,
	Registration,
} from './types.js';

/** The legacy memory endpoints the Python tools use. */
export interface Memories {
	/**
	 * Saves `content` (`POST /memories`) in `options.scope`: `LOCAL` unless given.
	 *
	 * @example await agent.memories.commit('The deploy key rotates on Mondays', { scope: 'TEAM' });
	 */
	commit(content: string, options?: { scope?: MemoryScope; namespace?: string; signal?: AbortSignal }): Promise<{ id: string; scope: string; namespace?: string }>;
	/**
	 * The memories this workspace can read whose content contains `query` (ignoring case; `''` for all),
	 * newest first. The platform ignores the query, so it is applied here.
	 *
	 * @example const notes = await agent.memories.recall('deploy key');
	 */
	recall(query: string, options?: { scope?: MemoryScope; signal?: AbortSignal }): Promise<Memory[]>;
}

/** A workspace that is an agent: it registers, beats, receives messages and answers them. */
export interface Agent {
	/** The canonical (lower-case) workspace id. */
	readonly workspaceId: string;
	/** How the platform delivers this agent's messages: `'poll'` (its inbox) or `'push'` (its `fetch`). */
	readonly deliveryMode: 'poll' | 'push';
	/**
	 * The workspace client of this agent (`sendMessage`, `sendText`, `discoverPeer`, `getPeers`,
	 * `listPeers`, `getWorkspaceInfo`, `getQueuedMessage`, `waitForReply`), with the agent's token (the
	 * minted one once there is one).
	 *
	 * @example const outcome = await agent.client.sendMessage(peerId, 'status?');
	 */
	readonly client: A2AClient;
	/**
	 * Registers the workspace (`POST /registry/register`) with the card, the delivery mode and, in push
	 * mode, the URL. A first registration mints a token, which is stored and used from then on; the
	 * inbound secret is stored too. Throws `TokenRejectedError` when the platform refuses the stored token.
	 *
	 * @example const { tokenMinted } = await agent.register();
	 */
	register(options?: { signal?: AbortSignal }): Promise<Registration>;
	/**
	 * Sends one heartbeat (`POST /registry/heartbeat`) with `report`, or with the `heartbeat.report`
	 * option when none is given; stores a rotated inbound secret. `run` sends them on its own. A member
	 * that is not one of the report's, or not what it says (`errorRate` from 0 to 1, counts whole), is a
	 * `ConfigError` naming it (`report.errorRate`), and nothing is sent.
	 *
	 * @example const { generation } = await agent.heartbeat({ activeTasks: 1, currentTask: 'triage' });
	 */
	heartbeat(report?: HeartbeatReport, options?: { signal?: AbortSignal }): Promise<{ generation: number }>;
	/**
	 * Replaces the registered agent card (`POST /registry/update-card`); later registers send it too.
	 *
	 * @example await agent.updateCard({ name: 'triage', skills: [{ id: 'triage', name: 'Triage' }] });
	 */
	updateCard(card: AgentCard, options?: { signal?: AbortSignal }): Promise<void>;
	/**
	 * A poll-mode agent's messages, oldest first, until `signal` aborts. A message counts as handled when
	 * it was answered with `message.reply()` or the loop asks for the next one; leaving the loop (`break`,
	 * a throw) without replying leaves the current one unhandled, so it comes again. Handled ids and the cursor are kept in the store; each batch is acknowledged to
	 * the platform once handled. Ends with `TokenRejectedError` when the platform refuses the token.
	 *
	 * @example
	 * for await (const message of agent.inbox({ signal })) await message.reply(`echo: ${message.text}`);
	 */
	inbox(options?: { signal?: AbortSignal }): AsyncIterable<InboundMessage>;
	/**
	 * The push-mode inbound handler: `export default { fetch: agent.fetch }`, `Deno.serve(agent.fetch)`,
	 * `Bun.serve({ fetch: agent.fetch })`. Checks `Authorization: Bearer <inbound secret>` in constant
	 * time before reading the body (401 otherwise), reads a JSON-RPC `message/send` of at most 16 MiB,
	 * calls `onMessage` and answers the reply as a JSON-RPC Message; anything else gets a JSON-RPC error.
	 * Chat files the platform forwards (`…/internal/chat/uploads/ingest`) are refused with 501: this agent keeps none.
	 *
	 * @example
	 * Deno.serve({ port: 8000 }, agent.fetch); // registered as https://agent.example/a2a/inbound
	 */
	fetch(request: Request): Promise<Response>;
	/**
	 * Registers, then beats every `heartbeat.intervalMs` and, in poll mode, feeds the inbox to
	 * `onMessage`, replying with what it returns. Resolves when `signal` aborts, leaving no timer behind;
	 * rejects with `TokenRejectedError` (or a registration failure) when the agent cannot go on.
	 *
	 * @example
	 * const stop = new AbortController();
	 * await agent.run({ signal: stop.signal });
	 */
	run(options?: { signal?: AbortSignal }): Promise<void>;
	/**
	 * Hands `task` to the workspace `targetId` in the background (`POST /delegate`). The idempotency key
	 * defaults to a SHA-256 of this workspace, the target and the task, so repeating a call does not
	 * delegate twice while the first is not failed.
	 *
	 * @example const { delegationId } = await agent.delegate(peerId, 'Summarise the open incidents');
	 */
	delegate(targetId: string, task: string, options?: { idempotencyKey?: string; signal?: AbortSignal }): Promise<DelegationStarted>;
	/**
	 * The delegation rows of this workspace, sent and received (at most 50, newest first), as the
	 * platform lists them (addendum §9.2): one per activity entry, so a delegation's start and its
	 * result are two rows sharing a `delegationId`; the first row of an id is its latest state.
	 *
	 * @example
	 * const latest = new Map<string, DelegationRow>();
	 * for (const row of await agent.delegations()) if (!latest.has(row.delegationId)) latest.set(row.delegationId, row);
	 * const running = [...latest.values()].filter((row) => row.direction === 'sent' && row.status !== 'completed' && row.status !== 'failed');
	 */
	delegations(options?: { signal?: AbortSignal }): Promise<DelegationRow[]>;
	/**
	 * Polls `delegations()` (every 3 s) until the delegation completes or fails. Rejects with
	 * `DelegationTimeoutError` after `timeoutMs` (default 300000), or with the signal's reason.
	 *
	 * @example const outcome = await agent.waitForDelegation(delegationId, { timeoutMs: 60_000 });
	 */
	waitForDelegation(delegationId: string, options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<DelegationOutcome>;
	/**
	 * Shows `message` to the workspace's people (`POST /notify`), with files from `uploadChatFiles`.
	 * Rejects with `TalkToUserDisabledError` when the workspace may not talk to its user.
	 *
	 * @example await agent.notifyUser('The report is ready', { attachments: await agent.uploadChatFiles([report]) });
	 */
	notifyUser(message: string, options?: { attachments?: Attachment[]; signal?: AbortSignal }): Promise<void>;
	/**
	 * Uploads files to the workspace's chat (`POST /chat/uploads`) after checking them against the
	 * platform's limits (`GET /uploads/limits`): an `UploadLimitError` names the limit, nothing is sent.
	 *
	 * @example const [file] = await agent.uploadChatFiles([new File(['a,b'], 'data.csv', { type: 'text/csv' })]);
	 */
	uploadChatFiles(files: readonly Blob[], options?: { signal?: AbortSignal }): Promise<Attachment[]>;
	/**
	 * Writes an entry to the workspace's activity log (`POST /activity`), as this workspace. An unknown
	 * member, a member of the wrong type (`durationMs` a whole number from 0, `targetId` a UUID,
	 * `metadata` an object) or a value JSON cannot carry is a `ConfigError` naming it (`entry.metadata.x`).
	 *
	 * @example await agent.logActivity({ type: 'agent_log', summary: 'Indexed 42 documents' });
	 */
	logActivity(entry: ActivityEntry, options?: { signal?: AbortSignal }): Promise<void>;
	/** The workspace's memories, through the legacy endpoints (contract §17). */
	readonly memories: Memories;
}
