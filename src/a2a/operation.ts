import type * as v from 'valibot';
import type { ListTasksQuery } from './api.js';
import type { Message, PushNotificationConfig, StreamEvent, Task, TaskPage } from './types.js';

/** The A2A versions this entry speaks. */
export type ProtocolVersion = '1.0' | '0.3';

/** The protocol bindings this entry speaks. */
export type Binding = 'JSONRPC' | 'HTTP+JSON';

/** A message checked and completed for sending: a `Message` without its `kind` and `role` (the codec sets them), with its `messageId`, the same on every retry. */
export type WireMessage = Omit<Message, 'kind' | 'role'>;

/** How the agent should handle a sent message. */
export interface SendConfiguration {
	returnImmediately?: boolean | undefined;
	historyLength?: number | undefined;
	acceptedOutputModes?: string[] | undefined;
}

/** A `listTasks` query, checked: the public `ListTasksQuery`. */
export type TaskQuery = ListTasksQuery;

/** What `createPushConfig` sends. */
export interface PushConfigInput {
	url: string;
	id?: string | undefined;
	token?: string | undefined;
	authentication?: { scheme: string; credentials?: string | undefined } | undefined;
}

/** The HTTP+JSON spelling of an operation: verb, path under the interface URL, query and body. */
export interface RestRoute {
	verb: 'GET' | 'POST' | 'DELETE';
	path: string;
	query?: Record<string, string> | undefined;
	body?: unknown;
}

/**
 * One operation as a protocol version spells it, for either binding: the JSON-RPC method and params,
 * the HTTP+JSON route (none where the version has no HTTP+JSON this entry speaks), and the schema
 * that validates and normalises its result (JSON-RPC `result`, HTTP+JSON body).
 */
export interface Operation<T> {
	method: string;
	params: Record<string, unknown>;
	rest: RestRoute | undefined;
	result: v.GenericSchema<unknown, T>;
}

/** The operations of one protocol version; `undefined` where the version has no such operation. */
export interface VersionSpec {
	readonly version: ProtocolVersion;
	send(message: WireMessage, configuration: SendConfiguration, tenant: string | undefined): Operation<Message | Task>;
	stream(message: WireMessage, configuration: SendConfiguration, tenant: string | undefined): Operation<unknown>;
	subscribe(taskId: string, tenant: string | undefined): Operation<unknown>;
	getTask(taskId: string, historyLength: number | undefined, tenant: string | undefined): Operation<Task>;
	cancelTask(taskId: string, tenant: string | undefined): Operation<Task>;
	listTasks: ((query: TaskQuery, tenant: string | undefined) => Operation<TaskPage>) | undefined;
	createPushConfig(taskId: string, config: PushConfigInput, tenant: string | undefined): Operation<PushNotificationConfig>;
	getPushConfig(taskId: string, configId: string, tenant: string | undefined): Operation<PushNotificationConfig>;
	listPushConfigs(taskId: string, tenant: string | undefined): Operation<PushNotificationConfig[]>;
	deletePushConfig(taskId: string, configId: string, tenant: string | undefined): Operation<undefined>;
	/** One stream event (JSON-RPC `result`, HTTP+JSON `data`). */
	readonly event: v.GenericSchema<unknown, StreamEvent>;
	/** The commonest events read as `event` reads them, only faster; `undefined` for any it leaves to `event`. */
	readonly fastEvent?: ((value: unknown) => StreamEvent | undefined) | undefined;
}

/** A path segment from an id: escaped, so an id cannot reach another route. */
export const segment = (id: string): string => encodeURIComponent(id);
