import * as v from 'valibot';
import { parseJson } from '../internal/json.js';
import { StoreError } from './errors/store-error.js';
import { InboxStateSchema } from './schemas.js';
import type { Secrets } from './secrets.js';

/**
 * Where an agent keeps what must survive a restart: its minted token, its inbound secret, the inbox
 * cursor and the ids of messages already handled. Values are strings; `get` answers `undefined` or
 * `null` for a key never set. Both may be async. Adapters are a few lines:
 *
 * @example
 * // Cloudflare Workers KV
 * const store: AgentStore = { get: (key) => env.KV.get(`agent:${key}`), set: (key, value) => env.KV.put(`agent:${key}`, value) };
 * // Deno KV
 * const kv = await Deno.openKv();
 * const store: AgentStore = { get: async (key) => (await kv.get(['agent', key])).value, set: (key, value) => kv.set(['agent', key], value) };
 */
export interface AgentStore {
	/** The string stored under `key`; `undefined` or `null` when there is none. May return a promise. */
	get(key: string): unknown;
	/** Stores `value` under `key`, replacing what was there. May return a promise; a rejection is a `StoreError`. */
	set(key: string, value: string): unknown;
}

/**
 * A store in memory: what `createAgent` uses when given none. Share one between agents created one
 * after the other to carry state across a restart within the process (tests do).
 *
 * @example
 * const store = memoryStore();
 * const first = createAgent({ ...options, store });
 */
export function memoryStore(): AgentStore {
	const values = new Map<string, string>();
	return {
		get: (key) => values.get(key),
		set: (key, value) => void values.set(key, value),
	};
}

/** The keys the agent writes. */
export const storeKeys = { token: 'token', inboundSecret: 'inboundSecret', inbox: 'inbox' } as const;

/** The inbox's progress: the last row read, and the ids handled most recently (at most `maxHandled`). */
export interface InboxState {
	cursor: string | null;
	handled: string[];
}

/** Enough to skip every row a backfill (at most one batch, ≤ 500 rows) can bring back. */
export const maxHandled = 500;

/** The store behind typed reads and writes: failures become `StoreError`s that name the key and never a value. */
export class AgentState {
	readonly #store: AgentStore;
	readonly #secrets: Secrets;
	readonly #warn: (line: string) => void;

	constructor(store: AgentStore, secrets: Secrets, warn: (line: string) => void) {
		this.#store = store;
		this.#secrets = secrets;
		this.#warn = warn;
	}

	/** The string stored under `key`; anything else (never set, not a string) is `undefined`. */
	async read(key: string): Promise<string | undefined> {
		let value: unknown;
		try {
			value = await this.#store.get(key);
		} catch (error) {
			throw new StoreError('get', key, this.#secrets.describe(error));
		}
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'string') {
			this.#warn(`store: ${key} holds ${typeof value}, not a string; ignored`);
			return undefined;
		}
		return value;
	}

	/** `consequence` is added to the error, to say what a failed write puts at stake. */
	async write(key: string, value: string, consequence?: string): Promise<void> {
		try {
			await this.#store.set(key, value);
		} catch (error) {
			throw new StoreError('set', key, this.#secrets.describe(error) + (consequence ? `; ${consequence}` : ''));
		}
	}

	/** The inbox's progress; a value that cannot be read is logged and treated as none (a corrupt cursor must not stop the inbox). */
	async readInbox(): Promise<InboxState> {
		const raw = await this.read(storeKeys.inbox);
		if (raw === undefined) return { cursor: null, handled: [] };
		const json = parseJson(raw);
		const state = json.ok ? v.safeParse(InboxStateSchema, json.value) : undefined;
		if (state?.success) return { cursor: state.output.cursor, handled: state.output.handled.slice(-maxHandled) };
		this.#warn(`store: ${storeKeys.inbox} is not an inbox state; starting without a cursor`);
		return { cursor: null, handled: [] };
	}

	writeInbox(state: InboxState): Promise<void> {
		return this.write(storeKeys.inbox, JSON.stringify(state));
	}
}
