import type { PlatformResponse } from '../../transport.js';
import { ResponseValidationError } from '../../errors/response-validation-error.js';
import { UnexpectedResponseError } from '../../errors/unexpected-response-error.js';
import { jsonOf, reasonOf, statusFailure, validated, type AnswerContext } from '../answer.js';
import type { A2AProtocolError } from '../errors/a2a-protocol-error.js';
import { protocolError } from '../errors/from-wire.js';
import { JsonRpcEnvelopeSchema } from '../schemas/wire.js';
import type { BindingCodec } from './binding.js';

// JSON-RPC 2.0 over HTTP POST (spec §9): every operation goes to the interface URL in an envelope;
// errors come back as `error` objects, with HTTP 200 from a2a-js (notes §5.3), and stream events
// are envelopes too (§9.4.2), an `event: error` frame one with an `error` (notes §2.4).

const accept = 'application/json';
const streamAccept = 'text/event-stream';

/** The protocol error an envelope carries, built redacted; `undefined` when it has none. */
function reported(envelope: { error?: { code?: number | undefined; message?: string | undefined; data?: unknown } | undefined }, status: number, target: string, context: AnswerContext): A2AProtocolError | undefined {
	const { error } = envelope;
	if (!error) return undefined;
	const { redaction } = context;
	return protocolError(redaction.text(error.message ?? ''), { code: error.code, status, reason: reasonOf(error.data), data: redaction.value(error.data), target });
}

/** The envelope of `json`, validated, answering request `id` (a `null` id is the server's "could not read it"). */
function envelopeOf(json: unknown, id: string, status: number, target: string, context: AnswerContext) {
	const envelope = validated(JsonRpcEnvelopeSchema, json, '', target, context);
	if (envelope.id !== undefined && envelope.id !== null && envelope.id !== id) {
		throw new UnexpectedResponseError(`the answer is for JSON-RPC request ${JSON.stringify(envelope.id)}, not this one`, status, { target });
	}
	return envelope;
}

/** The error of an answer that is not what was asked for: a status failure, else the envelope's error, else why it could not be read. */
function answerFailure(answer: PlatformResponse, id: string, context: AnswerContext): Error {
	let error: A2AProtocolError | undefined;
	let unreadable: unknown;
	try {
		error = reported(envelopeOf(jsonOf(answer), id, answer.status, answer.url, context), answer.status, answer.url, context);
	} catch (problem) {
		unreadable = problem;
	}
	if (answer.status < 200 || answer.status > 299) return statusFailure(answer, error, context);
	if (error) return error;
	if (unreadable instanceof Error) return unreadable;
	return new UnexpectedResponseError(`expected an event stream, got ${answer.headers.get('content-type') ?? 'no content type'}`, answer.status, { target: answer.url });
}

export const jsonRpc: BindingCodec = {
	call(operation, url, id, context) {
		return {
			request: { method: 'POST', url, json: { jsonrpc: '2.0', id, method: operation.method, params: operation.params }, accept },
			decode(answer) {
				if (answer.status < 200 || answer.status > 299) throw answerFailure(answer, id, context);
				const envelope = envelopeOf(jsonOf(answer), id, answer.status, answer.url, context);
				const error = reported(envelope, answer.status, answer.url, context);
				if (error) throw error;
				if (!('result' in envelope)) throw new ResponseValidationError([{ path: 'result', message: 'Invalid key: Expected a result or an error' }], { target: answer.url });
				return validated(operation.result, envelope.result, 'result', answer.url, context);
			},
		};
	},
	stream(operation, eventSchema, url, id, context) {
		return {
			request: { method: 'POST', url, json: { jsonrpc: '2.0', id, method: operation.method, params: operation.params }, accept: streamAccept },
			decode(data, event) {
				const json = jsonOf({ status: 200, headers: new Headers(), text: data, url });
				const envelope = envelopeOf(json, id, 200, url, context);
				const error = reported(envelope, 200, url, context);
				if (error) throw error;
				if (event === 'error' || !('result' in envelope)) throw new UnexpectedResponseError('the stream sent an error event without a JSON-RPC error', 200, { target: url });
				return validated(eventSchema, envelope.result, 'result', url, context);
			},
			failure: (answer) => answerFailure(answer, id, context),
		};
	},
};
