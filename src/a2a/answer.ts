import type * as v from 'valibot';
import type { Clock } from '../clock.js';
import { HttpError } from '../errors/http-error.js';
import { ResponseValidationError } from '../errors/response-validation-error.js';
import { UnexpectedResponseError } from '../errors/unexpected-response-error.js';
import { parseJson } from '../internal/json.js';
import type { Redaction } from '../redaction.js';
import { retryAfterMs } from '../retry.js';
import { parse } from '../schemas/parse.js';
import type { PlatformResponse } from '../transport.js';
import type { A2AProtocolError } from './errors/a2a-protocol-error.js';
import { ErrorInfoSchema } from './schemas/wire.js';

/** What reading an answer needs: the redaction of header values, and the clock for `Retry-After` dates. */
export interface AnswerContext {
	redaction: Redaction;
	clock: Clock;
}

/** The JSON of a body; an `UnexpectedResponseError` when it is not JSON. `''` reads as `undefined` when `emptyOk`. */
export function jsonOf(answer: PlatformResponse, emptyOk = false): unknown {
	if (emptyOk && answer.text.trim() === '') return undefined;
	const json = parseJson(answer.text);
	if (!json.ok) throw new UnexpectedResponseError(`the agent's answer is not JSON: ${json.error}`, answer.status, { target: answer.url });
	return json.value;
}

/** `value` validated and normalised by `schema`, or a `ResponseValidationError` naming every issue under `path`. */
export function validated<T>(schema: v.GenericSchema<unknown, T>, value: unknown, path: string, target: string, context: AnswerContext): T {
	const parsed = parse(schema, value, path);
	if (parsed.success) return parsed.output;
	// Issue messages quote what was received, which may echo a header value.
	throw new ResponseValidationError(
		parsed.issues.map((issue) => ({ path: issue.path, message: context.redaction.text(issue.message) })),
		{ target },
	);
}

/** The first `ErrorInfo.reason` in an error's `data` or `details`. */
export function reasonOf(details: unknown): string | undefined {
	const list = Array.isArray(details) ? details : [details];
	for (const item of list) {
		const info = parse(ErrorInfoSchema, item);
		if (info.success) return info.output.reason;
	}
	return undefined;
}

/**
 * The error for an answer outside 2xx: a 429 or 503 is an `HttpError` with the wait it asks for (what
 * the core's retry acts on), whatever the body says; else the protocol error the body carried, else an
 * `HttpError`.
 */
export function statusFailure(answer: PlatformResponse, reported: A2AProtocolError | undefined, context: AnswerContext): Error {
	const { status } = answer;
	if (reported && status !== 429 && status !== 503) return reported;
	const body = parseJson(answer.text);
	const seconds = body.ok && typeof (body.value as { retry_after?: unknown } | null)?.retry_after === 'number' ? (body.value as { retry_after: number }).retry_after : undefined;
	return new HttpError(status, {
		target: answer.url,
		platformError: reported?.message,
		retryAfterMs: retryAfterMs(answer.headers, seconds, context.clock),
		body: body.ok ? context.redaction.value(body.value) : undefined,
	});
}
