import { idempotencyKeyOf, requestText } from './envelope.js';
import type { AgentHandler, AgentReply, JsonRpcRequest } from './agent-types.js';

/** An agent that also counts how many requests it actually executed. */
export interface DedupingAgent extends AgentHandler {
	/** Requests executed; repeats of a `messageId` are not counted. */
	readonly executions: number;
}

/** Replies with the request's text after `prefix`. */
function echo(prefix = 'echo: '): AgentHandler {
	return (request) => prefix + requestText(request);
}

/** Always replies `text`. */
function reply(text: string): AgentHandler {
	return () => text;
}

/** Replies with a Task in `state` whose one artifact holds `text`. */
function task(text: string, state = 'completed'): AgentHandler {
	return (_request, { uuid }) => ({
		task: { status: { state }, artifacts: [{ artifactId: uuid(), parts: [{ kind: 'text', text }] }] },
	});
}

/** Answers a JSON-RPC error (HTTP 200). */
function jsonRpcError(code: number, message: string): AgentHandler {
	return () => ({ error: { code, message } });
}

/** Answers HTTP `status` with the JSON `body`. */
function httpStatus(status: number, body?: unknown): AgentHandler {
	return () => (body === undefined ? { status } : { status, body });
}

/** Replies `Agent error: <message>`, as the Python runtime reports an exception. */
function agentError(message: string): AgentHandler {
	return () => `Agent error: ${message}`;
}

/** Drops the connection: the proxy queues the request (202). */
function busy(): AgentHandler {
	return () => ({ busy: true });
}

/** Refuses the connection while its container is alive: the proxy answers 503 restarting, `Retry-After: 30`. */
function restarting(): AgentHandler {
	return () => ({ restarting: true });
}

/** Waits `ms` on the platform clock, then answers `then`. */
function slow(ms: number, then: AgentReply): AgentHandler {
	return () => ({ delayMs: ms, then });
}

/** The nth call gets the nth reply (a reply or a behaviour); the last one repeats. */
function sequence(...replies: readonly (AgentReply | AgentHandler)[]): AgentHandler {
	let calls = 0;
	return (request, context) => {
		const next = replies[Math.min(calls++, replies.length - 1)];
		if (next === undefined) throw new Error('agents.sequence needs at least one reply');
		return typeof next === 'function' ? next(request, context) : next;
	};
}

/**
 * An echo that executes each `params.message.messageId` once, as an idempotent agent should:
 * a repeat gets the first reply again without running. `executions` counts real runs.
 */
function dedupingEcho(prefix = 'echo: '): DedupingAgent {
	const replies = new Map<string, AgentReply>();
	const agent = Object.assign(
		(request: JsonRpcRequest): AgentReply => {
			const key = idempotencyKeyOf(request);
			const earlier = key === '' ? undefined : replies.get(key);
			if (earlier !== undefined) return earlier;
			agent.executions++;
			const answer = prefix + requestText(request);
			if (key !== '') replies.set(key, answer);
			return answer;
		},
		{ executions: 0 },
	);
	return agent;
}

/** Builders of agent behaviours for `DevWorkspace.agent`. */
export const agents = {
	echo,
	reply,
	task,
	jsonRpcError,
	httpStatus,
	agentError,
	busy,
	restarting,
	slow,
	sequence,
	dedupingEcho,
} as const;
