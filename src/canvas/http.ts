import type * as v from 'valibot';
import { platformFailure, type AnswerContext } from '../answer.js';
import { checkOptions, isAbortSignal, type OptionChecks } from '../arguments.js';
import { InvalidPeerIdError } from '../errors/invalid-peer-id-error.js';
import { ResponseValidationError } from '../errors/response-validation-error.js';
import { UnexpectedResponseError } from '../errors/unexpected-response-error.js';
import { parseJson } from '../internal/json.js';
import { validatePeerId } from '../peer-id.js';
import { asClientError } from '../redaction.js';
import { parse } from '../schemas/parse.js';
import type { PlatformResponse, Transport } from '../transport.js';
import type { CanvasSettings } from './options.js';

/** One call the canvas makes: never with `X-Workspace-ID` (a canvas-class caller, addendum §4.2). */
export interface CanvasCall<TSchema extends v.GenericSchema> {
	method: 'GET' | 'POST';
	path: string;
	searchParams?: Record<string, string> | undefined;
	json?: unknown;
	form?: FormData | undefined;
	/** What a 2xx body must be. */
	schema: TSchema;
	signal?: AbortSignal | undefined;
	/** Default: `timeouts.requestMs`. */
	timeoutMs?: number | undefined;
}

/** Calls the platform; answers the validated 2xx body, or throws the typed error of the failure (redacted). */
export type CanvasCaller = <TSchema extends v.GenericSchema>(call: CanvasCall<TSchema>) => Promise<v.InferOutput<TSchema>>;

/** What every canvas module is given. */
export interface CanvasContext {
	settings: CanvasSettings;
	transport: Transport;
	call: CanvasCaller;
	answers: AnswerContext;
}

/** The options of a call that takes only a signal. */
export const signalChecks: OptionChecks = { signal: [isAbortSignal, 'an AbortSignal'] };

/** A positive integer option within `[1, max]`. */
export const integerUpTo = (max: number): readonly [(value: unknown) => boolean, string] => [
	(value) => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max,
	`an integer from 1 to ${max}`,
];

/** `options` checked against `checks` (a `ConfigError` naming the member), with its signal not yet aborted. */
export function callOptions<T extends { signal?: AbortSignal | undefined }>(options: T | null | undefined, checks: OptionChecks): Partial<T> {
	const checked = checkOptions(options, checks);
	if (checked.signal?.aborted) throw checked.signal.reason;
	return checked;
}

/** The canonical id of a workspace argument, or `InvalidPeerIdError`: ids go into paths, so only UUIDs. */
export function workspaceIdOf(id: unknown): string {
	const canonical = validatePeerId(id);
	if (!canonical) throw new InvalidPeerIdError(id);
	return canonical;
}

/** The validated JSON of a 2xx answer. */
export function bodyOf<TSchema extends v.GenericSchema>(response: PlatformResponse, schema: TSchema, redact: (text: string) => string): v.InferOutput<TSchema> {
	const json = parseJson(response.text);
	if (!json.ok) throw new UnexpectedResponseError(`response is not JSON: ${json.error}`, response.status, { target: response.url });
	const parsed = parse(schema, json.value);
	if (!parsed.success) throw new ResponseValidationError(parsed.issues.map(({ path, message }) => ({ path, message: redact(message) })), { target: response.url });
	return parsed.output;
}

/** The canvas's way to the platform: the core transport (auth, tenant header, deadline, size cap), then typed answers. */
export function createCaller(settings: CanvasSettings, transport: Transport, answers: AnswerContext): CanvasCaller {
	const { redaction } = settings.core;
	return async (call) => {
		try {
			const response = await transport({
				method: call.method,
				path: call.path,
				searchParams: call.searchParams,
				...(call.json === undefined ? {} : { json: call.json }),
				form: call.form,
				identify: false,
				timeoutMs: call.timeoutMs ?? settings.timeouts.requestMs,
				signal: call.signal,
			});
			if (response.status < 200 || response.status > 299) throw platformFailure(response, answers);
			return bodyOf(response, call.schema, answers.redact);
		} catch (error) {
			if (call.signal?.aborted) throw call.signal.reason;
			throw asClientError(redaction, error);
		}
	};
}
