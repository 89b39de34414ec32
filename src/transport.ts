import ky, { isNetworkError, type Options } from 'ky';
import type { Settings } from './config.js';
import { A2AClientError, isA2AClientError } from './errors/a2a-client-error.js';
import { ConfigError } from './errors/config-error.js';
import { TransportError, type TransportErrorKind } from './errors/transport-error.js';
import { isUnexpectedResponseError, UnexpectedResponseError } from './errors/unexpected-response-error.js';
import { readCapped } from './internal/body.js';
import { deadline } from './internal/deadline.js';
import { runtime } from './internal/runtime.js';
import { within } from './internal/within.js';
import { thrownText, type Redaction } from './redaction.js';

/** The platform relays agent replies up to 64 MiB (addendum §4.1); nothing legitimate is larger. */
export const maxResponseBytes = 64 * 1024 * 1024;

export interface PlatformRequest {
	method: 'GET' | 'POST' | 'DELETE';
	/** Path under the platform URL, built from validated ids only. */
	path: string;
	/** The query string's parameters, encoded by ky. */
	searchParams?: Record<string, string> | undefined;
	/** A JSON body, serialised by ky (which then sends `Content-Type: application/json`). */
	json?: unknown;
	/** `json` already serialised (`sendMessage` writes it once to check the size limit): sent as is, not written again. */
	jsonText?: string | undefined;
	/** A multipart form (file uploads), sent as is: fetch sets its `Content-Type` with the boundary. */
	form?: FormData | undefined;
	/** Reads a 2xx body as a Blob instead of text (file downloads), within the exchange's deadline. */
	readBlob?: ((response: Response, signal: AbortSignal) => Promise<Blob>) | undefined;
	/** Send `X-Workspace-ID`: the registry and the proxy need the caller's identity; workspace info does not. */
	identify: boolean;
	/** More headers (a direct A2A agent's `A2A-Version`, its auth headers), set after the platform's own. */
	headers?: Readonly<Record<string, string>> | undefined;
	/**
	 * Leaves the body of a 2xx response for which it answers true unread, as `PlatformResponse.stream`
	 * (an SSE stream, read by its consumer after the exchange's deadline has been cleared).
	 */
	keepBody?: ((response: Response) => boolean) | undefined;
	/** Limit for the whole exchange, response body included. */
	timeoutMs: number;
	signal?: AbortSignal | undefined;
}

export interface PlatformResponse {
	status: number;
	headers: Headers;
	/** The body, decoded as UTF-8; empty when it was read as `blob`. */
	text: string;
	/** The body, when the request asked for a Blob (`readBlob`) and the status is 2xx. */
	blob?: Blob;
	/** The unread body, when `keepBody` answered true for it. */
	stream?: ReadableStream<Uint8Array> | null;
	/** The URL requested, without its query: what errors name as their target. */
	url: string;
}

export type Transport = (request: PlatformRequest) => Promise<PlatformResponse>;

const connectTimeout = /CONNECT_TIMEOUT|ETIMEDOUT/;
const droppedConnection = /ECONNRESET|EPIPE|UND_ERR_SOCKET|closed|reset/i;

/**
 * How each runtime words a request fetch refuses before any network I/O: a wrong receiver, a bad URL,
 * scheme, port or header, a GET with a body. Chromium (`Failed to execute 'fetch' on 'Window': …`),
 * workerd, undici, Deno and Bun all report these as the same TypeError they use for network failures.
 * Anchored on the request-side wording: a malformed response header (undici's `Parse Error: Invalid
 * header value char`, in the cause) is a network failure and must stay retried.
 */
const refusedBeforeSending =
	/Illegal invocation|^Failed to (execute 'fetch'|parse URL)|^Invalid (URL|header (name|value))\b|URL is invalid|is an invalid header|^Header '.*' has invalid|scheme '.*' not supported|^protocol must be|^Fetch API cannot load|port \d+ are blocked|cannot have (a )?body/i;

/** undici words some refusals only in the cause of its generic `fetch failed`. */
const refusedBeforeSendingCause = /^(bad port|unknown scheme)$/;

/** workerd reports network failures as a plain `Error`, not a `TypeError`. */
const workerdNetworkFailure = /^(Network connection lost\.?|internal error; reference = \S+)$/;

/** Names a network failure that happened before any response, from the codes and messages each runtime uses. */
function kindOf(error: Error): TransportErrorKind {
	const cause = error.cause instanceof Error ? error.cause : undefined;
	const text = [error, cause].map((item) => `${(item as { code?: unknown } | undefined)?.code ?? ''} ${item?.message ?? ''}`).join(' ');
	if (connectTimeout.test(text)) return 'ConnectTimeout';
	return droppedConnection.test(text) ? 'RemoteProtocolError' : 'ConnectError';
}

