/**
 * The dev platform: the Molecule AI platform endpoints as a fetch handler over an in-memory
 * model, for tests, examples, UIs and agents in development. Runs in every runtime.
 *
 * @module
 */
export { createDevPlatform } from './platform.js';
export { demoAdminToken, demoOrg, type DemoOrg } from './demo.js';
export { agents, type DedupingAgent, type DevAgents } from './agents.js';
export type {
	AgentContext,
	AgentHandler,
	AgentReply,
	BusyReply,
	DelayedReply,
	ErrorReply,
	HttpReply,
	JsonRpcRequest,
	PartsReply,
	ReadFailureReply,
	RestartingReply,
	ResultReply,
	TaskReply,
	UnreachableReply,
} from './agent-types.js';
export type {
	ActivityRow,
	BudgetPeriod,
	DatastoreFailure,
	DevPlatform,
	DevPlatformOptions,
	DevWorkspace,
	DevWorkspacePatch,
	OrgApiToken,
	PeriodBudget,
	QueueItem,
	QueueStatus,
	RecordedRequest,
	UploadLimits,
} from './types.js';
export type { PlatformEvent } from './events.js';
export type { EventSocketAccept, EventSocketPeer, StreamEnd } from './streams.js';
export { devSessionCookie } from './sessions.js';
export type { Clock } from '../clock.js';
