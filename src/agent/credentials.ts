import type { TokenOption, TokenValue } from '../token.js';
import { secretDigest, type Secrets } from './secrets.js';
import { storeKeys, type AgentState } from './store.js';

/**
 * One secret the agent keeps in its store (the minted token, the inbound secret): read from the store
 * once, then from memory; a new value is written through. A value that could not be written stays in
 * memory, so the running agent goes on, and the failure says what is at stake.
 */
export class StoredSecret {
	readonly #state: AgentState;
	readonly #secrets: Secrets;
	readonly #key: string;
	#value: Promise<string | undefined> | undefined;
	/** The value the store is known to hold; a failed write leaves it behind, so the next `set` writes again. */
	#persisted: string | undefined;

	constructor(state: AgentState, secrets: Secrets, key: string) {
		this.#state = state;
		this.#secrets = secrets;
		this.#key = key;
	}

	get(): Promise<string | undefined> {
		this.#value ??= this.#state.read(this.#key).then(
			(value) => {
				this.#secrets.remember(value);
				this.#persisted = value;
				return value;
			},
			(error: unknown) => {
				// Not cached: the next use asks the store again.
				this.#value = undefined;
				throw error;
			},
		);
		return this.#value;
	}

	/** Keeps `value`, and writes it to the store unless the store holds it already. */
	async set(value: string): Promise<void> {
		this.#secrets.remember(value);
		await this.get().catch(() => undefined);
		this.#value = Promise.resolve(value);
		if (this.#persisted === value) return;
		await this.#state.write(this.#key, value, 'the new value is kept in memory only and is lost when the process ends');
		this.#persisted = value;
	}
}

/**
 * The bearer the agent (and its client) sends: the token register minted, kept in the store, else the
 * configured `token`. The minted one wins, as the Python runtime's token file wins over its environment
 * variable. Nothing here refreshes a token: a 401 is reported, not papered over.
 */
export function agentToken(minted: StoredSecret, configured: TokenOption | undefined, secrets: Secrets): () => Promise<TokenValue> {
	return async () => {
		const token = await minted.get();
		if (token) return token;
		const value = configured === undefined || typeof configured === 'string' ? configured : await (typeof configured === 'function' ? configured() : configured.get());
		// Known to the agent's redaction too: an agent error sent to a peer must not quote it.
		if (typeof value === 'string') secrets.remember(value.trim());
		return value;
	};
}

/** The inbound secret and its digest, for comparing bearers of pushed requests in constant time. */
export class InboundSecret {
	readonly #stored: StoredSecret;
	#digest: { secret: string; digest: Promise<Uint8Array> } | undefined;

	constructor(state: AgentState, secrets: Secrets) {
		this.#stored = new StoredSecret(state, secrets, storeKeys.inboundSecret);
	}

	get = (): Promise<string | undefined> => this.#stored.get();
	set = (value: string): Promise<void> => this.#stored.set(value);

	/** The digest of the current secret, or `undefined` when the agent has none yet. */
	async digest(): Promise<Uint8Array | undefined> {
		const secret = await this.#stored.get();
		if (!secret) return undefined;
		if (this.#digest?.secret !== secret) this.#digest = { secret, digest: secretDigest(secret) };
		return this.#digest.digest;
	}
}
