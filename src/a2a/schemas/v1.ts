import * as v from 'valibot';
import { absent } from '../../schemas/absent.js';
import type { TaskState } from '../types.js';
import { base64Bytes, compact, metadata, optionalText, optionalTexts, unset } from './common.js';

// A2A v1.0 in proto-JSON (spec §5.5): camelCase proto names, enums as their names, parts told apart
// by which member they hold. Each schema validates and normalises in one pass. The objects a stream
// reads per event are `v.object`, not `v.looseObject`: each transform builds its output from the
// members it names, so unknown members were copied for nothing (a stream's hottest loop).

/** v1.0 task states, by proto name, as the plain strings of `TaskState`. */
const states = {
	TASK_STATE_UNSPECIFIED: 'unknown',
	TASK_STATE_SUBMITTED: 'submitted',
	TASK_STATE_WORKING: 'working',
	TASK_STATE_COMPLETED: 'completed',
	TASK_STATE_FAILED: 'failed',
	TASK_STATE_CANCELED: 'canceled',
	TASK_STATE_INPUT_REQUIRED: 'input-required',
	TASK_STATE_REJECTED: 'rejected',
	TASK_STATE_AUTH_REQUIRED: 'auth-required',
} as const;
export const v1StateNames: Readonly<Record<TaskState, string>> = Object.fromEntries(Object.entries(states).map(([name, state]) => [state, name])) as Record<TaskState, string>;

const StateV1Schema = v.pipe(
	v.picklist(Object.keys(states) as [keyof typeof states, ...(keyof typeof states)[]]),
	v.transform((name) => states[name]),
);

/** A v1.0 `Part`: exactly one of `text`, `raw`, `url`, `data`. */
export const PartV1Schema = v.pipe(
	v.object({ text: optionalText, raw: absent(base64Bytes), url: optionalText, data: v.optional(v.unknown()), filename: optionalText, mediaType: optionalText, metadata }),
	v.check((part) => {
		const others = [part.text, part.raw, part.url].filter((member) => member !== undefined).length;
		// `data` is a JSON value, so null is content, unless a writer of nulls put it beside another member.
		return others + (part.data === undefined || (part.data === null && others > 0) ? 0 : 1) === 1;
	}, 'Invalid part: Expected exactly one of text, raw, url or data'),
	v.transform((part) => {
		if (part.text !== undefined) return compact({ kind: 'text' as const, text: part.text, mediaType: part.mediaType, metadata: part.metadata });
		if (part.raw === undefined && part.url === undefined) return compact({ kind: 'data' as const, data: part.data, mediaType: part.mediaType, metadata: part.metadata });
		return compact({ kind: 'file' as const, file: compact({ uri: part.url, bytes: part.raw, name: part.filename, mediaType: part.mediaType }), metadata: part.metadata });
	}),
);

/** A v1.0 `Message`. */
export const MessageV1Schema = v.pipe(
	v.object({
		messageId: v.string(),
		role: v.picklist(['ROLE_USER', 'ROLE_AGENT']),
		parts: v.array(PartV1Schema),
		contextId: optionalText,
		taskId: optionalText,
		referenceTaskIds: optionalTexts,
		extensions: optionalTexts,
		metadata,
	}),
	v.transform(
		(message) =>
			compact({
				kind: 'message' as const,
				messageId: message.messageId,
				role: message.role === 'ROLE_USER' ? ('user' as const) : ('agent' as const),
				parts: message.parts,
				contextId: message.contextId || undefined,
				taskId: message.taskId || undefined,
				referenceTaskIds: message.referenceTaskIds?.length ? message.referenceTaskIds : undefined,
				extensions: message.extensions?.length ? message.extensions : undefined,
				metadata: message.metadata,
			}),
	),
);

/** A v1.0 `TaskStatus`. */
export const StatusV1Schema = v.pipe(
	v.object({ state: StateV1Schema, message: absent(MessageV1Schema), timestamp: optionalText }),
	v.transform((status) => compact({ state: status.state, message: status.message, timestamp: status.timestamp })),
);

/** A v1.0 `Artifact`. */
export const ArtifactV1Schema = v.pipe(
	v.object({ artifactId: v.string(), name: optionalText, description: optionalText, parts: v.array(PartV1Schema), extensions: optionalTexts, metadata }),
	v.transform(
		(artifact) =>
			compact({
				artifactId: artifact.artifactId,
				name: artifact.name || undefined,
				description: artifact.description || undefined,
				parts: artifact.parts,
				extensions: artifact.extensions?.length ? artifact.extensions : undefined,
				metadata: artifact.metadata,
			}),
	),
);

