import { readCapped } from '../internal/body.js';
import { ConfigError } from '../errors/config-error.js';
import type { Part } from '../index.js';
import { isRecord, parseJson } from '../internal/json.js';
import { validatePeerId } from '../peer-id.js';
import { extractReply } from '../reply.js';
import { parse } from '../schemas/parse.js';
import type { AgentContext } from './context.js';
import { checkReply, inboundMessage, type MessageTools } from './message.js';
import { InboundEnvelopeSchema, MessageParamsSchema } from './schemas.js';
import { sameSecret, secretDigest } from './secrets.js';
import type { Agent } from './api.js';
import type { InboundMessage, Sender } from './message-types.js';

/** The platform sends at most 16 MiB (contract §7.1); a pushed body over that is refused unread. */
export const maxInboundBytes = 16 * 1024 * 1024;

type RpcId = string | number | null;

const hex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * Pushes remembered by sender and `messageId`: a sender's client that lost the connection sends the
 * same message again (the core's retries reuse the `messageId`), and it gets the first answer instead
 * of a second run of `onMessage`. The oldest is forgotten past this many.
 */
export const rememberedPushes = 256;

/** Every answer is JSON, never an empty body: the platform turns an empty 2xx into an error for the sender. */
function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** A JSON-RPC error (codes of JSON-RPC 2.0 §5.1; -32000 for the server's own). */
function rpcError(id: RpcId, code: number, message: string, status = 200, headers: Record<string, string> = {}): Response {
	return answer(status, { jsonrpc: '2.0', id, error: { code, message } }, headers);
}

/** The request body as text, read up to `maxInboundBytes`; `null` when it is larger (reading stops there). */
async function readText(request: Request): Promise<string | null> {
	if (Number(request.headers.get('content-length')) > maxInboundBytes) return null;
	const bytes = await readCapped(request.body, maxInboundBytes);
	return bytes === null ? null : new TextDecoder().decode(bytes);
}

/** Who sent a pushed message: the platform names no sender, but a person's turn carries `source: "canvas_user"`. */
function senderOf(request: Request, metadata: Record<string, unknown> | undefined): Sender {
	const claimed = validatePeerId(request.headers.get('x-workspace-id'));
	if (claimed) return { id: claimed };
	return metadata?.['source'] === 'canvas_user' ? 'user' : 'unknown';
}

/**
 * `agent.fetch`, the push-mode inbound handler (addendum §6). The bearer is compared with the inbound
 * secret in constant time before the body is touched; only then is a JSON-RPC `message/send` of at
 * most 16 MiB read, handed to `onMessage`, and answered as a JSON-RPC Message. Everything else gets
 * a JSON-RPC error, and the handler keeps serving.
 */
export function createInboundHandler(context: AgentContext, agent: () => Agent, tools: Pick<MessageTools, 'download'>): (request: Request) => Promise<Response> {
	const { logger, uuid } = context.settings;
	const describe = context.secrets.describe;
	const answered = new Map<string, Promise<{ result: Record<string, unknown>; failed: boolean }>>();

	async function authorised(request: Request): Promise<Response | null> {
		let expected: Uint8Array | undefined;
		try {
			expected = await context.inboundSecret.digest();
		} catch (error) {
			logger.error(`inbound: cannot read the inbound secret: ${describe(error)}`);
			return rpcError(null, -32000, 'the agent cannot read its inbound secret', 503);
		}
		if (!expected) return rpcError(null, -32000, 'the agent has no inbound secret yet: it must register first', 503);
		const header = request.headers.get('authorization') ?? '';
		// As the platform parses bearers: the exact prefix, then trimmed.
		const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
		if (given === '' || !(await sameSecret(given, expected))) return rpcError(null, -32000, 'unauthorized: a valid inbound secret is required', 401, { 'WWW-Authenticate': 'Bearer' });
		return null;
	}

	async function handle(request: Request): Promise<Response> {
		const refusal = await authorised(request);
		if (refusal) return refusal;
		// The platform forwards chat files of push-mode workspaces to `<url>/internal/chat/uploads/ingest`
		// and reads them from `<url>/internal/file/read` (addendum §9.4); this agent keeps no files.
		if (/\/internal\/(chat\/uploads\/ingest|file\/read)$/.test(new URL(request.url).pathname)) {
			return answer(501, { error: 'this agent does not take chat files in push mode' });
		}
		if (request.method !== 'POST') return rpcError(null, -32600, `method ${request.method} is not served: POST a JSON-RPC request`, 405, { Allow: 'POST' });
		const text = await readText(request);
		if (text === null) return rpcError(null, -32600, `the request body exceeds ${maxInboundBytes} bytes`, 413);
		const json = parseJson(text);
		if (!json.ok) return rpcError(null, -32700, `parse error: ${json.error}`);
		const envelope = parse(InboundEnvelopeSchema, json.value);
		const rawId = isRecord(json.value) ? json.value['id'] : undefined;
		const id: RpcId = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : null;
		if (!envelope.success) return rpcError(id, -32600, `invalid request: ${envelope.summary}`);
		if (envelope.output.method !== 'message/send') return rpcError(id, -32601, `method not found: ${envelope.output.method} (this agent serves message/send)`);
		const params = parse(MessageParamsSchema, envelope.output.params);
		if (!params.success) return rpcError(id, -32602, `invalid params: ${params.summary}`);
		if (!context.agent.onMessage) return rpcError(id, -32603, 'the agent has no onMessage handler');
		const { message: sent, metadata } = params.output;
		const { text: body, parts, files } = extractReply(sent);
		if (parts.length === 0) return rpcError(id, -32602, 'invalid params: params.message.parts holds no text, file or data part');

		const from = senderOf(request, metadata);
		// The platform names no sender in a push: the content is part of the key, so two senders that
		// happen to use one messageId are not given each other's answers.
		const key = sent.messageId ? `${typeof from === 'string' ? from : from.id} ${sent.messageId} ${hex(await secretDigest(JSON.stringify(parts)))}` : undefined;
		let pending = key === undefined ? undefined : answered.get(key);
		if (pending) {
			logger.debug(`inbound: message ${sent.messageId} came again; answered as the first time`);
		} else {
			const run = handleMessage({ id: sent.messageId ?? String(id ?? uuid()), from, text: body, parts, messageId: sent.messageId ?? '', fileRefs: files }, request.signal).then(
				({ parts: replyParts, failed }) => ({ failed, result: { kind: 'message', messageId: uuid(), role: 'agent', parts: replyParts, ...(sent.contextId ? { contextId: sent.contextId } : {}) } }),
			);
			pending = run;
			if (key !== undefined) {
				answered.set(key, run);
				if (answered.size > rememberedPushes) answered.delete(answered.keys().next().value as string);
				// A sender that hung up gets a fresh run when it sends again: this one's signal has aborted.
				request.signal.addEventListener('abort', () => answered.get(key) === run && answered.delete(key), { once: true });
			}
		}
		const outcome = await pending;
		// A failed run is not kept: the failure may have been passing, so sending again tries again.
		if (outcome.failed && key !== undefined && answered.get(key) === pending) answered.delete(key);
		return answer(200, { jsonrpc: '2.0', id, result: outcome.result });
	}

	/**
	 * Runs `onMessage`; the answer is what it returns, or what it passed to `message.reply()` before
	 * returning; a throw is answered as an agent error, and said to have `failed`.
	 */
	async function handleMessage(fields: Omit<Parameters<typeof inboundMessage>[0], 'seq' | 'receivedAt'>, signal: AbortSignal): Promise<{ parts: Part[]; failed: boolean }> {
		const onMessage = context.agent.onMessage;
		if (!onMessage) return { parts: [], failed: false };
		let given: Part[] | undefined;
		let open = true;
		const message: InboundMessage = inboundMessage(
			{ ...fields, seq: null, receivedAt: new Date(context.settings.clock.wallNow?.() ?? Date.now()) },
			{
				download: tools.download,
				async reply(_message, replyParts) {
					if (!open) throw new ConfigError('reply', 'came after onMessage returned: a pushed message is answered by the response, so reply before returning');
					if (given) throw new ConfigError('reply', 'was already called: a pushed message gets one answer');
					given = replyParts;
				},
			},
		);
		try {
			const returned = await onMessage(message, { signal, agent: agent() });
			if (given && returned !== undefined && returned !== null) {
				logger.warn(`onMessage returned a reply for message ${message.id} after message.reply() answered it; a message gets one answer, so it was not sent`);
			}
			return { parts: given ?? (returned === undefined || returned === null ? [] : checkReply(returned)), failed: false };
		} catch (error) {
			logger.error(`onMessage failed for message ${message.id}: ${describe(error)}`);
			// An answer given before the throw stands, as in poll mode, where it was sent already.
			if (given) return { parts: given, failed: false };
			return { parts: [{ kind: 'text', text: `Agent error: ${describe(error)}` }], failed: true };
		} finally {
			open = false;
		}
	}

	return async (request) => {
		try {
			return await handle(request);
		} catch (error) {
			logger.error(`inbound: ${describe(error)}`);
			return rpcError(null, -32603, 'internal error');
		}
	};
}
