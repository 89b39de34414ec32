import * as v from 'valibot';
import { absent } from '../../schemas/absent.js';
import { JsonRpcErrorObjectSchema } from '../../schemas/json-rpc.js';

/**
 * A JSON-RPC 2.0 response: `result` or `error`, and the `id` of the request it answers (checked by
 * the reader: an answer to another request is refused, as a2a-js does since its #176).
 */
export const JsonRpcEnvelopeSchema = v.looseObject({
	jsonrpc: v.optional(v.literal('2.0')),
	id: v.optional(v.nullable(v.union([v.string(), v.number()]))),
	result: v.optional(v.unknown()),
	error: absent(JsonRpcErrorObjectSchema),
});

/** A `google.rpc.ErrorInfo` in an error's `data` (JSON-RPC) or `details` (HTTP+JSON). */
export const ErrorInfoSchema = v.looseObject({ reason: v.string() });

/** The `google.rpc.Status` body of an HTTP+JSON error (spec §11.6). */
export const RestStatusBodySchema = v.looseObject({
	error: v.looseObject({ code: absent(v.number()), status: absent(v.string()), message: absent(v.string()), details: absent(v.array(v.unknown())) }),
});

/** The bare `{code, message}` some a2a-js routes answer instead (notes §5.3). */
export const RestBareErrorSchema = v.looseObject({ code: absent(v.number()), message: v.string() });
