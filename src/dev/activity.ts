import type { ActivityRow } from './types.js';

/** What a caller of `record` supplies; id, `seq` and `created_at` are the log's. */
export interface NewActivity {
	workspaceId: string;
	activityType: string;
	sourceId: string | null;
	targetId: string | null;
	method: string | null;
	summary: string | null;
	requestBody?: unknown;
	responseBody?: unknown;
	durationMs: number | null;
	status: string;
	errorDetail: string | null;
	/** `params.message.messageId` of an `/a2a` turn: its ingest row and its reply share one row. */
	messageId?: string;
	/** A delegation's `idempotency_key`: unique per workspace while the row exists (contract §14.1). */
	idempotencyKey?: string;
}

/** Hears of a row as it is written (or announced again), with the turn's message id. */
export type ActivityWriteListener = (row: ActivityRow, messageId: string | null) => void;

/** The fields `stamp` may change once a reply is known. */
export type ActivityStamp = Partial<Pick<NewActivity, 'summary' | 'responseBody' | 'durationMs' | 'status' | 'errorDetail'>>;

type StoredRow = { -readonly [Key in keyof ActivityRow]: ActivityRow[Key] } & { messageId: string | null; idempotencyKey: string | null };

const messageKey = (workspaceId: string, messageId: string): string => `${workspaceId}\n${messageId}`;

function publicRow({ messageId: _messageId, idempotencyKey: _idempotencyKey, ...row }: StoredRow): ActivityRow {
	return { ...row };
}

/**
 * The `activity_logs` table (contract §9): every row gets an id, the wall-clock `created_at` and
 * a platform-wide `seq`; each workspace keeps the highest `seq` it acknowledged. Rows are only
 * ever written here, so ids, sequence numbers and the message-id key stay consistent.
 */
export class ActivityLog {
	readonly #rows: StoredRow[] = [];
	readonly #byId = new Map<string, StoredRow>();
	/** Row ids by workspace and message id, so a retried turn finds its row without a scan. */
	readonly #byMessage = new Map<string, string>();
	readonly #acked = new Map<string, number>();
	readonly #uuid: () => string;
	readonly #wallClock: () => Date;
	readonly #onWrite: ActivityWriteListener;
	#seq = 0;

	/** `onWrite` hears of every row written (the broadcaster's `ACTIVITY_LOGGED`), with the turn's message id. */
	constructor(uuid: () => string, wallClock: () => Date, onWrite: ActivityWriteListener = () => {}) {
		this.#uuid = uuid;
		this.#wallClock = wallClock;
		this.#onWrite = onWrite;
	}

	/** Appends a row and answers its id. */
	record(entry: NewActivity): string {
		const row: StoredRow = {
			id: this.#uuid(),
			workspace_id: entry.workspaceId,
			activity_type: entry.activityType,
			source_id: entry.sourceId,
			target_id: entry.targetId,
			method: entry.method,
			summary: entry.summary,
			...(entry.requestBody === undefined ? {} : { request_body: entry.requestBody }),
			...(entry.responseBody === undefined ? {} : { response_body: entry.responseBody }),
			duration_ms: entry.durationMs,
			status: entry.status,
			error_detail: entry.errorDetail,
			created_at: this.#wallClock().toISOString(),
			seq: ++this.#seq,
			messageId: entry.messageId ?? null,
			idempotencyKey: entry.idempotencyKey ?? null,
		};
		this.#rows.push(row);
		this.#byId.set(row.id, row);
		if (row.messageId !== null) this.#byMessage.set(messageKey(row.workspace_id, row.messageId), row.id);
		this.#onWrite(publicRow(row), row.messageId);
		return row.id;
	}

	/** Tells `onWrite` about a row again, as it stands: a turn's row once its reply was stamped on (the server logs it twice). */
	announce(id: string): void {
		const row = this.#byId.get(id);
		if (row) this.#onWrite(publicRow(row), row.messageId);
	}

	/** The id of the workspace's row for this message, if its turn was already recorded. */
	findByMessage(workspaceId: string, messageId: string): string | undefined {
		return this.#byMessage.get(messageKey(workspaceId, messageId));
	}

	/** The id of the workspace's row carrying this idempotency key, if one exists. */
	findByIdempotencyKey(workspaceId: string, key: string): string | undefined {
		return this.#rows.find((row) => row.workspace_id === workspaceId && row.idempotencyKey === key)?.id;
	}

	/** A copy of one row, or `undefined`. */
	row(id: string): ActivityRow | undefined {
		const row = this.#byId.get(id);
		return row && publicRow(row);
	}

	/** Copies of the rows that pass `test`, oldest first (by `seq`). */
	where(test: (row: ActivityRow) => boolean): ActivityRow[] {
		return this.#rows.map(publicRow).filter(test);
	}

	/** Deletes a row, as the platform deletes a failed delegation to free its idempotency key; its `seq` is never reused. */
	remove(id: string): void {
		const row = this.#byId.get(id);
		if (!row) return;
		this.#rows.splice(this.#rows.indexOf(row), 1);
		this.#byId.delete(id);
		if (row.messageId !== null) this.#byMessage.delete(messageKey(row.workspace_id, row.messageId));
	}

	/** Writes what became known after the row was recorded (the reply, the duration) onto it. */
	stamp(id: string, fields: ActivityStamp): void {
		const row = this.#byId.get(id);
		if (!row) return;
		if (fields.summary !== undefined) row.summary = fields.summary;
		if (fields.responseBody !== undefined) row.response_body = fields.responseBody;
		if (fields.durationMs !== undefined) row.duration_ms = fields.durationMs;
		if (fields.status !== undefined) row.status = fields.status;
		if (fields.errorDetail !== undefined) row.error_detail = fields.errorDetail;
	}

	/** Every row, oldest first, as copies. */
	all(): ActivityRow[] {
		return this.#rows.map(publicRow);
	}

	/** The workspace's rows, oldest first (by `created_at`, then `seq`), as copies. */
	of(workspaceId: string): ActivityRow[] {
		return this.#rows
			.filter((row) => row.workspace_id === workspaceId)
			.sort((left, right) => (left.created_at === right.created_at ? left.seq - right.seq : left.created_at < right.created_at ? -1 : 1))
			.map(publicRow);
	}

	/** Moves the workspace's acknowledged `seq` forward only (a stale ack changes nothing); answers the stored value. */
	ack(workspaceId: string, seq: number): number {
		const stored = Math.max(this.#acked.get(workspaceId) ?? 0, seq);
		this.#acked.set(workspaceId, stored);
		return stored;
	}

	/** The acknowledged `seq` of every workspace that acknowledged one. */
	acked(): Record<string, number> {
		return Object.fromEntries(this.#acked);
	}
}
