import ky, { isNetworkError } from 'ky';
import type { Settings } from './config.js';
import { A2AClientError, isA2AClientError } from './errors/a2a-client-error.js';
import { ConfigError } from './errors/config-error.js';
import { TransportError, type TransportErrorKind } from './errors/transport-error.js';
import { UnexpectedResponseError } from './errors/unexpected-response-error.js';
import { within } from './internal/within.js';

/** The platform relays agent replies up to 64 MiB (addendum §4.1); nothing legitimate is larger. */
export const maxResponseBytes = 64 * 1024 * 1024;

export interface PlatformRequest {
	method: 'GET' | 'POST';
	/** Path and query under the platform URL, built from validated ids only. */
	path: string;
	/** A JSON document, already serialised; or a multipart form (file uploads), whose boundary fetch sets. */
	body?: string | FormData | undefined;
	/** Reads a 2xx body as a Blob instead of text (file downloads), within the exchange's deadline. */
	readBlob?: ((response: Response, signal: AbortSignal) => Promise<Blob>) | undefined;
	/** Send `X-Workspace-ID`: the registry and the proxy need the caller's identity; workspace info does not. */
	identify: boolean;
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
	/** The URL requested. */
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
function refusal(error: unknown, url: string): ConfigError {
	const detail = error instanceof Error ? `${error.name}: ${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error);
	// A method taken off its object (a Worker's env.SERVICE.fetch) needs its receiver back.
	const hint = /Illegal invocation/i.test(detail) ? '; pass a bound function, e.g. (request) => env.SERVICE.fetch(request)' : '';
	return new ConfigError('fetch', `refused the request before sending it: ${detail}${hint}`, { target: url, cause: error });
}

/** The body as text, within the size cap; stops reading (and cancels the body) as soon as `signal` aborts. */
async function readText(response: Response, url: string, signal: AbortSignal): Promise<string> {
	const tooLarge = (): UnexpectedResponseError =>
		new UnexpectedResponseError(`response body exceeds ${maxResponseBytes} bytes; not read further`, response.status, { target: url });
	const declared = response.headers.get('content-length');
	if (Number(declared) > maxResponseBytes) {
		void response.body?.cancel().catch(() => {});
		throw tooLarge();
	}
	// A declared, unencoded length bounds the body already: read it in one go.
	if (declared !== null && !response.headers.has('content-encoding')) return within(response.text(), signal);
	if (!response.body) return '';
	const reader = response.body.getReader();
	const decoder = new TextDecoder();
	let received = 0;
	let text = '';
	try {
		for (;;) {
			// Raced: a body whose source ignores the abort (a fetch double, a wrapper) must not hold the read.
			const { done, value } = await within(reader.read(), signal);
			if (done) return text + decoder.decode();
			received += value.byteLength;
			if (received > maxResponseBytes) throw tooLarge();
			text += decoder.decode(value, { stream: true });
		}
	} catch (error) {
		// Not awaited: cancelling one branch of a tee'd body waits for the other branch.
		void reader.cancel().catch(() => {});
		throw error;
	}
}

/** Why the attempt timer is cancelled; one shared value, so settling allocates no error. */
const settled = new Error('settled');

/** What the transport was waiting for when a failure struck. */
type Phase = 'token' | 'connect' | 'read';

/**
 * The only place that speaks HTTP. Adds identity and auth headers, bounds each exchange in time
 * (on the injected clock: the token wait, the request and the whole body, and a repeat after a
 * 401 when the token can be refreshed, all under one deadline) and in size, never follows redirects
 * (they could carry credentials elsewhere), and turns every failure into one typed error.
 * A caller's abort is rethrown unchanged.
 */
export function createTransport(settings: Settings): Transport {
	const { clock, tokens } = settings;
	const api = ky.create({
		retry: 0,
		timeout: false,
		throwHttpErrors: false,
		redirect: 'manual',
		async fetch(input, init) {
			const request = input instanceof Request ? input : new Request(input, init);
			// Called without a receiver: `settings.fetch(request)` would pass `settings` as `this`,
			// which a runtime's own fetch (Chromium, workerd) refuses with `Illegal invocation`.
			const send = settings.fetch;
			let sending: Promise<Response>;
			try {
				sending = send(request);
			} catch (error) {
				// Thrown, not rejected: nothing was sent, and trying again would throw again.
				throw refusal(error, request.url);
			}
			const response: unknown = await sending;
			// A fetch that resolves to anything else is a bug in the fetch given, not a network blip.
			if (typeof response !== 'object' || response === null || !('status' in response) || !('headers' in response)) {
				throw new A2AClientError(`fetch resolved to ${response === null ? 'null' : typeof response}, not a Response`, { target: request.url });
			}
			return response as Response;
		},
	});

	return async (request) => {
		const { signal: caller, timeoutMs } = request;
		const url = settings.platformUrl + request.path;
		const control = new AbortController();
		const timer = new AbortController();
		let timedOut = false;
		let phase: Phase = 'token';
		clock.sleep(timeoutMs, timer.signal).then(
			() => {
				timedOut = true;
				control.abort();
			},
			() => {},
		);
		const onCallerAbort = (): void => control.abort(caller?.reason);
		caller?.addEventListener('abort', onCallerAbort, { once: true });
		if (caller?.aborted) onCallerAbort();

		const exchange = async (token: string | undefined): Promise<PlatformResponse> => {
			const headers: Record<string, string> = {};
			if (request.identify) headers['X-Workspace-ID'] = settings.workspaceId;
			if (token) headers['Authorization'] = `Bearer ${token}`;
			if (settings.origin) headers['Origin'] = settings.origin;
			if (settings.orgId) headers['X-Molecule-Org-Id'] = settings.orgId;
			if (typeof request.body === 'string') headers['Content-Type'] = 'application/json';
			phase = 'connect';
			const responding = api(url, { method: request.method, headers, body: request.body ?? null, signal: control.signal });
			// Raced against the deadline and the caller: a fetch that ignores its signal must not hold the call.
			const response = await within(responding, control.signal).catch((error: unknown) => {
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
			if (request.readBlob && response.ok) return { status: response.status, headers: response.headers, text: '', blob: await request.readBlob(response, control.signal), url };
			return { status: response.status, headers: response.headers, text: await readText(response, url, control.signal), url };
		};

		try {
			const read = tokens.get();
			const token = typeof read === 'object' ? await within(read, control.signal) : read;
			const response = await exchange(token);
			if (response.status !== 401 || !tokens.renew) return response;
			phase = 'token';
			return await exchange(await within(tokens.renew(token), control.signal));
		} catch (error) {
			throw failure(error);
		} finally {
			timer.abort(settled);
			caller?.removeEventListener('abort', onCallerAbort);
		}

		function failure(error: unknown): unknown {
			if (caller?.aborted) return caller.reason;
			// Whole milliseconds: the limit may be what is left of a budget measured on a fractional clock.
			if (timedOut && phase === 'token') return new ConfigError('token', `provider did not answer within ${Math.ceil(timeoutMs)} ms`);
			if (timedOut) return new TransportError('ReadTimeout', `timed out after ${Math.ceil(timeoutMs)} ms`, { target: url });
			if (isA2AClientError(error)) return error;
			const raw = isNetworkError(error) ? error.cause : error;
			if (!(raw instanceof Error)) return new A2AClientError(String(raw), { target: url, cause: raw });
			if (phase === 'read') return new TransportError('ReadError', messageOf(raw), { target: url, cause: raw });
			// fetch reports network failures as TypeError (workerd: as a plain Error), and uses the same
			// TypeError for a request it refuses to send; anything else is a bug, not a blip.
			if (raw.name === 'TypeError' && isRefusal(raw)) return refusal(raw, url);
			if (raw.name === 'TypeError' || (raw.name === 'Error' && workerdNetworkFailure.test(raw.message))) {
				return new TransportError(kindOf(raw), messageOf(raw), { target: url, cause: raw });
			}
			return new A2AClientError(raw.message, { target: url, cause: raw });
		}
	};
}
