import * as v from 'valibot';
import { absent } from './absent.js';

/** A JSON-RPC error object; agents are loose about it, so every member is optional (`null` reads as absent). */
export const JsonRpcErrorObjectSchema = v.looseObject({
	code: absent(v.number()),
	message: absent(v.string()),
	data: absent(v.unknown()),
});

/**
 * A JSON-RPC response as the proxy passes it through; `result` is read by `extractReply`. An
 * `error` of `null` is absent, so `{"result": …, "error": null}` is a result; `id` is checked by
 * the reader against the id it sent.
 */
export const JsonRpcResponseSchema = v.looseObject({
	result: v.optional(v.unknown()),
	error: absent(JsonRpcErrorObjectSchema),
});
