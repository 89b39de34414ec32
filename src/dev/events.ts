/**
 * One event the platform broadcast, in the frame shape `GET /ws` sends (addendum §9.14):
 * `{event, workspace_id, timestamp, payload}`. Kept so a later SSE or WebSocket endpoint can
 * replay them, and so tests can see what the canvas would have seen.
 */
export interface PlatformEvent {
	/** `AGENT_MESSAGE`, `DELEGATION_SENT`, `DELEGATION_STATUS`, `DELEGATION_COMPLETE`, `DELEGATION_FAILED`. */
	readonly event: string;
	/** The workspace the event is about: the sender of an agent message, the delegating workspace. */
	readonly workspace_id: string;
	/** Wall-clock time (RFC 3339). */
	readonly timestamp: string;
	/** The event's fields as the platform broadcasts them (`message`, `delegation_id`, `status`, …). */
	readonly payload: Readonly<Record<string, unknown>>;
}

/** The broadcaster's record: events in the order they were sent, never changed once written. */
export class EventLog {
	readonly #events: PlatformEvent[] = [];
	readonly #wallClock: () => Date;

	constructor(wallClock: () => Date) {
		this.#wallClock = wallClock;
	}

	record(event: string, workspaceId: string, payload: Record<string, unknown>): void {
		this.#events.push(Object.freeze({ event, workspace_id: workspaceId, timestamp: this.#wallClock().toISOString(), payload: Object.freeze({ ...payload }) }));
	}

	all(): PlatformEvent[] {
		return [...this.#events];
	}
}