/** The most specific message: undici hides the useful one (`connect ECONNREFUSED …`) in `cause`. */
function messageOf(error: Error): string {
	return error.cause instanceof Error && error.cause.message ? error.cause.message : error.message;
}

/** Whether fetch refused to send the request at all, as opposed to failing on the network. */
function isRefusal(error: Error): boolean {
	return refusedBeforeSending.test(error.message) || (error.cause instanceof Error && refusedBeforeSendingCause.test(error.cause.message));
}

/** The error for a request fetch would not send: retrying cannot help, so it says what to change. */
function refusal(error: unknown, url: string, redaction: Redaction): ConfigError {
	const detail = error instanceof Error ? `${error.name}: ${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error);
	// A method taken off its object (a Worker's env.SERVICE.fetch) needs its receiver back.
	const hint = /Illegal invocation/i.test(detail) ? '; pass a bound function, e.g. (request) => env.SERVICE.fetch(request)' : '';
	return new ConfigError('fetch', redaction.text(`refused the request before sending it: ${detail}${hint}`), { target: url, cause: redaction.cause(error) });
}

const oversized = 'response body exceeds';

/** True for the error `readText` throws for a body over the size cap (a caller may ask for less, e.g. a smaller page). */
export const isOversizedResponse = (error: unknown): boolean => isUnexpectedResponseError(error) && error.message.startsWith(oversized);

/** The body as text, within the size cap; stops reading (and cancels the body) as soon as `signal` aborts. */
async function readText(response: Response, url: string, signal: AbortSignal): Promise<string> {
	const tooLarge = (): UnexpectedResponseError =>
		new UnexpectedResponseError(`${oversized} ${maxResponseBytes} bytes; not read further`, response.status, { target: url });
	const declared = response.headers.get('content-length');
	if (Number(declared) > maxResponseBytes) {
		void response.body?.cancel().catch(() => {});
		throw tooLarge();
	}
	// A declared, unencoded length bounds the body already: read it in one go.
	if (declared !== null && !response.headers.has('content-encoding')) return within(response.text(), signal);
	// Raced: a body whose source ignores the abort (a fetch double, a wrapper) must not hold the read.
	const bytes = await readCapped(response.body, maxResponseBytes, signal);
	if (bytes === null) throw tooLarge();
	return new TextDecoder().decode(bytes);
}

/** What one exchange tells the `beforeRequest` hook, through ky's `context`. */
interface Exchange {
	identify: boolean;
	token: string | undefined;
	headers: Readonly<Record<string, string>> | undefined;
}

/** What the transport was waiting for when a failure struck. */
type Phase = 'token' | 'connect' | 'read';

/**
 * The only place that speaks HTTP. ky builds each request (the platform URL as prefix, the query,
 * the JSON body, and the identity and auth headers in a `beforeRequest` hook); the rest is ours, on
 * the injected clock: one deadline for the token wait, the request and the whole body, and a repeat
 * after a 401 when the token can be refreshed; a cap on the body; no redirects followed (they could
 * carry credentials elsewhere); every failure turned into one typed error, built redacted. A
 * caller's abort is rethrown unchanged. ky's retry and timeout are off: retries are `retry.ts`'s.
 */
export function createTransport(settings: Settings): Transport {
	const { clock, tokens, redaction, workspaceId, origin, orgId } = settings;
	const api = ky.create({
		prefix: settings.platformUrl,
		retry: 0,
		timeout: false,
		throwHttpErrors: false,
		redirect: 'manual',
		hooks: {
			beforeRequest: [
				({ request: { headers }, options }) => {
					const { identify, token, headers: more } = options.context as unknown as Exchange;
					if (identify) headers.set('X-Workspace-ID', workspaceId);
					if (token) headers.set('Authorization', `Bearer ${token}`);
					if (origin) headers.set('Origin', origin);
					if (orgId) headers.set('X-Molecule-Org-Id', orgId);
					for (const name in more) headers.set(name, more[name] as string);
				},
			],
		},
	});

	/**
	 * Sends the request ky built, with the body ky wrote, under our signal. ky is given no signal (it
	 * would join it with its own through `AbortSignal.any`, and the request would follow both), and
	 * the runtime's fetch gets URL and init rather than ky's `Request`, which fetch would copy, piping
	 * its body through a stream (measured against a stub fetch: together 25 to 40 µs of CPU a call,
	 * more than all the rest `sendMessage` adds to a bare ky call).
	 */
	async function send(built: Request, body: string | FormData | undefined, signal: AbortSignal): Promise<Response> {
		const { url } = built;
		// Called without a receiver: `settings.fetch(request)` would pass `settings` as `this`, which a
		// runtime's own fetch (Chromium, workerd) refuses with `Illegal invocation`. An injected fetch
		// gets one `Request`, as documented; a missing runtime fetch is its own ConfigError, thrown here.
		const injected = settings.fetch;
		const sendTo: (input: string, init: RequestInit) => Promise<Response> = injected ? (input, init) => injected(new Request(input, init)) : runtime('fetch', 'fetch');
		const init: RequestInit = { method: built.method, headers: built.headers, body: body ?? null, signal, redirect: 'manual' };
		if (settings.credentials) init.credentials = settings.credentials;
		let sending: Promise<Response>;
		try {
			sending = sendTo(url, init);
		} catch (error) {
			// Thrown, not rejected: nothing was sent, and trying again would throw again.
			throw refusal(error, url, redaction);
		}
		const response: unknown = await sending;
		// A fetch that resolves to anything else is a bug in the fetch given, not a network blip.
		if (typeof response !== 'object' || response === null || !('status' in response) || !('headers' in response)) {
			throw new A2AClientError(`fetch resolved to ${response === null ? 'null' : typeof response}, not a Response`, { target: url });
		}
		return response as Response;
	}

	return async (request) => {
		const { timeoutMs } = request;
		const caller = request.signal;
		const url = settings.platformUrl + request.path;
		const limit = deadline(clock, timeoutMs, caller);
		const { signal } = limit;
		let phase: Phase = 'token';

		const exchange = async (token: string | undefined): Promise<PlatformResponse> => {
			phase = 'connect';
			let body: string | FormData | undefined = request.form;
			// Only the options in use: ky merges every key it is given, once per request.
			const options: Options = {
				method: request.method,
				context: { identify: request.identify, token, headers: request.headers } satisfies Exchange,
				fetch: (built) => send(built as Request, body, signal),
			};
			if (request.json !== undefined) {
				options.json = request.json;
				// ky writes the body; the text is kept to be sent as is.
				const { jsonText } = request;
				options.stringifyJson = (value) => (body = jsonText ?? JSON.stringify(value));
			}
			if (request.searchParams) options.searchParams = request.searchParams;
			const responding = api(request.path, options);
			// Raced against the deadline and the caller: a fetch that ignores its signal must not hold the call.
			const response = await within(responding, signal).catch((error: unknown) => {
				// An answer that comes after all is dropped, so its connection is freed.
				void responding.then((late) => late.body?.cancel().catch(() => {}), () => {});
				throw error;
			});
			// `redirected`: a fetch that follows redirects anyway; the answer came from somewhere else.
			if (response.redirected || response.type === 'opaqueredirect') {
				void response.body?.cancel().catch(() => {});
				throw new UnexpectedResponseError('the platform answered with a redirect, which is not followed', response.status, { target: url });
			}
			phase = 'read';
			if (response.ok && request.keepBody?.(response)) return { status: response.status, headers: response.headers, text: '', stream: response.body, url };
			if (request.readBlob && response.ok) return { status: response.status, headers: response.headers, text: '', blob: await request.readBlob(response, signal), url };
			return { status: response.status, headers: response.headers, text: await readText(response, url, signal), url };
		};

		try {
			const read = tokens.get();
			const token = typeof read === 'object' ? await within(read, signal) : read;
			const response = await exchange(token);
			if (response.status !== 401 || !tokens.renew) return response;
			phase = 'token';
			return await exchange(await within(tokens.renew(token), signal));
		} catch (error) {
			throw failure(error);
		} finally {
			limit.clear();
		}

		function failure(error: unknown): unknown {
			if (caller?.aborted) return caller.reason;
			// Whole milliseconds: the limit may be what is left of a budget measured on a fractional clock.
			if (limit.expired() && phase === 'token') return new ConfigError('token', `provider did not answer within ${Math.ceil(timeoutMs)} ms`);
			if (limit.expired()) return new TransportError('ReadTimeout', `timed out after ${Math.ceil(timeoutMs)} ms`, { target: url });
			if (isA2AClientError(error)) return error;
			const raw = isNetworkError(error) ? error.cause : error;
			// Built redacted: a network stack or a fetch double may repeat the token in its messages.
			const { text } = redaction;
			const cause = redaction.cause(raw);
			if (!(raw instanceof Error)) return new A2AClientError(text(thrownText(raw)), { target: url, cause });
			if (phase === 'read') return new TransportError('ReadError', text(messageOf(raw)), { target: url, cause });
			// fetch reports network failures as TypeError (workerd: as a plain Error), and uses the same
			// TypeError for a request it refuses to send; anything else is a bug, not a blip.
			if (raw.name === 'TypeError' && isRefusal(raw)) return refusal(raw, url, redaction);
			if (raw.name === 'TypeError' || (raw.name === 'Error' && workerdNetworkFailure.test(raw.message))) {
				return new TransportError(kindOf(raw), text(messageOf(raw)), { target: url, cause });
			}
			return new A2AClientError(text(raw.message), { target: url, cause });
		}
	};
}
