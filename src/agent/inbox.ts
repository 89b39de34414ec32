import type * as v from 'valibot';
import { checkOptions, isAbortSignal } from '../arguments.js';
import { ConfigError } from '../errors/config-error.js';
import { isHttpError } from '../errors/http-error.js';
import { isOversizedResponse } from '../transport.js';
import type { AgentContext } from './context.js';
import { isTokenRejectedError } from './errors/token-rejected-error.js';
import { messageFromRow, type MessageTools } from './message.js';
import { AckResponseSchema, ActivityListSchema, type ActivityRowSchema } from './schemas.js';
import { maxHandled, type InboxState } from './store.js';
import type { InboundMessage } from './message-types.js';

type ActivityRow = v.InferOutput<typeof ActivityRowSchema>;

/** The longest wait between polls after failures. */
const maxBackoffMs = 60_000;

/** `ms` spread uniformly over `±jitter` of itself, so agents started together drift apart. */
export function jittered(ms: number, jitter: number, random: () => number): number {
	const draw = random();
	const unit = Number.isFinite(draw) ? Math.min(Math.max(draw, 0), 1) : 0.5;
	return Math.max(0, ms * (1 - jitter + 2 * jitter * unit));
}

/** Sleeps on the agent's clock; false when `signal` aborted first (no timer is left behind either way). */
export async function pause(context: AgentContext, ms: number, signal: AbortSignal | undefined): Promise<boolean> {
	try {
		await context.settings.clock.sleep(ms, signal);
		return true;
	} catch (error) {
		if (signal?.aborted) return false;
		throw error;
	}
}

/** Pages a backfill reads at most: with the default batch, the newest 1,000 rows of the window. */
export const maxBackfillPages = 10;

/** Oldest first by `(created_at, seq)`, the order the platform uses after a cursor. */
const byAge = (left: ActivityRow, right: ActivityRow): number =>
	(Date.parse(left.created_at ?? '') || 0) - (Date.parse(right.created_at ?? '') || 0) || (left.seq ?? 0) - (right.seq ?? 0);

function activityPath(context: AgentContext, limit: number, query: Record<string, string>): string {
	return `/workspaces/${context.settings.workspaceId}/activity?${new URLSearchParams({ type: 'a2a_receive', include: 'peer_info', limit: String(limit), ...query })}`;
}

/**
 * Reading without a cursor (first start, or after a 410): the backfill window, newest first, one page
 * per request, going back (`before_ts`) until a page is short, holds a row already handled, or
 * `maxBackfillPages` were read; then oldest first. So nothing within the window is lost, up to that bound.
 */
async function backfill(context: AgentContext, batchSize: number, handled: ReadonlySet<string>, signal: AbortSignal | undefined): Promise<ActivityRow[]> {
	const { backfillSeconds } = context.agent.inbox;
	const rows = new Map<string, ActivityRow>();
	let before: string | undefined;
	for (let page = 0; page < maxBackfillPages; page++) {
		const query: Record<string, string> = { since_secs: String(backfillSeconds), ...(before === undefined ? {} : { before_ts: before }) };
		const batch = await context.call({ method: 'GET', path: activityPath(context, batchSize, query), schema: ActivityListSchema, signal });
		const fresh = batch.filter((row) => !rows.has(row.id));
		for (const row of fresh) rows.set(row.id, row);
		const oldest = Date.parse(batch.at(-1)?.created_at ?? '');
		if (batch.length < batchSize || fresh.length === 0 || batch.some((row) => handled.has(row.id)) || Number.isNaN(oldest)) break;
		// `before_ts` is strict: a millisecond later keeps rows sharing the oldest's time (repeats are dropped by id).
		before = new Date(oldest + 1).toISOString();
	}
	return [...rows.values()].sort(byAge);
}

/** One poll (addendum §8.1): the rows after the cursor, oldest first; with no cursor, the backfill. */
async function poll(context: AgentContext, limit: number, cursor: string | null, handled: ReadonlySet<string>, signal: AbortSignal | undefined): Promise<ActivityRow[]> {
	if (cursor === null) return backfill(context, limit, handled, signal);
	return context.call({ method: 'GET', path: activityPath(context, limit, { since_id: cursor }), schema: ActivityListSchema, signal });
}

/**
 * The poll-mode inbox as an async generator. Between a `yield` and the consumer's next call, the
 * message is being handled: nothing is polled then. A delivered `reply()` or resuming marks it handled
 * (cursor and id written to the store); a consumer that leaves the loop without replying leaves it
 * unhandled, so it comes again (at most that one repeats after a crash). A reply marks it at once
 * because its sender already has an answer: delivering the message again would answer twice.
 * A batch is acknowledged once all of it was handled.
 */
/** Agents whose inbox a loop is reading: a second reader would hand every message on twice. */
const reading = new WeakSet<AgentContext>();

