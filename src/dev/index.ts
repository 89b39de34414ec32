/**
 * The dev platform: the Molecule AI platform endpoints as a fetch handler over an in-memory
 * model, for tests, examples, UIs and agents in development. Runs in every runtime.
 *
 * @module
 */
export { createDevPlatform } from './platform.js';
export { demoOrg, type DemoOrg } from './demo.js';
export { agents, type DedupingAgent } from './agents.js';
export type {
	ActivityRow,
	AgentContext,
	AgentHandler,
	AgentReply,
	BusyReply,
	DelayedReply,
	DevPlatform,
	DevPlatformOptions,
	DevWorkspace,
	DevWorkspacePatch,
	ErrorReply,
	HttpReply,
	JsonRpcRequest,
	PartsReply,
	QueueItem,
	QueueStatus,
	ReadFailureReply,
	RecordedRequest,
	ResultReply,
	TaskReply,
	UnreachableReply,
} from './types.js';
export type { Clock } from '../clock.js';
