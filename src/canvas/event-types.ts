// What `events()` yields: platform events, typed by `type`, and the stream's own word on its
// connection. Payload schemas are in ./schemas.ts; test/canvas/shapes.fixture.ts ties the two.
import type { FileRef, Part } from '../types/a2a.js';
import type { ChatFile } from './types.js';

/**
 * What every platform event carries.
 *
 * @example
 * const when = event.at ? new Date(event.at).toLocaleTimeString() : '';
 */
export type PlatformEventBase = {
	/** The workspace the event is about. */
	workspaceId: string;
	/** When the platform sent it (RFC 3339), when the frame said. */
	at?: string | undefined;
};

/**
 * `A2A_RESPONSE`: the reply to a canvas-class turn, pushed (addendum §4.4): how a `queued` (push-async)
 * `send` gets its answer. Its reply is read as `send` reads one.
 *
 * @example
 * if (event.type === 'A2A_RESPONSE' && event.messageId === sent.messageId) show(event.text);
 */
export type A2AResponseEvent = PlatformEventBase & {
	/** The discriminator. */
	type: 'A2A_RESPONSE';
	/** The reply's text parts joined with `\n`. */
	text: string;
	/** The reply's parts. */
	parts: Part[];
	/** The reply's files that carry a `uri`. */
	files: FileRef[];
	/** The `messageId` of the turn answered (a `send` outcome's `messageId`). */
	messageId?: string | undefined;
	/** The JSON-RPC method answered. */
	method?: string | undefined;
	/** How long the turn took, in milliseconds. */
	durationMs?: number | undefined;
};

/**
 * `AGENT_MESSAGE`: an agent told its people something (`/notify`), e.g. a delegation's result.
 *
 * @example
 * if (event.type === 'AGENT_MESSAGE') append({ role: 'agent', text: event.text, files: event.files });
 */
export type AgentMessageEvent = PlatformEventBase & {
	/** The discriminator. */
	type: 'AGENT_MESSAGE';
	/** What the agent said. */
	text: string;
	/** The workspace's name. */
	name?: string | undefined;
	/** Files it attached. */
	files: ChatFile[];
};

/**
 * `USER_MESSAGE`: a person's turn reached the workspace (from this canvas or another), or a platform notice.
 *
 * @example
 * if (event.type === 'USER_MESSAGE' && event.role === 'system') showNotice(event.text);
 */
export type UserMessageEvent = PlatformEventBase & {
	/** The discriminator. */
	type: 'USER_MESSAGE';
	/** `user` for a person's turn, `system` for a platform notice. */
	role: 'user' | 'system';
	/** The text. */
	text: string;
	/** The turn's `messageId`. */
	messageId?: string | undefined;
	/** Files attached. */
	files: ChatFile[];
	/** A notice's kind, e.g. `notice`. */
	systemKind?: string | undefined;
};

/**
 * `ACTIVITY_LOGGED`: a new row in the workspace's activity feed.
 *
 * @example
 * if (event.type === 'ACTIVITY_LOGGED' && event.activityType === 'a2a_send') refreshComms();
 */
export type ActivityLoggedEvent = PlatformEventBase & {
	/** The discriminator. */
	type: 'ACTIVITY_LOGGED';
	/** The row's `activity_type`, e.g. `a2a_receive`. */
	activityType: string;
	/** The row's `method`. */
	method?: string | undefined;
	/** The row's `source_id`. */
	sourceId?: string | undefined;
	/** The row's `target_id`. */
	targetId?: string | undefined;
	/** The row's `status`. */
	status?: string | undefined;
	/** The row's `summary`. */
	summary?: string | undefined;
	/** The whole payload, as sent (request and response bodies included). */
	payload: Record<string, unknown>;
};

/**
 * `DELEGATION_SENT`, `DELEGATION_STATUS`, `DELEGATION_COMPLETE` or `DELEGATION_FAILED`: a delegation of the workspace moved.
 *
 * @example
 * if (event.type === 'DELEGATION_FAILED') toast(`${event.delegationId}: ${event.error}`);
 */
