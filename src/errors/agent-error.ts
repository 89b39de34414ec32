import { A2AClientError, guardFor } from './a2a-client-error.js';

/** The agent's runtime failed: its reply starts with `Agent error:`, or its task ended failed or rejected. */
export class AgentError extends A2AClientError {
	override name = 'AgentError' as const;
}

export const isAgentError = guardFor<AgentError>('AgentError');
