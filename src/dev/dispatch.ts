import { readCapped } from '../internal/body.js';
import { deadline } from '../internal/deadline.js';
import { within } from '../internal/within.js';
import type { DevSettings } from './context.js';
import { requestContextId, type Envelope } from './envelope.js';
import { decodeUtf8 } from './http.js';
import type { AgentHandler, AgentReply } from './agent-types.js';
import type { DevWorkspace } from './types.js';

/** How a dispatch to an agent ended, in the terms the proxy distinguishes (contract §7.3 rows 23–33). */
export type DispatchResult =
	| { kind: 'response'; status: number; body: string }
	| { kind: 'busy'; reason: string }
	| { kind: 'restarting'; reason: string }
	| { kind: 'unreachable'; reason: string }
	| { kind: 'readFailure'; status: number; reason: string }
	| { kind: 'tooLarge'; status: number };

export interface DispatchRequest {
	workspace: DevWorkspace;
	/** Where the agent lives: a URL, or an in-process behaviour. */
	endpoint: string | AgentHandler;
	envelope: Envelope;
	callerId: string;
	timeoutMs: number;
	/** `Authorization` for an agent at an external URL: `Bearer <inbound secret>` (contract §7.4). */
	authorization?: string;
	/**
	 * Ends the dispatch early, as the deadline does: the platform was closed. A client's abort is not
	 * this — the dispatch survives a disconnect (contract §3.5).
	 */
	stop?: AbortSignal;
}

/** The proxy reads at most 64 MiB of an agent's reply; more is an error (contract §7.3 row 29). */
export const maxResponseBytes = 64 * 1024 * 1024;
const deadlineExceeded = 'context deadline exceeded';
// What Go's dispatcher calls busy (EOF, connection reset), as fetch implementations phrase it.
const busyFailure = /EOF|connection reset|ECONNRESET|UND_ERR_SOCKET|other side closed|socket hang up|connection dropped/i;

function describe(error: unknown): string {
	const parts: string[] = [];
	for (let current = error, depth = 0; current instanceof Error && depth < 3; current = current.cause, depth++) {
		const code = (current as { code?: unknown }).code;
		parts.push(`${typeof code === 'string' ? `${code} ` : ''}${current.message}`);
	}
	return parts.join(': ') || String(error);
}

/** The reply object an A2A server sends for `reply` (a JSON-RPC success, or an HTTP status). */
function materialise(reply: Exclude<AgentReply, { delayMs: number }>, request: DispatchRequest, uuid: () => string): DispatchResult {
	const { request: rpc } = request.envelope;
	const rpcResponse = (member: Record<string, unknown>): DispatchResult => ({
		kind: 'response',
		status: 200,
		body: JSON.stringify({ jsonrpc: '2.0', id: rpc.id ?? null, ...member }),
	});
	const contextId = requestContextId(rpc);
	const message = (parts: readonly unknown[]): Record<string, unknown> => ({
		kind: 'message',
		messageId: uuid(),
		role: 'agent',
		parts,
		...(contextId === undefined ? {} : { contextId }),
	});
	if (typeof reply === 'string') return rpcResponse({ result: message([{ kind: 'text', text: reply }]) });
	if ('parts' in reply) return rpcResponse({ result: message(reply.parts) });
	if ('task' in reply) return rpcResponse({ result: { kind: 'task', id: uuid(), contextId: contextId ?? uuid(), ...reply.task } });
	if ('result' in reply) return rpcResponse({ result: reply.result });
	if ('error' in reply) return rpcResponse({ error: reply.error });
	if ('status' in reply) return { kind: 'response', status: reply.status, body: reply.body === undefined ? '' : JSON.stringify(reply.body) };
	if ('busy' in reply) return { kind: 'busy', reason: 'EOF' };
	if ('restarting' in reply) return { kind: 'restarting', reason: 'dial tcp: connection refused' };
	if ('unreachable' in reply) return { kind: 'unreachable', reason: 'dial tcp: connection refused' };
	return { kind: 'readFailure', status: 200, reason: 'unexpected EOF' };
}

async function runHandler(handler: AgentHandler, request: DispatchRequest, settings: DevSettings, signal: AbortSignal): Promise<DispatchResult> {
	const aborted = new Promise<DispatchResult>((resolve) => {
		if (signal.aborted) resolve({ kind: 'busy', reason: deadlineExceeded });
		signal.addEventListener('abort', () => resolve({ kind: 'busy', reason: deadlineExceeded }), { once: true });
	});
	const run = async (): Promise<DispatchResult> => {
		let reply = await handler(request.envelope.request, {
			callerId: request.callerId || null,
			workspace: { ...request.workspace },
			signal,
			uuid: settings.uuid,
		});
		while (typeof reply === 'object' && 'delayMs' in reply) {
			await settings.clock.sleep(reply.delayMs, signal);
			reply = reply.then;
		}
		return materialise(reply, request, settings.uuid);
	};
	// A behaviour that throws is a crashing agent: the A2A server answers 500 with no body.
	const outcome = run().catch((): DispatchResult => (signal.aborted ? { kind: 'busy', reason: deadlineExceeded } : { kind: 'response', status: 500, body: '' }));
	return Promise.race([outcome, aborted]);
}

async function postToUrl(url: string, request: DispatchRequest, settings: DevSettings, signal: AbortSignal): Promise<DispatchResult> {
	let response: Response;
	try {
		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		if (request.authorization) headers['Authorization'] = request.authorization;
		// Called without a receiver: a runtime's own fetch refuses `settings` as `this` (Illegal invocation).
		// Raced against the deadline: a fetch that ignores its signal must not hold the dispatch.
		// Redirects are never followed: a 3xx is the agent's answer (contract §7.4).
		const send = settings.fetch;
		response = await within(send(new Request(url, { method: 'POST', headers, body: request.envelope.text, signal, redirect: 'manual' })), signal);
	} catch (error) {
		if (signal.aborted) return { kind: 'busy', reason: deadlineExceeded };
		const reason = describe(error);
		return busyFailure.test(reason) ? { kind: 'busy', reason } : { kind: 'unreachable', reason };
	}
	try {
		// A read the deadline overtakes fails even if the body's source ignores the abort.
		const bytes = await readCapped(response.body, maxResponseBytes, signal);
		return bytes === null ? { kind: 'tooLarge', status: response.status } : { kind: 'response', status: response.status, body: decodeUtf8(bytes) };
	} catch (error) {
		return { kind: 'readFailure', status: response.status, reason: describe(error) };
	}
}

/**
 * POSTs the envelope to the agent, cancelling it after `timeoutMs` on the platform clock.
 * A cancelled dispatch counts as busy, like Go's context deadline.
 */
export async function dispatch(request: DispatchRequest, settings: DevSettings): Promise<DispatchResult> {
	// The agent's delay sleeps on this signal: the deadline or a closed platform cancels its timer.
	const limit = deadline(settings.clock, request.timeoutMs, request.stop, new Error(deadlineExceeded));
	try {
		const { endpoint } = request;
		return typeof endpoint === 'string'
			? await postToUrl(endpoint, request, settings, limit.signal)
			: await runHandler(endpoint, request, settings, limit.signal);
	} finally {
		limit.clear();
	}
}
