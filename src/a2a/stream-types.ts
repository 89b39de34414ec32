// The least a stream event must carry for `streamTaskEvents` to follow a task across reconnections.
// The ./a2a entry's own types (Task, Message, TaskStatusUpdateEvent, TaskArtifactUpdateEvent: flat
// objects told apart by `kind`, states as plain strings) are meant to satisfy these as they are, so
// its codecs' output can be handed to `streamTaskEvents` unchanged and comes back out with its own
// types. Only the members read here are named; everything else passes through untouched.

/** A task's status: its state as a plain string (`'working'`, `'completed'`, …) and when it was set. */
export type StreamStatus = {
	/** The state, normalised: `'submitted'`, `'working'`, `'input-required'`, `'completed'`, …. */
	state: string;
	/** When the state was set, as the agent wrote it; part of what makes two status updates "the same". */
	timestamp?: string | undefined;
	/** The agent's message with the status; its id is part of what makes two status updates "the same". */
	message?: { messageId: string } | undefined;
};

/** An artifact, or the chunk of one an update carries. */
export type StreamArtifact = {
	/** Its id within its task. */
	artifactId: string;
	/** Its content; only the count is read here. */
	parts: readonly unknown[];
};

/** A message: the whole of a message-only stream, or an agent's message during a task. */
export type StreamMessage = {
	kind: 'message';
	/** Unique per sender: a message id already yielded is not yielded again. */
	messageId: string;
};

/** A snapshot of a task: the first event of a task stream, and of every subscription. */
export type StreamTask = {
	kind: 'task';
	id: string;
	contextId: string;
	status: StreamStatus;
	/** What it produced so far. */
	artifacts?: readonly StreamArtifact[] | undefined;
};

/** A task's new status. */
export type StreamStatusUpdate = {
	kind: 'status-update';
	taskId: string;
	contextId: string;
	status: StreamStatus;
	/** v0.3's marker of the last event of a stream. */
	final?: boolean | undefined;
};

/** An artifact, or a chunk of one: `append` adds its parts to those sent before under the same id. */
export type StreamArtifactUpdate = {
	kind: 'artifact-update';
	taskId: string;
	contextId: string;
	artifact: StreamArtifact;
	append?: boolean | undefined;
	lastChunk?: boolean | undefined;
};

/** One event of a message stream or a task subscription, as a codec hands it to `streamTaskEvents`. */
export type NormalisedStreamEvent = StreamTask | StreamMessage | StreamStatusUpdate | StreamArtifactUpdate;

/**
 * The states after which a task's stream ends: terminal (`completed`, `failed`, `canceled`,
 * `rejected`) and interrupted, waiting for the client (`input-required`, `auth-required`). A stream
 * that stops before one of these was cut, and is resubscribed.
 */
export const streamEndStates: ReadonlySet<string> = new Set(['completed', 'failed', 'canceled', 'rejected', 'input-required', 'auth-required']);
