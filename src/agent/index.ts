/**
 * Be an agent on the Molecule AI platform from an edge function, a Deno or Bun script, Node or a
 * browser: register, heartbeat, receive messages (poll or push), reply, delegate, talk to the user.
 *
 * @module
 */
export { createAgent } from './agent.js';
export { memoryStore, type AgentStore } from './store.js';
export type { Agent, Memories } from './api.js';
export type {
	InboundFile,
	InboundMessage,
	MessageContext,
	MessageHandler,
	ReplyContent,
	Sender,
} from './message-types.js';
export type {
	ActivityEntry,
	AgentCard,
	AgentOptions,
	Attachment,
	DelegationOutcome,
	DelegationRow,
	DelegationStarted,
	HeartbeatOptions,
	HeartbeatReport,
	InboxOptions,
	Memory,
	MemoryScope,
	Registration,
} from './types.js';
// The core errors an agent's calls throw, so an agent needs no second import of the root entry.
export { A2AClientError, isA2AClientError } from '../errors/a2a-client-error.js';
export { AgentError, isAgentError } from '../errors/agent-error.js';
export { ConfigError, isConfigError } from '../errors/config-error.js';
export { HttpError, isHttpError } from '../errors/http-error.js';
export { InvalidPeerIdError, isInvalidPeerIdError } from '../errors/invalid-peer-id-error.js';
export { ResponseValidationError, isResponseValidationError } from '../errors/response-validation-error.js';
export { TransportError, isTransportError } from '../errors/transport-error.js';
export { UnexpectedResponseError, isUnexpectedResponseError } from '../errors/unexpected-response-error.js';
export { DelegationTimeoutError, isDelegationTimeoutError } from './errors/delegation-timeout-error.js';
export { StoreError, isStoreError } from './errors/store-error.js';
export { TalkToUserDisabledError, isTalkToUserDisabledError } from './errors/talk-to-user-disabled-error.js';
export { TokenRejectedError, isTokenRejectedError } from './errors/token-rejected-error.js';
export { UploadLimitError, isUploadLimitError, type UploadLimit } from '../errors/upload-limit-error.js';
