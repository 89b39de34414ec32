interface Entry<V> {
	storedAt: number;
	value: V;
}

export interface TtlCacheOptions {
	ttlMs: number;
	maxEntries: number;
	/** Monotonic milliseconds. */
	now: () => number;
}

/**
 * A TTL cache bounded by entry count (least recently used evicted first) that lets concurrent
 * misses for one key share a single load. Store `null` to remember a failure for one TTL
 * (negative caching); `undefined` always means "not cached".
 */
export class TtlCache<V> {
	// A Map iterates in insertion order; re-inserting on every hit keeps the least recent first.
	readonly #entries = new Map<string, Entry<V>>();
	readonly #loading = new Map<string, Promise<V>>();
	readonly #ttlMs: number;
	readonly #maxEntries: number;
	readonly #now: () => number;

	constructor(options: TtlCacheOptions) {
		this.#ttlMs = options.ttlMs;
		this.#maxEntries = options.maxEntries;
		this.#now = options.now;
	}

	/** Entries held, fresh or stale. Never more than `maxEntries`. */
	get size(): number {
		return this.#entries.size;
	}

	/** The fresh value for `key`, or `undefined` when there is none. Synchronous. */
	peek(key: string): V | undefined {
		const entry = this.#entries.get(key);
		if (entry === undefined) return undefined;
		this.#entries.delete(key);
		if (this.#now() - entry.storedAt >= this.#ttlMs) return undefined;
		this.#entries.set(key, entry);
		return entry.value;
	}

	/** The fresh value for `key`, else the result of `load`, shared with every concurrent caller and then cached. */
	get(key: string, load: () => Promise<V>): Promise<V> {
		const fresh = this.peek(key);
		if (fresh !== undefined) return Promise.resolve(fresh);
		const pending = this.#loading.get(key);
		if (pending) return pending;
		const startedAt = this.#now();
		const loading = load().then(
			(value) => {
				this.#loading.delete(key);
				this.#store(key, { storedAt: startedAt, value });
				return value;
			},
			(error: unknown) => {
				this.#loading.delete(key);
				throw error;
			},
		);
		this.#loading.set(key, loading);
		return loading;
	}

	#store(key: string, entry: Entry<V>): void {
		this.#entries.delete(key);
		this.#entries.set(key, entry);
		for (const oldest of this.#entries.keys()) {
			if (this.#entries.size <= this.#maxEntries) break;
			this.#entries.delete(oldest);
		}
	}
}
