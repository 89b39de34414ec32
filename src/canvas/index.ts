/**
 * Speak to the organisation's workspaces as a person, from the canvas web UI or any runtime with
 * `fetch`: list the workspaces as a tree, chat with any of them (history, files, queued replies), show
 * the agents' traffic and the delegation topology, and follow live events with reconnects.
 *
 * @module
 */
export { createCanvasClient, type CanvasCallOptions, type CanvasClient } from './client.js';
export type { CanvasAuth, CanvasClientOptions, CanvasTimeouts, WebSocketConstructor } from './options.js';
export type { CanvasSendOptions, HistoryTurn } from './send.js';
export type { ChatHistoryOptions } from './history.js';
export type { AgentCommsOptions } from './comms.js';
export type { TopologyOptions } from './topology.js';
export type { EventsOptions } from './events.js';
export type { AgentCommsEntry, ChatFile, ChatHistory, ChatMessage, TopologyEdge, Workspace, WorkspaceTree } from './types.js';
export type {
	A2AResponseEvent,
	ActivityLoggedEvent,
	AgentMessageEvent,
	CanvasEvent,
	DelegationEvent,
	OtherEventType,
	PlatformEvent,
	PlatformEventBase,
	ReconnectedEvent,
	ReconnectingEvent,
	UserMessageEvent,
	WorkspaceEvent,
} from './event-types.js';
export { UploadLimitError, isUploadLimitError, type UploadLimit } from '../errors/upload-limit-error.js';
