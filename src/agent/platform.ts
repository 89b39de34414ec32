import * as v from 'valibot';
import type { Settings } from '../config.js';
import { HttpError } from '../errors/http-error.js';
import { ResponseValidationError } from '../errors/response-validation-error.js';
import { UnexpectedResponseError } from '../errors/unexpected-response-error.js';
import { isRecord, parseJson } from '../internal/json.js';
import { retryAfterMs } from '../retry.js';
import { parse } from '../schemas/parse.js';
import type { PlatformResponse, Transport } from '../transport.js';
import { TokenRejectedError } from './errors/token-rejected-error.js';
import { ErrorBodySchema } from './schemas.js';
import type { Secrets } from './secrets.js';

/** One call the agent makes to the platform. */
export interface AgentCall<TSchema extends v.GenericSchema> {
	method: 'GET' | 'POST';
	/** Path and query under the platform URL, built from validated ids only. */
	path: string;
	/** Sent as JSON; a `FormData` is sent as multipart. */
	body?: unknown;
	/** What a 2xx body must be. */
	schema: TSchema;
	signal?: AbortSignal | undefined;
	/** Default: the client's `timeouts.requestMs`. */
	timeoutMs?: number;
}

/** Calls the platform and answers the validated body, or throws the failure as a typed error. */
export type Caller = <TSchema extends v.GenericSchema>(call: AgentCall<TSchema>) => Promise<v.InferOutput<TSchema>>;

/** The `{"error": …}` of a failure body, when it has one. */
export function errorBody(response: PlatformResponse): { error?: string | undefined; hint?: string | undefined; json: unknown } {
	const json = parseJson(response.text);
	const body = json.ok ? parse(ErrorBodySchema, json.value) : undefined;
	return { ...(body?.success ? body.output : {}), json: json.ok ? json.value : undefined };
}

/**
 * The error for a response outside 2xx: a 401 means the token is gone (`TokenRejectedError`, never
 * renewed silently); anything else is an `HttpError` carrying the platform's `error` and wait.
 */
export function failureOf(response: PlatformResponse, settings: Settings, secrets: Secrets): Error {
	const { error, json } = errorBody(response);
	const platformError = error === undefined ? undefined : secrets.redact(error);
	const target = response.url;
	if (response.status === 401) return new TokenRejectedError(platformError, { target });
	const seconds = isRecord(json) && typeof json['retry_after'] === 'number' ? json['retry_after'] : undefined;
	const redacted = json === undefined ? undefined : (JSON.parse(secrets.redact(JSON.stringify(json))) as unknown);
	return new HttpError(response.status, { target, platformError, body: redacted, retryAfterMs: retryAfterMs(response.headers, seconds, settings.clock) });
}

/** The validated 2xx body of `response`. */
export function bodyOf<TSchema extends v.GenericSchema>(response: PlatformResponse, schema: TSchema, secrets: Secrets): v.InferOutput<TSchema> {
	const json = parseJson(response.text);
	if (!json.ok) throw new UnexpectedResponseError(`response is not JSON: ${json.error}`, response.status, { target: response.url });
	const parsed = parse(schema, json.value);
	if (!parsed.success) {
		throw new ResponseValidationError(
			parsed.issues.map(({ path, message }) => ({ path, message: secrets.redact(message) })),
			{ target: response.url },
		);
	}
	return parsed.output;
}

/** The agent's way to the platform: the core transport (identity, token, deadline, size cap), then typed answers. */
export function createCaller(settings: Settings, transport: Transport, secrets: Secrets): Caller {
	return async (call) => {
		const { body } = call;
		const response = await transport({
			method: call.method,
			path: call.path,
			...(body === undefined ? {} : body instanceof FormData ? { form: body } : { json: body }),
			identify: true,
			timeoutMs: call.timeoutMs ?? settings.timeouts.requestMs,
			signal: call.signal,
		});
		if (response.status < 200 || response.status > 299) throw failureOf(response, settings, secrets);
		return bodyOf(response, call.schema, secrets);
	};
}
