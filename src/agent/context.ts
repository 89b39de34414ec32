import type { A2AClient } from '../client.js';
import type { Settings } from '../config.js';
import type { Transport } from '../transport.js';
import type { InboundSecret, StoredSecret } from './credentials.js';
import type { Caller } from './platform.js';
import type { Secrets } from './secrets.js';
import type { AgentState } from './store.js';
import type { MessageHandler } from './message-types.js';
import type { AgentCard, HeartbeatOptions } from './types.js';

/** The agent's options after defaults and checks. */
export interface AgentSettings {
	deliveryMode: 'poll' | 'push';
	url: string | undefined;
	/** Replaced by `updateCard`. */
	card: AgentCard;
	onMessage: MessageHandler | undefined;
	heartbeatMs: number;
	report: HeartbeatOptions['report'];
	inbox: { intervalMs: number; jitter: number; backfillSeconds: number; batchSize: number };
}

/** What every part of the agent shares: the client's settings and transport, the store, the secrets. */
export interface AgentContext {
	settings: Settings;
	agent: AgentSettings;
	transport: Transport;
	call: Caller;
	state: AgentState;
	secrets: Secrets;
	token: StoredSecret;
	inboundSecret: InboundSecret;
	client: A2AClient;
	/** `clock.now()` when the agent was created, for `uptime_seconds`. */
	startedAt: number;
}
