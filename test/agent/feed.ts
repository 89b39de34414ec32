import { json, type RouteHandler } from './routes.js';

/** A row of the fake activity feed: what `GET /activity` answers. */
export interface FeedRow {
	id: string;
	workspace_id: string;
	activity_type: string;
	source_id: string | null;
	method: string;
	summary: string | null;
	request_body?: unknown;
	created_at: string;
	seq: number;
	peer_name?: string;
}

/**
 * The platform's activity feed and ack (addendum §8), scripted: any mix of row kinds, rows pruned
 * under a cursor, thousands of rows, with every `GET /activity` query and every ack recorded.
 */
export class FakeFeed {
	readonly rows: FeedRow[] = [];
	readonly polls: string[] = [];
	readonly acks: number[] = [];
	/** Row ids that answer 410 as a cursor (pruned). */
	readonly pruned = new Set<string>();
	/** A page of more rows than this declares a body over the client's 64 MiB cap (rows carrying files). */
	oversizedAbove = Number.POSITIVE_INFINITY;
	#seq = 0;

	constructor(readonly workspaceId: string) {}

	/** Appends a row and answers it. */
	add(fields: Partial<FeedRow> & { method: string }): FeedRow {
		const seq = ++this.#seq;
		const row: FeedRow = {
			id: `row-${String(seq).padStart(5, '0')}`,
			workspace_id: this.workspaceId,
			activity_type: 'a2a_receive',
			source_id: null,
			summary: null,
			created_at: new Date(Date.UTC(2026, 10, 24, 10, 0, seq)).toISOString(),
			seq,
			...fields,
		};
		this.rows.push(row);
		return row;
	}

	/** A `message/send` row with one text part. */
	message(text: string, sourceId: string | null = null, extra: Partial<FeedRow> = {}): FeedRow {
		const messageId = `message-${this.#seq + 1}`;
		return this.add({
			method: 'message/send',
			source_id: sourceId,
			request_body: { jsonrpc: '2.0', id: 'rpc', method: 'message/send', params: { message: { role: 'user', messageId, parts: [{ kind: 'text', text }] } } },
			...extra,
		});
	}

	/** `GET /workspaces/:id/activity`: ASC after `since_id` (410 when unknown or pruned), else the newest `limit` (before `before_ts`), DESC. */
	readonly list: RouteHandler = ({ query }) => {
		this.polls.push(query.toString());
		const limit = Number(query.get('limit') ?? 100);
		const type = query.get('type');
		const before = query.get('before_ts');
		const rows = this.rows.filter((row) => (!type || row.activity_type === type) && (before === null || Date.parse(row.created_at) < Date.parse(before)));
		const since = query.get('since_id');
		if (since !== null) {
			const index = this.rows.findIndex((row) => row.id === since);
			if (index === -1 || this.pruned.has(since)) return json({ error: 'since_id cursor not found (row may have been pruned or belongs to a different workspace); omit since_id to reset' }, 410);
			return this.#page(rows.filter((row) => row.seq > (this.rows[index]?.seq ?? 0)).slice(0, limit));
		}
		return this.#page([...rows].reverse().slice(0, limit));
	};

	#page = (rows: FeedRow[]): Response => {
		if (rows.length <= this.oversizedAbove) return json(rows);
		return new Response('[]', { headers: { 'Content-Type': 'application/json', 'Content-Length': String(65 * 1024 * 1024) } });
	};

	/** `POST /workspaces/:id/activity/ack`. */
	readonly ack: RouteHandler = ({ json: body }) => {
		const seq = (body as { acked_seq: number }).acked_seq;
		this.acks.push(seq);
		return json({ last_acked_seq: Math.max(seq, ...this.acks) });
	};

	/** The feed's two routes, for `routes()`. */
	get routes(): Record<string, RouteHandler> {
		return { 'GET /workspaces/:id/activity': this.list, 'POST /workspaces/:id/activity/ack': this.ack };
	}
}
