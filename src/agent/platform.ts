import * as v from 'valibot';
import type { Settings } from '../config.js';
import { ConfigError } from '../errors/config-error.js';
import { HttpError } from '../errors/http-error.js';
import { ResponseValidationError } from '../errors/response-validation-error.js';
import { UnexpectedResponseError } from '../errors/unexpected-response-error.js';
import { isRecord, parseJson } from '../internal/json.js';
import { maxRequestBytes, refuseNonJson, requestBytes, type JsonFailure } from '../outgoing.js';
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
	/** Sent as JSON (checked first by `jsonBody`); a `FormData` is sent as multipart. */
	body?: Record<string, unknown> | FormData;
	/** The caller's name of a body member, for errors (`agent_card` → `card`); a member not named here is named as sent. */
	names?: Readonly<Record<string, string>>;
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
export function failureOf(response: PlatformResponse, settings: Settings, secrets: Secrets, unregistered = false): Error {
	const { error, json } = errorBody(response);
	const platformError = error === undefined ? undefined : secrets.redact(error);
	const target = response.url;
	if (response.status === 401) return new TokenRejectedError(platformError, { target }, unregistered);
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

const configFailure: JsonFailure = (path, problem) => new ConfigError(path, problem);

/**
 * `body` as the JSON text to send, checked before anything is sent: a value JSON cannot carry (a
 * BigInt, a cycle, a function, a symbol, …) and a body over the platform's 16 MiB request limit are
 * `ConfigError`s naming the caller's field (`card.n`, `entry.metadata.x`; the largest member for a
 * body too big), where ky would otherwise fail as a transport error and the platform with a 400 that
 * names nothing. `names` maps each body member to the caller's name for it.
 */
export function jsonBody(body: Readonly<Record<string, unknown>>, names: Readonly<Record<string, string>> = {}): string {
	const nameOf = (member: string): string => names[member] ?? member;
	for (const [member, value] of Object.entries(body)) refuseNonJson(value, nameOf(member), configFailure, true);
	let text: string;
	try {
		text = JSON.stringify(body);
	} catch (error) {
		// Only a `toJSON` that throws gets here: the walk refused everything else.
		const failing = Object.keys(body).find((member) => {
			try {
				JSON.stringify(body[member]);
				return false;
			} catch {
				return true;
			}
		});
		throw new ConfigError(nameOf(failing ?? 'body'), `cannot be written as JSON: ${error instanceof Error ? error.message : String(error)}`);
	}
	const bytes = requestBytes(text);
	if (bytes > maxRequestBytes) {
		const sizes = Object.entries(body).map(([member, value]) => [member, JSON.stringify(value)?.length ?? 0] as const);
		const [largest] = sizes.reduce((most, entry) => (entry[1] > most[1] ? entry : most));
		throw new ConfigError(nameOf(largest), `makes the request ${bytes} bytes as JSON; the platform accepts at most ${maxRequestBytes}`);
	}
	return text;
}

/**
 * The agent's way to the platform: the core transport (identity, token, deadline, size cap), then typed
 * answers. `hasToken` tells a 401 of an agent that has no token yet from one whose token was refused.
 */
export function createCaller(settings: Settings, transport: Transport, secrets: Secrets, hasToken: () => Promise<boolean>): Caller {
	return async (call) => {
		const { body } = call;
		const response = await transport({
			method: call.method,
			path: call.path,
			...(body === undefined ? {} : body instanceof FormData ? { form: body } : { json: body, jsonText: jsonBody(body, call.names) }),
			identify: true,
			timeoutMs: call.timeoutMs ?? settings.timeouts.requestMs,
			signal: call.signal,
		});
		if (response.status < 200 || response.status > 299) {
			// Register is how an agent gets its first token; anything else without one is a call made too early.
			const unregistered = response.status === 401 && call.path !== '/registry/register' && !(await hasToken().catch(() => true));
			throw failureOf(response, settings, secrets, unregistered);
		}
		return bodyOf(response, call.schema, secrets);
	};
}