export type DelegationEvent = PlatformEventBase & {
	/** The discriminator. */
	type: 'DELEGATION_SENT' | 'DELEGATION_STATUS' | 'DELEGATION_COMPLETE' | 'DELEGATION_FAILED';
	/** The delegation. */
	delegationId: string;
	/** The workspace delegated to. */
	targetId?: string | undefined;
	/** The new status (`DELEGATION_STATUS`: `dispatched`, `queued`, …). */
	status?: string | undefined;
	/** The task's start (`SENT`) or the reply's (`COMPLETE`). */
	preview?: string | undefined;
	/** Why it failed (`FAILED`). */
	error?: string | undefined;
};

/**
 * The other event types the platform sends (addendum §9.14), with their payload as sent.
 *
 * @example
 * const kinds: OtherEventType[] = ['WORKSPACE_ONLINE', 'WORKSPACE_OFFLINE'];
 */
export type OtherEventType =
	| 'WORKSPACE_ONLINE'
	| 'WORKSPACE_OFFLINE'
	| 'WORKSPACE_DEGRADED'
	| 'WORKSPACE_HEARTBEAT'
	| 'WORKSPACE_PROVISIONING'
	| 'WORKSPACE_PROVISION_FAILED'
	| 'WORKSPACE_HIBERNATED'
	| 'WORKSPACE_PAUSED'
	| 'WORKSPACE_REMOVED'
	| 'WORKSPACE_AWAITING_AGENT'
	| 'WORKSPACE_RESTART_DECLINED'
	| 'TASK_UPDATED'
	| 'AGENT_CARD_UPDATED'
	| 'AGENT_ASSIGNED'
	| 'AGENT_REPLACED'
	| 'AGENT_REMOVED'
	| 'AGENT_MOVED'
	| 'SESSION_RESET'
	| 'BOOT_STEP'
	| 'CHANNEL_MESSAGE'
	| 'APPROVAL_REQUESTED'
	| 'APPROVAL_ESCALATED'
	| 'USER_TASK_REQUESTED'
	| 'USER_TASK_RESOLVED'
	| 'REQUEST_CREATED'
	| 'REQUEST_RESPONDED'
	| 'REQUEST_MESSAGE'
	| 'EXTERNAL_CREDENTIALS_ROTATED';

/**
 * A platform event of one of the `OtherEventType`s, e.g. a workspace going online: its payload as sent.
 *
 * @example
 * if (event.type === 'WORKSPACE_ONLINE') markOnline(event.workspaceId);
 */
export type WorkspaceEvent = PlatformEventBase & {
	/** The discriminator. */
	type: OtherEventType;
	/** The event's fields as the platform sent them. */
	payload: Record<string, unknown>;
};

/**
 * Any platform event `events()` passes on, told apart by `type`.
 *
 * @example
 * const isChat = (event: PlatformEvent) => event.type === 'A2A_RESPONSE' || event.type === 'AGENT_MESSAGE' || event.type === 'USER_MESSAGE';
 */
export type PlatformEvent = A2AResponseEvent | AgentMessageEvent | UserMessageEvent | ActivityLoggedEvent | DelegationEvent | WorkspaceEvent;

/**
 * The events connection dropped (or could not be made); the next try comes after `delayMs`. Events sent
 * meanwhile are lost: reload what the UI shows (history, traffic) once `reconnected` comes.
 *
 * @example
 * if (event.type === 'reconnecting') banner(`reconnecting in ${Math.ceil(event.delayMs / 1000)} s…`);
 */
export type ReconnectingEvent = {
	/** The discriminator (lower-case: the stream's own word, not the platform's). */
	type: 'reconnecting';
	/** Failed connections in a row, this one included. */
	attempt: number;
	/** The wait before the next try, in milliseconds (backoff with jitter). */
	delayMs: number;
	/** Why, e.g. `the connection closed` or a `ConnectError`. */
	reason: string;
};

/**
 * The events connection is open again after a drop.
 *
 * @example
 * if (event.type === 'reconnected') { banner(null); reloadHistory(); }
 */
export type ReconnectedEvent = {
	/** The discriminator. */
	type: 'reconnected';
	/** Failed connections before this one opened. */
	attempt: number;
};

/**
 * What `events()` yields: a platform event, or word of the connection.
 *
 * @example
 * for await (const event of canvas.events({ workspaceId, signal })) {
 *   if (event.type === 'reconnecting' || event.type === 'reconnected') setBanner(event.type);
 *   else handle(event);
 * }
 */
export type CanvasEvent = PlatformEvent | ReconnectingEvent | ReconnectedEvent;
