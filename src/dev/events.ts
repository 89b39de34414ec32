/**
 * One event the platform broadcast, in the frame shape `GET /ws` sends (addendum §9.14):
 * `{event, workspace_id, timestamp, payload}`. Kept in `platform.events`, streamed to
 * `GET /workspaces/:id/events/stream` (SSE) and to `/ws` subscribers as it happens.
 */
export interface PlatformEvent {
	/** `A2A_RESPONSE`, `USER_MESSAGE`, `AGENT_MESSAGE`, `ACTIVITY_LOGGED`, `DELEGATION_*`, `WORKSPACE_*`, `TASK_UPDATED`. */
	readonly event: string;
	/** The workspace the event is about: the target of a turn, the sender of an agent message, the delegating workspace. */
	readonly workspace_id: string;
	/** Wall-clock time (RFC 3339). */
	readonly timestamp: string;
	/** The event's fields as the platform broadcasts them (`message`, `delegation_id`, `status`, …). */
	readonly payload: Readonly<Record<string, unknown>>;
}

/** Receives every event as it is broadcast. */
export type EventListener = (event: PlatformEvent) => void;

/**
 * The broadcaster: keeps every event in the order sent (never changed once written) and hands
 * each one, synchronously, to the live subscribers (SSE streams, WebSockets, tests).
 */
export class EventLog {
	readonly #events: PlatformEvent[] = [];
	readonly #listeners = new Set<EventListener>();
	readonly #wallClock: () => Date;

	constructor(wallClock: () => Date) {
		this.#wallClock = wallClock;
	}

	record(event: string, workspaceId: string, payload: Record<string, unknown>): void {
		const recorded: PlatformEvent = Object.freeze({ event, workspace_id: workspaceId, timestamp: this.#wallClock().toISOString(), payload: Object.freeze({ ...payload }) });
		this.#events.push(recorded);
		// A copy: a listener that unsubscribes (or subscribes) while being told must not skip another.
		for (const listener of [...this.#listeners]) {
			try {
				listener(recorded);
			} catch {
				// One broken subscriber must not keep the event from the others, nor fail the route that broadcast it.
			}
		}
	}

	/** Adds a live subscriber; answers the function that removes it (calling it twice is harmless). */
	subscribe(listener: EventListener): () => void {
		const own = (event: PlatformEvent): void => listener(event);
		this.#listeners.add(own);
		return () => void this.#listeners.delete(own);
	}

	/** How many live subscribers there are (the close tests read it). */
	get subscribers(): number {
		return this.#listeners.size;
	}

	all(): PlatformEvent[] {
		return [...this.#events];
	}
}
