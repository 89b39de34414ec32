import { UnexpectedResponseError } from '../errors/unexpected-response-error.js';
import { streamEndStates, type NormalisedStreamEvent, type StreamStatus, type StreamTask } from './stream-types.js';

type Of<E, Kind> = Extract<E, { kind: Kind }>;

/** Two status updates are the same when their state, timestamp and message id all are. */
const statusKey = (status: StreamStatus): string => `${status.state}\u0000${status.timestamp ?? ''}\u0000${status.message?.messageId ?? ''}`;

/**
 * What a task stream has yielded so far, across reconnections, and so what it must not yield again.
 *
 * "The same", precisely:
 * - a status update is the same as one yielded before when its state, `timestamp` and status
 *   message id all are (a resent status carries the timestamp it was set with; two updates that
 *   differ in none of these tell the client nothing new);
 * - a message is the same as one yielded before when its `messageId` is;
 * - an artifact chunk is a run of positions in the artifact's parts (`append: false` sets parts 0…n-1,
 *   `append: true` adds after those yielded), and a position is yielded once. The first Task of a
 *   new subscription is the resynchronisation point: for each artifact in it, only the parts past
 *   those already yielded under its `artifactId` come out, as one `append: true` chunk (or, for an
 *   artifact never seen, the whole artifact with `append: false`); its status comes out as a status
 *   update unless it is the same as one yielded. Live events after that Task are new by the protocol
 *   (A2A §3.1.2: a subscription sends the current Task, then what happens after it), and go through.
 *
 * The first Task of the whole stream comes out as it is. A server that merges appended chunks into
 * fewer parts in its Task than it streamed shows fewer parts than were yielded; nothing comes out
 * for that artifact then, rather than a part twice.
 */
export class StreamLedger<E extends NormalisedStreamEvent> {
	readonly #statuses = new Set<string>();
	readonly #messages = new Set<string>();
	/** Parts yielded per artifact id. */
	readonly #parts = new Map<string, number>();
	#sawTask = false;
	#taskId: string | undefined;
	#ended = false;

	/** `taskId` when the stream is a subscription to a known task. */
	constructor(taskId?: string) {
		this.#taskId = taskId;
	}

	/** The task the stream follows, once known: given, or from its first task event or update. */
	get taskId(): string | undefined {
		return this.#taskId;
	}

	/** Whether the stream is over: a terminal or interrupted state, v0.3's `final`, or a message-only stream's message. */
	get ended(): boolean {
		return this.#ended;
	}

	/**
	 * Adds to `out` what to yield for `event`: the event itself, nothing (seen before), or a Task's
	 * difference from what was yielded. Throws `UnexpectedResponseError` for an event of another task
	 * than the stream's: yielding it would end or change the wrong task.
	 */
	take(event: E, out: E[]): void {
		const about = event.kind === 'task' ? (event as Of<E, 'task'>).id : 'taskId' in event && typeof event.taskId === 'string' ? event.taskId : undefined;
		if (about !== undefined && this.#taskId !== undefined && about !== this.#taskId) {
			throw new UnexpectedResponseError(`the event stream of task ${this.#taskId} carried a ${event.kind} event of task ${about}`, 200);
		}
		switch (event.kind) {
			case 'task': {
				const task = event as Of<E, 'task'>;
				if (this.#sawTask) {
					out.push(...this.resync(task));
					return;
				}
				this.#sawTask = true;
				this.#taskId = task.id;
				this.#statuses.add(statusKey(task.status));
				for (const artifact of task.artifacts ?? []) this.#parts.set(artifact.artifactId, artifact.parts.length);
				this.#ended = streamEndStates.has(task.status.state);
				out.push(event);
				return;
			}
			case 'message': {
				if (this.#messages.has(event.messageId)) return;
				this.#messages.add(event.messageId);
				// A message before any task, on a stream that names none, is a message-only stream: all of it.
				if (!this.#sawTask && this.#taskId === undefined) this.#ended = true;
				out.push(event);
				return;
			}
			case 'status-update': {
				this.#taskId ??= event.taskId;
				const key = statusKey(event.status);
				if (this.#statuses.has(key)) return;
				this.#statuses.add(key);
				this.#ended = streamEndStates.has(event.status.state) || event.final === true;
				out.push(event);
				return;
			}
			case 'artifact-update': {
				this.#taskId ??= event.taskId;
				const { artifactId, parts } = event.artifact;
				this.#parts.set(artifactId, (event.append ? (this.#parts.get(artifactId) ?? 0) : 0) + parts.length);
				out.push(event);
				return;
			}
		}
	}

	/**
	 * What a later Task (a new subscription's first event) adds to what was yielded: the artifact
	 * parts past those yielded, then its status if new. Marks the stream ended when the Task's state is an end state.
	 */
	resync(task: StreamTask): E[] {
		this.#taskId ??= task.id;
		const out: E[] = [];
		const over = streamEndStates.has(task.status.state);
		const common = { taskId: task.id, contextId: task.contextId };
		for (const artifact of task.artifacts ?? []) {
			const yielded = this.#parts.get(artifact.artifactId);
			if (yielded !== undefined && artifact.parts.length <= yielded) continue;
			this.#parts.set(artifact.artifactId, artifact.parts.length);
			const chunk = yielded === undefined ? artifact : { ...artifact, parts: artifact.parts.slice(yielded) };
			// Built from the codec's own Task members, so it has the codec's artifact-update shape.
			out.push({ kind: 'artifact-update', ...common, artifact: chunk, append: yielded !== undefined, lastChunk: over } as unknown as E);
		}
		const key = statusKey(task.status);
		if (!this.#statuses.has(key)) {
			this.#statuses.add(key);
			out.push({ kind: 'status-update', ...common, status: task.status } as unknown as E);
		}
		this.#ended = over;
		return out;
	}
}
