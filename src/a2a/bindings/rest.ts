import { UnexpectedResponseError } from '../../errors/unexpected-response-error.js';
import { parseJson } from '../../internal/json.js';
import { parse } from '../../schemas/parse.js';
import type { PlatformResponse } from '../../transport.js';
import { jsonOf, reasonOf, statusFailure, validated, type AnswerContext } from '../answer.js';
import type { A2AProtocolError } from '../errors/a2a-protocol-error.js';
import { protocolError } from '../errors/from-wire.js';
import type { Operation, RestRoute } from '../operation.js';
import { RestBareErrorSchema, RestStatusBodySchema } from '../schemas/wire.js';
import type { BindingCodec, WireRequest } from './binding.js';

// HTTP+JSON (spec §11): one route per operation under the interface URL; errors are HTTP statuses
// with a `google.rpc.Status` body whose `ErrorInfo.reason` names the A2A error (§11.6).

const accept = 'application/a2a+json, application/json';

/** The protocol error a `google.rpc.Status` body (or a2a-js's bare `{code, message}`) carries, redacted. */
function reported(text: string, status: number, target: string, context: AnswerContext): A2AProtocolError | undefined {
	const json = parseJson(text);
	if (!json.ok) return undefined;
	const { redaction } = context;
	const body = parse(RestStatusBodySchema, json.value);
	if (body.success) {
		const { message, details } = body.output.error;
		return protocolError(redaction.text(message ?? ''), { status, reason: reasonOf(details), data: redaction.value(details), target });
	}
	const bare = parse(RestBareErrorSchema, json.value);
	if (!bare.success) return undefined;
	const { code, message } = bare.output;
	return protocolError(redaction.text(message), { status, code: code !== undefined && code < 0 ? code : undefined, target });
}

function requestOf(route: RestRoute, url: string, streaming: boolean): WireRequest {
	return { method: route.verb, url: url.replace(/\/$/, '') + route.path, searchParams: route.query, json: route.body, accept: streaming ? 'text/event-stream' : accept };
}

function routeOf(operation: Operation<unknown>): RestRoute {
	// The codec is only built for versions whose operations all have a route (interface choice).
	if (!operation.rest) throw new Error(`${operation.method} has no HTTP+JSON route`);
	return operation.rest;
}

const failure = (answer: PlatformResponse, context: AnswerContext): Error => statusFailure(answer, reported(answer.text, answer.status, answer.url, context), context);

export const rest: BindingCodec = {
	call(operation, url, _id, context) {
		return {
			request: requestOf(routeOf(operation), url, false),
			decode(answer) {
				if (answer.status < 200 || answer.status > 299) throw failure(answer, context);
				// A 204 (a deleted push config) has no body.
				return validated(operation.result, jsonOf(answer, true), '', answer.url, context);
			},
		};
	},
	stream(operation, eventSchema, url, _id, context) {
		return {
			request: requestOf(routeOf(operation), url, true),
			decode(data, event) {
				const json = jsonOf({ status: 200, headers: new Headers(), text: data, url });
				if (event === 'error') {
					throw reported(data, 200, url, context) ?? new UnexpectedResponseError('the stream sent an error event the client cannot read', 200, { target: url });
				}
				return validated(eventSchema, json, '', url, context);
			},
			failure(answer) {
				if (answer.status < 200 || answer.status > 299) return failure(answer, context);
				return new UnexpectedResponseError(`expected an event stream, got ${answer.headers.get('content-type') ?? 'no content type'}`, answer.status, { target: answer.url });
			},
		};
	},
};
