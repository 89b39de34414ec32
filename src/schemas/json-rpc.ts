import * as v from 'valibot';

/** A JSON-RPC error object; agents are loose about it, so both members are optional. */
export const JsonRpcErrorObject = v.looseObject({
	code: v.optional(v.number()),
	message: v.optional(v.nullable(v.string())),
	data: v.optional(v.unknown()),
});
export type JsonRpcErrorObject = v.InferOutput<typeof JsonRpcErrorObject>;

/** A JSON-RPC response as the proxy passes it through; `result` is read by `extractReply`. */
export const JsonRpcResponse = v.looseObject({
	result: v.optional(v.unknown()),
	error: v.optional(JsonRpcErrorObject),
});
export type JsonRpcResponse = v.InferOutput<typeof JsonRpcResponse>;
