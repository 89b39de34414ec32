import * as v from 'valibot';
import { encodeBase64 } from '../base64.js';
import { segment, type Operation, type RestRoute, type SendConfiguration, type VersionSpec, type WireMessage } from '../operation.js';
import { compact } from '../schemas/common.js';
import { PushConfigListV1Schema, PushConfigV1Schema, SendResultV1Schema, StreamEventV1Schema, TaskPageV1Schema, TaskV1Schema, v1StateNames } from '../schemas/v1.js';
import { fastStreamEventV1 } from '../schemas/v1-fast.js';
import type { Part } from '../types.js';

// A2A v1.0 (notes §2.1, §2.2): PascalCase JSON-RPC methods, REST routes at the interface URL (under
// `/{tenant}` when the interface names one), proto-JSON bodies.

/** A part in proto-JSON: the member it holds is its kind. */
function wirePart(part: Part): Record<string, unknown> {
	if (part.kind === 'text') return compact({ text: part.text, mediaType: part.mediaType, metadata: part.metadata });
	if (part.kind === 'data') return compact({ data: part.data, mediaType: part.mediaType, metadata: part.metadata });
	const { file } = part;
	return compact({
		...(file.bytes ? { raw: encodeBase64(file.bytes) } : { url: file.uri }),
		filename: file.name,
		mediaType: file.mediaType,
		metadata: part.metadata,
	});
}

const wireMessage = (message: WireMessage): Record<string, unknown> =>
	compact({ ...message, role: 'ROLE_USER', parts: message.parts.map(wirePart) });

function sendParams(message: WireMessage, configuration: SendConfiguration, tenant: string | undefined): Record<string, unknown> {
	const config = compact({ returnImmediately: configuration.returnImmediately, historyLength: configuration.historyLength, acceptedOutputModes: configuration.acceptedOutputModes });
	return compact({ tenant, message: wireMessage(message), configuration: Object.keys(config).length ? config : undefined });
}

/** The REST route: under `/{tenant}` when there is one. */
const route = (tenant: string | undefined, verb: RestRoute['verb'], path: string, extra: Partial<RestRoute> = {}): RestRoute => ({
	verb,
	path: (tenant ? `/${segment(tenant)}` : '') + path,
	...extra,
});

const nothing = v.pipe(v.unknown(), v.transform((): undefined => undefined));
const streamed = v.unknown();

/** Query values as strings; the absent ones left out. */
const query = (values: Record<string, string | number | boolean | undefined>): Record<string, string> =>
	Object.fromEntries(Object.entries(values).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])));

const operation = <T>(method: string, params: Record<string, unknown>, rest: RestRoute, result: v.GenericSchema<unknown, T>): Operation<T> => ({ method, params, rest, result });

/** The operations of A2A v1.0. */
export const v1: VersionSpec = {
	version: '1.0',
	send: (message, configuration, tenant) => {
		const params = sendParams(message, configuration, tenant);
		return operation('SendMessage', params, route(tenant, 'POST', '/message:send', { body: params }), SendResultV1Schema);
	},
	stream: (message, configuration, tenant) => {
		const params = sendParams(message, configuration, tenant);
		return operation('SendStreamingMessage', params, route(tenant, 'POST', '/message:stream', { body: params }), streamed);
	},
	subscribe: (taskId, tenant) => operation('SubscribeToTask', compact({ tenant, id: taskId }), route(tenant, 'POST', `/tasks/${segment(taskId)}:subscribe`), streamed),
	getTask: (taskId, historyLength, tenant) =>
		operation('GetTask', compact({ tenant, id: taskId, historyLength }), route(tenant, 'GET', `/tasks/${segment(taskId)}`, { query: query({ historyLength }) }), TaskV1Schema),
	cancelTask: (taskId, tenant) => operation('CancelTask', compact({ tenant, id: taskId }), route(tenant, 'POST', `/tasks/${segment(taskId)}:cancel`), TaskV1Schema),
	listTasks: (filter, tenant) => {
		const values = { ...filter, status: filter.status && v1StateNames[filter.status] };
		return operation('ListTasks', compact({ tenant, ...values }), route(tenant, 'GET', '/tasks', { query: query(values) }), TaskPageV1Schema);
	},
	createPushConfig: (taskId, config, tenant) => {
		const body = compact({ id: config.id, url: config.url, token: config.token, authentication: config.authentication && compact({ ...config.authentication }) });
		return operation('CreateTaskPushNotificationConfig', compact({ tenant, taskId, ...body }), route(tenant, 'POST', `/tasks/${segment(taskId)}/pushNotificationConfigs`, { body }), PushConfigV1Schema);
	},
	getPushConfig: (taskId, configId, tenant) =>
		operation('GetTaskPushNotificationConfig', compact({ tenant, taskId, id: configId }), route(tenant, 'GET', `/tasks/${segment(taskId)}/pushNotificationConfigs/${segment(configId)}`), PushConfigV1Schema),
	listPushConfigs: (taskId, tenant) =>
		operation('ListTaskPushNotificationConfigs', compact({ tenant, taskId }), route(tenant, 'GET', `/tasks/${segment(taskId)}/pushNotificationConfigs`), PushConfigListV1Schema),
	deletePushConfig: (taskId, configId, tenant) =>
		operation('DeleteTaskPushNotificationConfig', compact({ tenant, taskId, id: configId }), route(tenant, 'DELETE', `/tasks/${segment(taskId)}/pushNotificationConfigs/${segment(configId)}`), nothing),
	event: StreamEventV1Schema,
	fastEvent: fastStreamEventV1,
};
