/**
 * Fetch-only client for agent-to-agent messaging on the Molecule AI platform.
 * Runs unchanged in browsers, Cloudflare Workers, Deno, Bun and Node.
 *
 * @module
 */
export { createA2AClient, type A2AClient } from './client.js';
export type { PeerConnection, TaskCallOptions } from './peer-connection.js';
export {
	configFromEnv,
	type A2AClientConfig,
	type InjectedOptions,
	type EnvConfig,
	type FetchFunction,
	type Logger,
	type PeerCacheOptions,
	type RetryPolicy,
	type Timeouts,
} from './config.js';
export type { Clock } from './clock.js';
export type { TokenOption, TokenProvider, TokenSource, TokenValue } from './token.js';
export { validatePeerId } from './peer-id.js';
export { backoffDelayMs, type RetryEvent } from './retry.js';
export { extractReply, type Reply } from './reply.js';
export type { QueuedAnswer, RepliedAnswer } from './answer.js';
export type {
	FailedOutcome,
	MessageInput,
	QueuedOutcome,
	RepliedOutcome,
	SendOptions,
	SendOutcome,
} from './messaging.js';
export type {
	QueueItemStatus,
	QueuedMessage,
	QueueReadOptions,
	WaitFailedOutcome,
	WaitForReplyOptions,
	WaitOutcome,
	WaitRepliedOutcome,
} from './queue.js';
export type { ListPeersOptions, LookupOptions, PeerListing } from './registry.js';
export type { PeerRecord } from './types/peer.js';
export { isRemovedWorkspace, isWorkspaceInfo } from './workspace-info.js';
export type { RemovedWorkspace, WorkspaceInfo, WorkspaceInfoFailure, WorkspaceInfoResult } from './types/workspace.js';
export type { DataPart, FilePart, FileRef, OutgoingMessage, Part, TextPart } from './types/a2a.js';
export * from './errors/index.js';
