import type { JsonRpcRequest, QueueItem, QueueStatus } from './types.js';

/** The only priority the platform writes (`PriorityTask`). */
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
}

export interface EnqueueRequest {
	workspaceId: string;
	callerId: string;
	request: JsonRpcRequest;
	text: string;
	method: string;
	idempotencyKey: string;
}

const isActive = (row: QueueRow): boolean => row.status === 'queued' || row.status === 'dispatched';

/** The `a2a_queue` table (§3.17). */
export class QueueStore {
	readonly #rows: QueueRow[] = [];
	readonly #uuid: () => string;

	constructor(uuid: () => string) {
		this.#uuid = uuid;
	}

	get items(): readonly QueueItem[] {
		return this.#rows.map(({ text: _text, ...item }) => Object.freeze({ ...item }));
	}

	/**
	 * `EnqueueA2A`: an active row with the same `(workspace, messageId)` is reused, so a retried
	 * message keeps its `queue_id`. Answers the row and the number of queued rows for the target.
	 */
	enqueue(entry: EnqueueRequest): { row: QueueRow; depth: number } {
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
		let next: QueueRow | undefined;
		for (const row of this.#rows) {
			if (row.workspaceId !== workspaceId || row.status !== 'queued') continue;
			if (!next || row.priority > next.priority) next = row;
		}
		if (next) {
			next.status = 'dispatched';
			next.attempts++;
		}
		return next;
	}

	#insert(entry: EnqueueRequest): QueueRow {
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
		};
		this.#rows.push(row);
		return row;
	}
}
