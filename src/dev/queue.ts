import type { JsonRpcRequest } from './agent-types.js';
import type { QueueItem, QueueStatus } from './types.js';

/** The only priority the proxy writes (`PriorityTask`). */
export const taskPriority = 50;
/** A drained item that fails this many dispatches is given up. */
export const maxDrainAttempts = 5;

/** A queue row as stored; `QueueItem` is its read-only face. */
export interface QueueRow {
	queueId: string;
	workspaceId: string;
	callerId: string | null;
	idempotencyKey: string | null;
	method: string | null;
	priority: number;
	status: QueueStatus;
	attempts: number;
	lastError: string | null;
	request: JsonRpcRequest;
	/** The envelope bytes, re-dispatched as they were first sent. */
	text: string;
	reply: unknown;
	enqueuedAt: string;
	dispatchedAt: string | null;
	completedAt: string | null;
	expiresAt: string | null;
	/** When the item expires on the platform clock, or `null` for never. */
	expiresAtMs: number | null;
}

export interface EnqueueRequest {
	workspaceId: string;
	callerId: string;
	request: JsonRpcRequest;
	text: string;
	method: string;
	idempotencyKey: string;
	/** `params.expires_in_seconds` in ms, or `null`. */
	ttlMs: number | null;
}

const isActive = (row: QueueRow): boolean => row.status === 'queued' || row.status === 'dispatched';

/** Answers a copy of the row without the bytes it keeps for re-dispatch. */
function itemOf({ text: _text, expiresAtMs: _expiresAtMs, ...item }: QueueRow): QueueItem {
	return Object.freeze({ ...item });
}

/** The `a2a_queue` table (contract §8.1). Times come from the platform's clocks. */
export class QueueStore {
	readonly #rows: QueueRow[] = [];
	readonly #uuid: () => string;
	readonly #now: () => number;
	readonly #wallClock: () => Date;

	constructor(uuid: () => string, now: () => number, wallClock: () => Date) {
		this.#uuid = uuid;
		this.#now = now;
		this.#wallClock = wallClock;
	}

	get items(): readonly QueueItem[] {
		this.#dropExpired();
		return this.#rows.map(itemOf);
	}

	/** The row with this id, expired rows already dropped. */
	find(queueId: string): QueueRow | undefined {
		this.#dropExpired();
		return this.#rows.find((row) => row.queueId === queueId);
	}

	/**
	 * `EnqueueA2A`: an active row with the same `(workspace, messageId)` is reused, so a retried
	 * message keeps its `queue_id`. Answers the row and the number of queued rows for the target.
	 */
	enqueue(entry: EnqueueRequest): { row: QueueRow; depth: number } {
		this.#dropExpired();
		const existing = entry.idempotencyKey
			? this.#rows.find((row) => row.workspaceId === entry.workspaceId && row.idempotencyKey === entry.idempotencyKey && isActive(row))
			: undefined;
		const row = existing ?? this.#insert(entry);
		return { row, depth: this.depth(entry.workspaceId) };
	}

	depth(workspaceId: string): number {
		return this.#rows.filter((row) => row.workspaceId === workspaceId && row.status === 'queued').length;
	}

	/** `DequeueNext`: the highest-priority, oldest queued row, marked dispatched with one more attempt. */
	claim(workspaceId: string): QueueRow | undefined {
		this.#dropExpired();
		let next: QueueRow | undefined;
		for (const row of this.#rows) {
			if (row.workspaceId !== workspaceId || row.status !== 'queued') continue;
			if (!next || row.priority > next.priority) next = row;
		}
		if (next) {
			next.status = 'dispatched';
			next.attempts++;
			next.dispatchedAt = this.#wallClock().toISOString();
		}
		return next;
	}

	/** Marks a row finished: `completed` with the agent's reply, or `failed`. */
	finish(row: QueueRow, status: 'completed' | 'failed', reply: unknown = null): void {
		row.status = status;
		row.reply = reply;
		row.completedAt = this.#wallClock().toISOString();
	}

	/** Queued rows whose delivery hint ran out are dropped, as the platform's sweep drops them. */
	#dropExpired(): void {
		const now = this.#now();
		for (const row of this.#rows) {
			if (row.status === 'queued' && row.expiresAtMs !== null && now >= row.expiresAtMs) {
				row.status = 'dropped';
				row.lastError ??= 'expired before delivery';
			}
		}
	}

	#insert(entry: EnqueueRequest): QueueRow {
		const enqueued = this.#wallClock();
		const row: QueueRow = {
			queueId: this.#uuid(),
			workspaceId: entry.workspaceId,
			callerId: entry.callerId || null,
			idempotencyKey: entry.idempotencyKey || null,
			method: entry.method || null,
			priority: taskPriority,
			status: 'queued',
			attempts: 0,
			lastError: null,
			request: entry.request,
			text: entry.text,
			reply: null,
			enqueuedAt: enqueued.toISOString(),
			dispatchedAt: null,
			completedAt: null,
			expiresAt: entry.ttlMs === null ? null : new Date(enqueued.getTime() + entry.ttlMs).toISOString(),
			expiresAtMs: entry.ttlMs === null ? null : this.#now() + entry.ttlMs,
		};
		this.#rows.push(row);
		return row;
	}
}
