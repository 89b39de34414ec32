import { A2AClientError, guardFor } from './a2a-client-error.js';

/**
 * The agent's runtime failed: its reply starts with `Agent error:`, its task ended failed or rejected,
 * or the platform relayed its failure in a 2xx answer (an empty reply: `agent returned empty response body`).
 */
export class AgentError extends A2AClientError {
	override name = 'AgentError' as const;
}

export const isAgentError = guardFor<AgentError>('AgentError');
