// The events a v1.0 stream sends most, read without valibot: status updates and artifact chunks
// of text (an agent's tokens). StreamEventV1Schema reads them into the very same objects, at about
// twice the cost per event; anything this does not recognise in full (another event, another part,
// a null, an unknown member, a wrong type) is left to that schema, which also names what is wrong.
import type { StreamEvent, TaskState } from '../types.js';
import { v1StateNames } from './v1.js';

/** A Map, not an object: a state named `constructor` must not find Object's. */
const states: ReadonlyMap<unknown, TaskState> = new Map(Object.entries(v1StateNames).map(([state, name]) => [name, state as TaskState]));

type Plain = Record<string, unknown>;
const plain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Whether every member of `value` is one of `known` (so nothing is left for the schema to refuse or drop). */
const only = (value: Plain, known: readonly string[]): boolean => {
	for (const key in value) if (!known.includes(key)) return false;
	return true;
};
const text = (value: unknown): value is string | undefined => value === undefined || typeof value === 'string';
const flag = (value: unknown): value is boolean | undefined => value === undefined || typeof value === 'boolean';

function status(value: unknown): { state: TaskState; timestamp?: string } | undefined {
	if (!plain(value) || !only(value, ['state', 'timestamp'])) return undefined;
	const state = states.get(value['state']);
	const { timestamp } = value;
	if (state === undefined || !text(timestamp)) return undefined;
	return timestamp === undefined ? { state } : { state, timestamp };
}

function textParts(value: unknown): { kind: 'text'; text: string; mediaType?: string }[] | undefined {
	if (!Array.isArray(value)) return undefined;
	const parts: { kind: 'text'; text: string; mediaType?: string }[] = [];
	for (const part of value as unknown[]) {
		if (!plain(part) || !only(part, ['text', 'mediaType'])) return undefined;
		const { text: content, mediaType } = part;
		if (typeof content !== 'string' || !text(mediaType)) return undefined;
		parts.push(mediaType === undefined ? { kind: 'text', text: content } : { kind: 'text', text: content, mediaType });
	}
	return parts;
}

/** `{statusUpdate}` without a status message, or `{artifactUpdate}` of text parts, as StreamEventV1Schema reads it; else `undefined`. */
export function fastStreamEventV1(value: unknown): StreamEvent | undefined {
	if (!plain(value)) return undefined;
	const { statusUpdate, artifactUpdate } = value;
	if (plain(statusUpdate) && only(value, ['statusUpdate']) && only(statusUpdate, ['taskId', 'contextId', 'status'])) {
		const { taskId, contextId } = statusUpdate;
		const read = status(statusUpdate['status']);
		if (typeof taskId !== 'string' || !text(contextId) || !read) return undefined;
		return { kind: 'status-update', taskId, contextId: contextId ?? '', status: read };
	}
	if (plain(artifactUpdate) && only(value, ['artifactUpdate']) && only(artifactUpdate, ['taskId', 'contextId', 'artifact', 'append', 'lastChunk'])) {
		const { taskId, contextId, artifact, append, lastChunk } = artifactUpdate;
		if (typeof taskId !== 'string' || !text(contextId) || !flag(append) || !flag(lastChunk) || !plain(artifact) || !only(artifact, ['artifactId', 'name', 'parts'])) return undefined;
		const { artifactId, name } = artifact;
		const parts = textParts(artifact['parts']);
		if (typeof artifactId !== 'string' || !text(name) || !parts) return undefined;
		return {
			kind: 'artifact-update',
			taskId,
			contextId: contextId ?? '',
			artifact: name ? { artifactId, name, parts } : { artifactId, parts },
			append: append ?? false,
			lastChunk: lastChunk ?? false,
		};
	}
	return undefined;
}
