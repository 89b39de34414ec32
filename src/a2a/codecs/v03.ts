import * as v from 'valibot';
import { encodeBase64 } from '../base64.js';
import type { Operation, SendConfiguration, VersionSpec, WireMessage } from '../operation.js';
import { compact } from '../schemas/common.js';
import { PushConfigListV03Schema, PushConfigV03Schema, SendResultV03Schema, StreamEventV03Schema, TaskV03Schema } from '../schemas/v03.js';
import type { Part } from '../types.js';

// A2A v0.3 over JSON-RPC (notes §2.1, §2.2): slash-separated methods, objects tagged by `kind`,
// `blocking` for v1.0's inverse `returnImmediately`, push configs wrapped. Its HTTP+JSON binding
// wants proto-shaped bodies of its own (notes §5.3) and is not spoken here: `rest` is undefined.

function wirePart(part: Part): Record<string, unknown> {
	if (part.kind === 'text') return compact({ kind: 'text', text: part.text, metadata: part.metadata });
	if (part.kind === 'data') return compact({ kind: 'data', data: part.data, metadata: part.metadata });
	const { file } = part;
	return compact({
		kind: 'file',
		file: compact({ ...(file.bytes ? { bytes: encodeBase64(file.bytes) } : { uri: file.uri }), name: file.name, mimeType: file.mediaType }),
		metadata: part.metadata,
	});
}

function sendParams(message: WireMessage, configuration: SendConfiguration): Record<string, unknown> {
	return {
		message: compact({ kind: 'message', ...message, role: 'user', parts: message.parts.map(wirePart) }),
		configuration: compact({ blocking: !configuration.returnImmediately, historyLength: configuration.historyLength, acceptedOutputModes: configuration.acceptedOutputModes ?? [] }),
	};
}

const nothing = v.pipe(v.unknown(), v.transform((): undefined => undefined));
const streamed = v.unknown();
const operation = <T>(method: string, params: Record<string, unknown>, result: v.GenericSchema<unknown, T>): Operation<T> => ({ method, params, rest: undefined, result });

/** The operations of A2A v0.3; it has no `ListTasks` over JSON-RPC. The tenant is a v1.0 notion. */
export const v03: VersionSpec = {
	version: '0.3',
	send: (message, configuration) => operation('message/send', sendParams(message, configuration), SendResultV03Schema),
	stream: (message, configuration) => operation('message/stream', sendParams(message, configuration), streamed),
	subscribe: (taskId) => operation('tasks/resubscribe', { id: taskId }, streamed),
	getTask: (taskId, historyLength) => operation('tasks/get', compact({ id: taskId, historyLength }), TaskV03Schema),
	cancelTask: (taskId) => operation('tasks/cancel', { id: taskId }, TaskV03Schema),
	listTasks: undefined,
	createPushConfig: (taskId, config) => {
		const { authentication } = config;
		const pushNotificationConfig = compact({
			id: config.id,
			url: config.url,
			token: config.token,
			authentication: authentication && compact({ schemes: [authentication.scheme], credentials: authentication.credentials }),
		});
		return operation('tasks/pushNotificationConfig/set', { taskId, pushNotificationConfig }, PushConfigV03Schema);
	},
	getPushConfig: (taskId, configId) => operation('tasks/pushNotificationConfig/get', { id: taskId, pushNotificationConfigId: configId }, PushConfigV03Schema),
	listPushConfigs: (taskId) => operation('tasks/pushNotificationConfig/list', { id: taskId }, PushConfigListV03Schema),
	deletePushConfig: (taskId, configId) => operation('tasks/pushNotificationConfig/delete', { id: taskId, pushNotificationConfigId: configId }, nothing),
	event: StreamEventV03Schema,
};
