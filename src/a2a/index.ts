/**
 * Speak A2A directly to any agent: its card, A2A v1.0 or v0.3 over JSON-RPC or HTTP+JSON, tasks
 * and push notification configs, with the core's time limits, retries and validation. Runs in
 * browsers, workers, Deno, Bun and Node.
 *
 * @module
 */
export { connectAgent } from './connect.js';
export type { AgentConnection, CallOptions, GetTaskOptions, ListTasksQuery, NewPushConfig, SendOptions } from './api.js';
export type { A2ATimeouts, ConnectOptions, HeadersOption } from './options.js';
export type { Binding, ProtocolVersion } from './operation.js';
export type { MessageInput, OutgoingMessage } from './outgoing.js';
export type { AgentCapabilities, AgentCard, AgentInterface, AgentSkill } from './card-types.js';
export type {
	Artifact,
	DataPart,
	FileContent,
	FilePart,
	Message,
	Part,
	PushAuthentication,
	PushNotificationConfig,
	Role,
	StreamEvent,
	Task,
	TaskArtifactUpdateEvent,
	TaskPage,
	TaskState,
	TaskStatus,
	TaskStatusUpdateEvent,
	TextPart,
} from './types.js';
export * from './errors/index.js';
export {
	A2AClientError,
	ConfigError,
	HttpError,
	InvalidMessageError,
	ResponseValidationError,
	TransportError,
	UnexpectedResponseError,
	isA2AClientError,
	isConfigError,
	isHttpError,
	isInvalidMessageError,
	isResponseValidationError,
	isTransportError,
	isUnexpectedResponseError,
	type TransportErrorKind,
	type ValidationIssue,
} from '../errors/index.js';
export type { Clock } from '../clock.js';
export type { FetchFunction, Logger, RetryPolicy } from '../config.js';
