import type { AnswerContext } from './answer.js';
import type { PreparedCall, PreparedStream } from './bindings/binding.js';
import { jsonRpc } from './bindings/json-rpc.js';
import { rest } from './bindings/rest.js';
import type { InterfaceChoice } from './choose-interface.js';
import { v03 } from './codecs/v03.js';
import { v1 } from './codecs/v1.js';
import type { Binding, Operation, ProtocolVersion, VersionSpec } from './operation.js';

/**
 * One interface's way of speaking: a protocol version's operations (`spec`) put on the wire by a
 * binding. `call` prepares a unary request and the reader of its answer; `stream` a streaming request
 * (`spec.stream(...)`, `spec.subscribe(...)`) and the reader of each event's `data`.
 */
export interface Codec {
	readonly version: ProtocolVersion;
	readonly binding: Binding;
	/** The interface's URL. */
	readonly url: string;
	/** The tenant the interface names, put into every request. */
	readonly tenant: string | undefined;
	readonly spec: VersionSpec;
	call<T>(operation: Operation<T>, id: string): PreparedCall<T>;
	stream(operation: Operation<unknown>, id: string): PreparedStream;
}

/** The codec of the chosen interface. */
export function createCodec(choice: InterfaceChoice, context: AnswerContext): Codec {
	const spec = choice.version === '1.0' ? v1 : v03;
	const binding = choice.binding === 'JSONRPC' ? jsonRpc : rest;
	const { url, tenant } = choice.interface;
	return {
		version: choice.version,
		binding: choice.binding,
		url,
		tenant,
		spec,
		call: (operation, id) => binding.call(operation, url, id, context),
		stream: (operation, id) => binding.stream(operation, spec.event, url, id, context),
	};
}
