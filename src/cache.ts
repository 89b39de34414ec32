interface Entry<V> {
	storedAt: number;
	value: V;
	/** Read since it last came round: spared once by eviction (second chance). */
	used: boolean;
}

/** A load in progress, shared by its callers. */
interface Loading<V> {
	promise: Promise<V>;
	controller: AbortController;
	/** Callers still waiting for it. */
	callers: number;
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
	readonly #loading = new Map<string, Loading<V>>();
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

	/**
	 * The fresh value for `key`, else the result of `load`, shared with every concurrent caller and
	 * then cached. A caller whose `signal` aborts is rejected at once with its reason; when every
	 * caller of a load has aborted, the load's own signal aborts and nothing is cached.
	 */
	get(key: string, load: (signal: AbortSignal) => Promise<V>, signal?: AbortSignal): Promise<V> {
		if (signal?.aborted) return Promise.reject(signal.reason);
		const fresh = this.peek(key);
		if (fresh !== undefined) return Promise.resolve(fresh);
		const loading = this.#loading.get(key) ?? this.#load(key, load);
		// A caller without a signal never leaves, so its load is never abandoned.
		loading.callers++;
		return signal ? this.#follow(key, loading, signal) : loading.promise;
	}

	#load(key: string, load: (signal: AbortSignal) => Promise<V>): Loading<V> {
		const startedAt = this.#now();
		const controller = new AbortController();
		const done = (): void => {
			if (this.#loading.get(key) === loading) this.#loading.delete(key);
		};
		const loading: Loading<V> = {
			controller,
			callers: 0,
			promise: load(controller.signal).then(
				(value) => {
					done();
					if (!controller.signal.aborted) this.#store(key, { storedAt: startedAt, value, used: false });
					return value;
				},
				(error: unknown) => {
					done();
					throw error;
				},
			),
		};
		this.#loading.set(key, loading);
		return loading;
	}

	/** `loading`'s result for one caller, who may abort and leave; the last to leave abandons the load. */
	#follow(key: string, loading: Loading<V>, signal: AbortSignal): Promise<V> {
		return new Promise((resolve, reject) => {
			const onAbort = (): void => {
				reject(signal.reason);
				if (--loading.callers > 0) return;
				// Gone from the map at once, so a caller arriving now starts afresh rather than joining the abandoned load.
				if (this.#loading.get(key) === loading) this.#loading.delete(key);
				loading.controller.abort(signal.reason);
			};
			signal.addEventListener('abort', onAbort, { once: true });
			loading.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
		});
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