/** A v1.0 `Task`; proto-JSON leaves out empty lists and strings, so they read as `[]` and `''`. */
export const TaskV1Schema = v.pipe(
	v.object({ id: v.string(), contextId: optionalText, status: StatusV1Schema, artifacts: absent(v.array(ArtifactV1Schema)), history: absent(v.array(MessageV1Schema)), metadata }),
	v.transform(
		(task) =>
			compact({ kind: 'task' as const, id: task.id, contextId: task.contextId ?? '', status: task.status, artifacts: task.artifacts ?? [], history: task.history ?? [], metadata: task.metadata }),
	),
);

/** The member a `oneOf` check found set: never undefined there. */
const set = <T>(member: T | undefined): T => member as T;

/** A proto `oneof` of objects: exactly one member set, so a bad one gets issues at its own path. */
const oneOf = <TEntries extends v.ObjectEntries>(entries: TEntries, names: string) => {
	const keys = Object.keys(entries);
	return v.pipe(
		v.object(entries),
		v.check((value) => {
			let count = 0;
			for (const key of keys) if ((value as Record<string, unknown>)[key] !== undefined) count++;
			return count === 1;
		}, `Invalid type: Expected exactly one of ${names}`),
	);
};

/** The result of `SendMessage`: `{task}` or `{message}`. */
export const SendResultV1Schema = v.pipe(
	oneOf({ task: v.optional(TaskV1Schema), message: v.optional(MessageV1Schema) }, 'task or message'),
	v.transform((result) => set(result.task ?? result.message)),
);

const StatusUpdateV1Schema = v.pipe(
	v.object({ taskId: v.string(), contextId: optionalText, status: StatusV1Schema, metadata }),
	v.transform((event) => compact({ kind: 'status-update' as const, taskId: event.taskId, contextId: event.contextId ?? '', status: event.status, final: unset<boolean>(), metadata: event.metadata })),
);
const ArtifactUpdateV1Schema = v.pipe(
	v.object({ taskId: v.string(), contextId: optionalText, artifact: ArtifactV1Schema, append: absent(v.boolean()), lastChunk: absent(v.boolean()), metadata }),
	v.transform(
		(event) =>
			compact({
				kind: 'artifact-update' as const,
				taskId: event.taskId,
				contextId: event.contextId ?? '',
				artifact: event.artifact,
				append: event.append ?? false,
				lastChunk: event.lastChunk ?? false,
				metadata: event.metadata,
			}),
	),
);

/** One `StreamResponse`: `{task}`, `{message}`, `{statusUpdate}` or `{artifactUpdate}`. */
export const StreamEventV1Schema = v.pipe(
	oneOf(
		{ task: v.optional(TaskV1Schema), message: v.optional(MessageV1Schema), statusUpdate: v.optional(StatusUpdateV1Schema), artifactUpdate: v.optional(ArtifactUpdateV1Schema) },
		'task, message, statusUpdate or artifactUpdate',
	),
	v.transform((event) => set(event.task ?? event.message ?? event.statusUpdate ?? event.artifactUpdate)),
);

/** The result of `ListTasks`. */
export const TaskPageV1Schema = v.pipe(
	v.looseObject({ tasks: v.array(TaskV1Schema), nextPageToken: optionalText, pageSize: absent(v.number()), totalSize: absent(v.number()) }),
	v.transform((page) => compact({ tasks: page.tasks, nextPageToken: page.nextPageToken || undefined, pageSize: page.pageSize, totalSize: page.totalSize })),
);

/** A v1.0 `TaskPushNotificationConfig` (flat: the task id beside the webhook). */
export const PushConfigV1Schema = v.pipe(
	v.looseObject({
		id: v.string(),
		taskId: v.string(),
		url: v.string(),
		token: optionalText,
		authentication: absent(v.looseObject({ scheme: v.string(), credentials: optionalText })),
		tenant: optionalText,
	}),
	v.transform(
		(config) =>
			compact({
				id: config.id,
				taskId: config.taskId,
				url: config.url,
				token: config.token || undefined,
				authentication: config.authentication && compact({ scheme: config.authentication.scheme, credentials: config.authentication.credentials || undefined }),
			}),
	),
);

/** The result of `ListTaskPushNotificationConfigs`. */
export const PushConfigListV1Schema = v.pipe(
	v.looseObject({ configs: absent(v.array(PushConfigV1Schema)) }),
	v.transform((list) => list.configs ?? []),
);
