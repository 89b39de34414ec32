interface Entry<V> {
	storedAt: number;
	value: V;
	/** Read since it last came round: spared once by eviction (second chance). */
	used: boolean;
}

export interface TtlCacheOptions {
	ttlMs: number;
	maxEntries: number;
	/** Monotonic milliseconds. */
	now: () => number;
}

/**
 * A TTL cache bounded by entry count that lets concurrent misses for one key share a single load.
 * Store `null` to remember a failure for one TTL (negative caching); `undefined` always means
 * "not cached". Eviction is second-chance LRU: the oldest entry goes first unless it was read since
 * it last came round, in which case it is moved to the back once. A hit only sets a flag, so reads,
 * the hot path, never reorder the map.
 */
export class TtlCache<V> {
	// A Map iterates in insertion order: the front holds the entries that came round longest ago.
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
		if (this.#now() - entry.storedAt >= this.#ttlMs) {
			this.#entries.delete(key);
			return undefined;
		}
		entry.used = true;
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
				this.#store(key, { storedAt: startedAt, value, used: false });
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
		// An entry moved to the back is met again later in this loop, unflagged: the loop ends.
		for (const [oldestKey, oldest] of this.#entries) {
			if (this.#entries.size <= this.#maxEntries) break;
			this.#entries.delete(oldestKey);
			if (oldest.used) {
				oldest.used = false;
				this.#entries.set(oldestKey, oldest);
			}
		}
	}
}
