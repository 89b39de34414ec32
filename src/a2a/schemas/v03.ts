import * as v from 'valibot';
import { absent } from '../../schemas/absent.js';
import type { TaskState } from '../types.js';
import { base64Bytes, compact, metadata, optionalText, optionalTexts, unset } from './common.js';

// A2A v0.3: objects tagged by `kind`, states as lower-case words. Each schema validates and
// normalises in one pass into the same types as the v1.0 schemas.

const StateV03Schema = v.picklist(['submitted', 'working', 'input-required', 'auth-required', 'completed', 'failed', 'canceled', 'rejected', 'unknown'] satisfies TaskState[]);

const TextPartV03Schema = v.pipe(
	v.object({ kind: v.literal('text'), text: v.string(), metadata }),
	v.transform((part) => compact({ kind: 'text' as const, text: part.text, mediaType: unset<string>(), metadata: part.metadata })),
);
const FilePartV03Schema = v.pipe(
	v.object({
		kind: v.literal('file'),
		file: v.object({ uri: optionalText, bytes: absent(base64Bytes), name: optionalText, mimeType: optionalText }),
		metadata,
	}),
	v.check((part) => (part.file.uri === undefined) !== (part.file.bytes === undefined), 'Invalid file: Expected exactly one of uri or bytes'),
	v.transform((part) => compact({ kind: 'file' as const, file: compact({ uri: part.file.uri, bytes: part.file.bytes, name: part.file.name, mediaType: part.file.mimeType }), metadata: part.metadata })),
);
const DataPartV03Schema = v.pipe(
	v.object({ kind: v.literal('data'), data: v.unknown(), metadata }),
	v.transform((part) => compact({ kind: 'data' as const, data: part.data, mediaType: unset<string>(), metadata: part.metadata })),
);

/** A v0.3 part, picked by `kind`. */
export const PartV03Schema = v.variant('kind', [TextPartV03Schema, FilePartV03Schema, DataPartV03Schema]);

/** A v0.3 `Message` (`kind: "message"`). */
export const MessageV03Schema = v.pipe(
	v.object({
		kind: v.literal('message'),
		messageId: v.string(),
		role: v.picklist(['user', 'agent']),
		parts: v.array(PartV03Schema),
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
				role: message.role,
				parts: message.parts,
				contextId: message.contextId,
				taskId: message.taskId,
				referenceTaskIds: message.referenceTaskIds,
				extensions: message.extensions,
				metadata: message.metadata,
			}),
	),
);

/** A v0.3 `TaskStatus`. */
export const StatusV03Schema = v.pipe(
	v.object({ state: StateV03Schema, message: absent(MessageV03Schema), timestamp: optionalText }),
	v.transform((status) => compact({ state: status.state, message: status.message, timestamp: status.timestamp })),
);

/** A v0.3 `Artifact`. */
export const ArtifactV03Schema = v.pipe(
	v.object({ artifactId: v.string(), name: optionalText, description: optionalText, parts: v.array(PartV03Schema), extensions: optionalTexts, metadata }),
	v.transform(
		(artifact) =>
			compact({ artifactId: artifact.artifactId, name: artifact.name, description: artifact.description, parts: artifact.parts, extensions: artifact.extensions, metadata: artifact.metadata }),
	),
);

/** A v0.3 `Task` (`kind: "task"`). */
export const TaskV03Schema = v.pipe(
	v.object({
		kind: v.literal('task'),
		id: v.string(),
		contextId: v.string(),
		status: StatusV03Schema,
		artifacts: absent(v.array(ArtifactV03Schema)),
		history: absent(v.array(MessageV03Schema)),
		metadata,
	}),
	v.transform(
		(task) => compact({ kind: 'task' as const, id: task.id, contextId: task.contextId, status: task.status, artifacts: task.artifacts ?? [], history: task.history ?? [], metadata: task.metadata }),
	),
);

const StatusUpdateV03Schema = v.pipe(
	v.object({ kind: v.literal('status-update'), taskId: v.string(), contextId: v.string(), status: StatusV03Schema, final: absent(v.boolean()), metadata }),
	v.transform((event) => compact({ kind: 'status-update' as const, taskId: event.taskId, contextId: event.contextId, status: event.status, final: event.final, metadata: event.metadata })),
);
const ArtifactUpdateV03Schema = v.pipe(
	v.object({
		kind: v.literal('artifact-update'),
		taskId: v.string(),
		contextId: v.string(),
		artifact: ArtifactV03Schema,
		append: absent(v.boolean()),
		lastChunk: absent(v.boolean()),
		metadata,
	}),
	v.transform(
		(event) =>
			compact({
				kind: 'artifact-update' as const,
				taskId: event.taskId,
				contextId: event.contextId,
				artifact: event.artifact,
				append: event.append ?? false,
				lastChunk: event.lastChunk ?? false,
				metadata: event.metadata,
			}),
	),
);

/** The result of `message/send`: a bare Task or Message, told apart by `kind`. */
export const SendResultV03Schema = v.variant('kind', [TaskV03Schema, MessageV03Schema]);

/** One event of `message/stream` or `tasks/resubscribe`, told apart by `kind`. */
export const StreamEventV03Schema = v.variant('kind', [TaskV03Schema, MessageV03Schema, StatusUpdateV03Schema, ArtifactUpdateV03Schema]);

/** A v0.3 `TaskPushNotificationConfig`: the task id beside a wrapped config (`schemes` a list). */
export const PushConfigV03Schema = v.pipe(
	v.looseObject({
		taskId: v.string(),
		pushNotificationConfig: v.looseObject({
			id: optionalText,
			url: v.string(),
			token: optionalText,
			authentication: absent(v.looseObject({ schemes: v.array(v.string()), credentials: optionalText })),
		}),
	}),
	v.transform(({ taskId, pushNotificationConfig: config }) => {
		const scheme = config.authentication?.schemes[0];
		return compact({
			id: config.id ?? '',
			taskId,
			url: config.url,
			token: config.token,
			authentication: scheme === undefined ? undefined : compact({ scheme, credentials: config.authentication?.credentials }),
		});
	}),
);

/** The result of `tasks/pushNotificationConfig/list`. */
export const PushConfigListV03Schema = v.array(PushConfigV03Schema);
