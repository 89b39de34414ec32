import { isAbortSignal, type OptionChecks } from '../arguments.js';
import { isRecord } from '../internal/json.js';
import { extractReply } from '../reply.js';
import { parse } from '../schemas/parse.js';
import { callOptions, integerUpTo, workspaceIdOf, type CanvasContext } from './http.js';
import { ActivityListSchema, ActivityRowSchema } from './schemas.js';
import type { AgentCommsEntry } from './types.js';

/**
 * Options of `agentComms`. A member that is not what it should be rejects with a `ConfigError` naming it.
 *
 * @example
 * const traffic = await canvas.agentComms(workspaceId, { limit: 100 });
 */
export interface AgentCommsOptions {
	/**
	 * Activity rows to read, newest first, from 1 to 500.
	 *
	 * @default 50 (the canvas's)
	 */
	limit?: number | undefined;
	/** Aborting rejects the call at once with the signal's reason. */
	signal?: AbortSignal | undefined;
}

const commsChecks: OptionChecks = { limit: integerUpTo(500), signal: [isAbortSignal, 'an AbortSignal'] };

const at = (record: unknown, key: string): unknown => (isRecord(record) ? record[key] : undefined);
const textAt = (record: unknown, key: string): string => {
	const value = at(record, key);
	return typeof value === 'string' ? value : '';
};

/**
 * What `extractReply(message).text` gives, for a message whose parts are all plain text parts (what the
 * platform's normalised envelopes hold): read directly, as 10,000 rows go through here at once.
 * Anything else takes the core's extraction.
 */
function messageText(message: unknown): string {
	const parts = at(message, 'parts');
	if (!Array.isArray(parts) || parts.length === 0 || at(message, 'artifacts') !== undefined || at(message, 'status') !== undefined) return extractReply(message).text;
	const texts: string[] = [];
	for (const part of parts) {
		if (!isRecord(part) || part['kind'] !== 'text' || typeof part['text'] !== 'string') return extractReply(message).text;
		texts.push(part['text']);
	}
	return texts.join('\n');
}

/** The text of the A2A message a row's `request_body` carries (`params.message`). */
const requestText = (body: unknown): string => messageText(at(at(body, 'params'), 'message'));
/** The text of the reply a row's `response_body` carries: a JSON-RPC response, its `result`, or a bare string. */
const responseText = (body: unknown): string => {
	const result = isRecord(body) && 'result' in body ? body['result'] : body;
	return typeof result === 'string' ? result : messageText(result);
};

/** The canvas's line for a delegation whose target was busy (spec §8.3). */
export const queuedDelegationLine = (peer: string | null): string => `Queued — ${peer ?? 'the peer'} is busy on a prior task, reply will arrive when they're free`;

const kept = new Set(['a2a_send', 'a2a_receive', 'delegation']);
const sentinel = /^\s*\[A2A_ERROR\]\s*/;

/**
 * The Agent Comms lines of activity rows (newest first, as the platform lists them), oldest first, by
 * the rules of spec §8.3. Rows of other types are not traffic; a kept row that is malformed, or a
 * delegation row of another method, is skipped and the log says why.
 */
export function commsEntriesOf(rows: readonly unknown[], self: string, warn: (line: string) => void): AgentCommsEntry[] {
	const entries: AgentCommsEntry[] = [];
	for (let index = rows.length - 1; index >= 0; index--) {
		const raw = rows[index];
		if (!kept.has(at(raw, 'activity_type') as string)) continue;
		const parsed = parse(ActivityRowSchema, raw);
		if (!parsed.success) {
			warn(`agentComms: skipped row ${index}: ${parsed.summary}`);
			continue;
		}
		const row = parsed.output;
		const status = row.status ?? 'ok';
		const base = { id: row.id, status, at: row.created_at };
		const failed = status === 'error' || status === 'failed';
		const error = failed ? (row.error_detail ?? '').replace(sentinel, '') : '';
		if (row.activity_type === 'delegation') {
			const peerId = row.target_id ?? null;
			if (row.method === 'delegate') {
				entries.push({ ...base, kind: 'delegation', direction: 'out', peerId, text: error || textAt(row.request_body, 'task') || (row.summary ?? ''), isError: failed });
			} else if (row.method === 'delegate_result') {
				const reply = textAt(row.response_body, 'response_preview') || textAt(row.response_body, 'text') || (row.summary ?? '');
				entries.push({ ...base, kind: 'delegation', direction: 'in', peerId, text: status === 'queued' ? queuedDelegationLine(peerId) : error || reply, isError: failed });
			} else warn(`agentComms: skipped row ${index}: delegation method ${JSON.stringify(row.method ?? null)} is neither delegate nor delegate_result`);
			continue;
		}
		const selfLogged = row.activity_type === 'a2a_receive' && row.source_id === self;
		const out = row.activity_type === 'a2a_send' || selfLogged;
		const text = error || requestText(row.request_body) || responseText(row.response_body) || (row.summary ?? '');
		entries.push({ ...base, kind: 'message', direction: out ? 'out' : 'in', peerId: (out ? row.target_id : row.source_id) ?? null, text, isError: failed });
	}
	return entries;
}

/** `GET /workspaces/:id/activity?source=agent` as Agent Comms lines (spec §8.3). */
export async function agentComms(context: CanvasContext, workspaceId: string, options: AgentCommsOptions | undefined): Promise<AgentCommsEntry[]> {
	const { limit, signal } = callOptions(options, commsChecks);
	const id = workspaceIdOf(workspaceId);
	const rows = await context.call({
		method: 'GET',
		path: `/workspaces/${id}/activity`,
		searchParams: { source: 'agent', limit: String(limit ?? 50) },
		schema: ActivityListSchema,
		signal,
	});
	return commsEntriesOf(rows, id, context.settings.core.logger.warn);
}
