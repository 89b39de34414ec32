// The canvas's public shapes, hand-written; each row shape has a schema in ./schemas.ts and
// test/canvas/shapes.fixture.ts fails to compile when the two disagree.
import type { PeerRecord } from '../types/peer.js';

/**
 * A workspace of the organisation, as `GET /workspaces` lists it (addendum §9.12): the registry's
 * fields plus the canvas's. Every member but `id` may be missing or `null`; other fields the platform
 * sends (`x`, `y`, `compute`, `boot_steps`, …) are kept at run time, unchecked and untyped.
 *
 * @example
 * const label = `${workspace.name ?? workspace.id} · ${workspace.status ?? 'unknown'}`;
 */
export type Workspace = PeerRecord & {
	/** `workspace` or `platform` (the organisation's concierge). */
	kind?: string | null | undefined;
	/** The agent runtime, e.g. `claude-code` (the platform's default) or `external`. */
	runtime?: string | null | undefined;
	/** Tasks the agent may run at once. */
	max_concurrent_tasks?: number | null | undefined;
	/** What the agent said it is doing at its last heartbeat. */
	current_task?: string | null | undefined;
	/** The agent card the workspace registered, as it sent it. */
	agent_card?: unknown;
	/** `GET /workspaces/:id` only: the agent's last heartbeat (RFC 3339). */
	last_heartbeat_at?: string | null | undefined;
	/** `GET /workspaces/:id` only: whether the platform sees the agent as stuck. */
	wedged?: boolean | null | undefined;
};

/**
 * The organisation's workspaces, in creation order, with ways to walk their tree (`parent_id`).
 *
 * @example
 * const tree = await canvas.listWorkspaces();
 * const walk = (node: Workspace, depth: number): string[] => [`${'  '.repeat(depth)}${node.name}`, ...tree.childrenOf(node.id).flatMap((child) => walk(child, depth + 1))];
 * console.log(tree.roots().flatMap((root) => walk(root, 0)).join('\n'));
 */
export interface WorkspaceTree {
	/** Every workspace, in the order the platform listed them (creation order). */
	readonly workspaces: readonly Workspace[];
	/**
	 * The workspaces with no parent, and those whose parent is not in the list (removed), in list order.
	 *
	 * @example const roots = tree.roots();
	 */
	roots(): Workspace[];
	/**
	 * The direct children of the workspace `id`, in list order; `[]` for a leaf or an unknown id.
	 *
	 * @example const team = tree.childrenOf(lead.id);
	 */
	childrenOf(id: string): Workspace[];
	/**
	 * The workspace `id` (any case), or `undefined`.
	 *
	 * @example const selected = tree.get(selectedId);
	 */
	get(id: string): Workspace | undefined;
}

/**
 * A file in a chat message, by reference: what `GET /chat-history` lists and uploads give.
 *
 * @example
 * const link = `<a href="${file.uri}">${file.name}</a>`;
 */
export type ChatFile = {
	/** Where the file is: `workspace:…`, `platform-pending:…`, or a URL. */
	uri: string;
	/** The file name, e.g. `report.pdf`. */
	name: string;
	/** The media type, when known. */
	mimeType?: string | undefined;
	/** The size in bytes, when known. */
	size?: number | undefined;
};

/**
 * One bubble of a workspace's chat, as `chatHistory` reads it from `GET /workspaces/:id/chat-history`.
 *
 * @example
 * const bubble = message.isError ? `⚠ ${message.text}` : `${message.role}: ${message.text}`;
 */
export type ChatMessage = {
	/** The platform's id: `<activity row id>:user` or `…:agent`. */
	id: string;
	/** Who speaks: a person (`user`), the agent (`agent`), or the platform (`system`, e.g. a notice). */
	role: 'user' | 'agent' | 'system';
	/** The text; `''` for a message of files only. */
	text: string;
	/** The files attached to it. */
	files: ChatFile[];
	/** When it was said (RFC 3339). */
	at: string;
	/** The agent's turn failed (its text starts with `Agent error` or `[A2A_ERROR]`): show it as an error, with its hint. */
	isError: boolean;
	/** A `system` message's kind, e.g. `notice`. */
	systemKind?: string | undefined;
};

/**
 * A page of chat history, oldest first.
 *
 * @example
 * const { messages, reachedEnd } = await canvas.chatHistory(workspaceId, { limit: 50 });
 */
export type ChatHistory = {
	/** The messages, oldest first. */
	messages: ChatMessage[];
	/** No older messages exist: stop paging. */
	reachedEnd: boolean;
};

/**
 * One line of a workspace's agent-to-agent traffic, as the canvas's Agent Comms panel shows it (spec §8.3).
 *
 * @example
 * const line = `${entry.direction === 'out' ? '→' : '←'} ${entry.peerId ?? '?'}: ${entry.text} (${entry.status})`;
 */
export type AgentCommsEntry = {
	/** The activity row's id. */
	id: string;
	/** A message (`a2a_send`, `a2a_receive`) or a delegation (`delegate`, `delegate_result`). */
	kind: 'message' | 'delegation';
	/** `out`: this workspace spoke (or delegated); `in`: a peer spoke to it (or a delegation came back). */
	direction: 'in' | 'out';
	/** The other workspace, when the row names it. */
	peerId: string | null;
	/** What was said: the message's text, the task, the delegation's reply, the queued line, or the error detail. */
	text: string;
	/** The row's status: `ok`, `error`, `queued`, `completed`, `failed`, …. */
	status: string;
	/** When it happened (RFC 3339). */
	at: string;
	/** The exchange failed: `text` is its error detail, without the `[A2A_ERROR]` sentinel. */
	isError: boolean;
};

/**
 * One edge of the delegation topology: `source` delegated to `target` `count` times in the window.
 *
 * @example
 * const label = `${edge.count} call${edge.count === 1 ? '' : 's'}${edge.hot ? ' · hot' : ''}`;
 */
export type TopologyEdge = {
	/** The delegating workspace. */
	source: string;
	/** The workspace delegated to. */
	target: string;
	/** Delegations from `source` to `target` within the window. */
	count: number;
	/** The newest of them (RFC 3339). */
	latest: string;
	/** The newest is younger than `hotMs`. */
	hot: boolean;
};
