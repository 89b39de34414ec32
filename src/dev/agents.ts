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

/**
 * Builders of agent behaviours for `DevWorkspace.agent` and `DevPlatform.setAgent`: each returns an
 * `AgentHandler` that answers as a real agent (or its failure) would.
 *
 * @example
 * createDevPlatform({ workspaces: [{ id, name: 'Echo', tokens: ['echo-token'], agent: agents.echo() }] });
 */
export interface DevAgents {
	/**
	 * Replies with the request's text after `prefix`.
	 *
	 * @param prefix Put before the text; `'echo: '` when omitted.
	 * @example
	 * agents.echo('heard: '); // 'hello' → 'heard: hello'
	 */
	echo(prefix?: string): AgentHandler;
	/**
	 * Always replies `text`.
	 *
	 * @example
	 * agents.reply('on it');
	 */
	reply(text: string): AgentHandler;
	/**
	 * Replies with a Task in `state` (`'completed'` when omitted) whose one artifact holds `text`.
	 *
	 * @example
	 * agents.task('Findings: …'); // the client's reply has text 'Findings: …' and taskState 'completed'
	 */
	task(text: string, state?: string): AgentHandler;
	/**
	 * Answers a JSON-RPC error object with HTTP 200; the client's outcome fails with a `JsonRpcError`.
	 *
	 * @example
	 * agents.jsonRpcError(-32603, 'Internal error: model quota exhausted');
	 */
	jsonRpcError(code: number, message: string): AgentHandler;
	/**
	 * Answers HTTP `status` with the JSON `body` (none when omitted); see `HttpReply` for what the proxy makes of it.
	 *
	 * @example
	 * agents.httpStatus(500, { error: 'boom' }); // the proxy answers 500 {"error":"boom"}
	 */
	httpStatus(status: number, body?: unknown): AgentHandler;
	/**
	 * Replies `Agent error: <message>`, as the Python runtime reports an exception; the client's outcome fails with an `AgentError`.
	 *
	 * @example
	 * agents.agentError('RuntimeError: tool call failed');
	 */
	agentError(message: string): AgentHandler;
	/**
	 * Drops the connection, as a busy agent does: the proxy queues the request (202, contract §7.3 row 27).
	 *
	 * @example
	 * agents.busy(); // sendMessage resolves { status: 'queued', queueId, queueDepth, … }
	 */
	busy(): AgentHandler;
	/**
	 * Refuses the connection while its container is alive: the proxy answers 503 restarting with
	 * `Retry-After: 30` (contract §7.3 row 26).
	 *
	 * @example
	 * platform.setAgent(id, agents.restarting());
	 */
	restarting(): AgentHandler;
	/**
	 * Waits `ms` milliseconds on the platform's clock, then answers `then`; the dispatch timeout cuts the wait short.
	 *
	 * @example
	 * agents.slow(120_000, 'finally'); // past the 90 s cut-off, a canvas-class caller gets push-async
	 */
	slow(ms: number, then: AgentReply): AgentHandler;
	/**
	 * The nth call gets the nth reply (an answer or a behaviour); the last one repeats.
	 *
	 * @throws {Error} when called with no reply at all, at the first dispatch.
	 * @example
	 * agents.sequence(agents.busy(), 'second time lucky');
	 */
	sequence(...replies: readonly (AgentReply | AgentHandler)[]): AgentHandler;
	/**
	 * An echo that executes each `params.message.messageId` once, as an idempotent agent should: a repeat
	 * gets the first reply again without running. `executions` counts real runs.
	 *
	 * @param prefix Put before the text; `'echo: '` when omitted.
	 * @example
	 * const agent = agents.dedupingEcho();
	 * // … send one message that is retried …
	 * expect(agent.executions).toBe(1);
	 */
	dedupingEcho(prefix?: string): DedupingAgent;
}

/** Builders of agent behaviours for `DevWorkspace.agent`; see `DevAgents`. */
export const agents: DevAgents = {
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
};