export async function* inboxMessages(context: AgentContext, tools: MessageTools, options: { signal?: AbortSignal | undefined } | undefined): AsyncGenerator<InboundMessage, void, undefined> {
	const signal = checkOptions(options, { signal: [isAbortSignal, 'an AbortSignal'] }).signal ?? undefined;
	if (context.agent.deliveryMode !== 'poll') throw new ConfigError('deliveryMode', "is 'push': the platform delivers this agent's messages to agent.fetch, not to an inbox");
	if (reading.has(context)) throw new ConfigError('inbox', 'is being read by another loop (inbox() or run()) of this agent: two readers would handle every message twice');
	reading.add(context);
	try {
		yield* readInbox(context, tools, signal);
	} finally {
		reading.delete(context);
	}
}

async function* readInbox(context: AgentContext, tools: MessageTools, signal: AbortSignal | undefined): AsyncGenerator<InboundMessage, void, undefined> {
	const { settings, agent, state: store, secrets } = context;
	const { logger, random, workspaceId } = settings;
	const { intervalMs, jitter, batchSize } = agent.inbox;
	const state: InboxState = await store.readInbox();
	const handled = new Set(state.handled);
	let failures = 0;
	// Rows carry whole messages (up to 16 MiB each): a page over the client's body cap is asked for
	// again with half as many rows, down to one, instead of failing the same way forever.
	let limit = batchSize;

	const save = async (): Promise<void> => {
		try {
			await store.writeInbox(state);
		} catch (error) {
			// The cursor stays in memory; after a restart the store's older cursor only repeats messages.
			logger.error(`inbox: ${secrets.describe(error)}`);
		}
	};
	const markHandled = (id: string): void => {
		if (handled.has(id)) return;
		handled.add(id);
		state.handled.push(id);
		if (state.handled.length > maxHandled) handled.delete(state.handled.shift() as string);
	};

	const replying: MessageTools = {
		...tools,
		async reply(message, parts) {
			await tools.reply(message, parts);
			if (handled.has(message.id)) return;
			markHandled(message.id);
			await save();
		},
	};

	while (!signal?.aborted) {
		let rows: ActivityRow[];
		try {
			rows = await poll(context, limit, state.cursor, handled, signal);
			failures = 0;
		} catch (error) {
			if (signal?.aborted) return;
			if (isTokenRejectedError(error)) throw error;
			if (isOversizedResponse(error) && limit > 1) {
				limit = Math.max(1, Math.floor(limit / 2));
				logger.warn(`inbox: a page of activity is over the response size cap; asking for ${limit} rows at a time`);
				continue;
			}
			if (isHttpError(error) && error.status === 410 && state.cursor !== null) {
				// The cursor's row is gone (pruned, or never ours): read the backfill window instead;
				// the handled ids keep what was already handled from coming again.
				logger.warn('inbox: the platform no longer knows the cursor (HTTP 410); reading the backfill window');
				state.cursor = null;
				await save();
				continue;
			}
			failures++;
			const waitMs = jittered(Math.min(intervalMs * 2 ** (failures - 1), maxBackoffMs), jitter, random);
			logger.warn(`inbox: polling failed (${secrets.describe(error)}); trying again in ${Math.round(waitMs)} ms`);
			if (!(await pause(context, waitMs, signal))) return;
			continue;
		}
		let ackSeq: number | undefined;
		for (const row of rows) {
			if (signal?.aborted) return;
			if (row.seq !== undefined) ackSeq = Math.max(ackSeq ?? 0, row.seq);
			const message = handled.has(row.id) ? null : messageFromRow(row, workspaceId, replying);
			state.cursor = row.id;
			if (!message) continue;
			yield message;
			markHandled(row.id);
			await save();
		}
		if (rows.length > 0) {
			await save();
			if (ackSeq !== undefined) await acknowledge(context, ackSeq, signal);
		}
		const full = rows.length >= limit;
		limit = Math.min(batchSize, limit * 2);
		if (!full && !(await pause(context, jittered(intervalMs, jitter, random), signal))) return;
	}
}

/** `POST /workspaces/:id/activity/ack` (addendum §8.2); a failure is logged, as the next batch acknowledges past it. */
async function acknowledge(context: AgentContext, seq: number, signal: AbortSignal | undefined): Promise<void> {
	try {
		await context.call({ method: 'POST', path: `/workspaces/${context.settings.workspaceId}/activity/ack`, body: { acked_seq: seq }, schema: AckResponseSchema, signal });
	} catch (error) {
		if (signal?.aborted) return;
		if (isTokenRejectedError(error)) throw error;
		context.settings.logger.warn(`inbox: acknowledging up to seq ${seq} failed: ${context.secrets.describe(error)}`);
	}
}
