import ky, { isNetworkError } from 'ky';
import type { Settings } from './config.js';
import { A2AClientError, isA2AClientError } from './errors/a2a-client-error.js';
import { ConfigError } from './errors/config-error.js';
import { TransportError, type TransportErrorKind } from './errors/transport-error.js';
import { UnexpectedResponseError } from './errors/unexpected-response-error.js';

/** The platform caps proxied replies at 10 MiB; nothing legitimate is larger. */
export const maxResponseBytes = 10 * 1024 * 1024;

export interface PlatformRequest {
	method: 'GET' | 'POST';
	/** Path and query under the platform URL, built from validated ids only. */
	path: string;
	/** A JSON document, already serialised. */
	body?: string | undefined;
	/** Send `X-Workspace-ID`: the registry and the proxy need the caller's identity; workspace info does not. */
	identify: boolean;
	/** Limit for the whole exchange, response body included. */
	timeoutMs: number;
	signal?: AbortSignal | undefined;
}

export interface PlatformResponse {
	status: number;
	headers: Headers;
	/** The body, decoded as UTF-8. */
	text: string;
	/** The URL requested. */
	url: string;
}

export type Transport = (request: PlatformRequest) => Promise<PlatformResponse>;

const connectTimeout = /CONNECT_TIMEOUT|ETIMEDOUT/;
const droppedConnection = /ECONNRESET|EPIPE|UND_ERR_SOCKET|closed|reset/i;

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

async function readText(response: Response, url: string): Promise<string> {
	const tooLarge = (): UnexpectedResponseError =>
		new UnexpectedResponseError(`response body exceeds ${maxResponseBytes} bytes; not read further`, response.status, { target: url });
	const declared = response.headers.get('content-length');
	if (Number(declared) > maxResponseBytes) {
		void response.body?.cancel().catch(() => {});
		throw tooLarge();
	}
	// A declared, unencoded length bounds the body already: read it in one go.
	if (declared !== null && !response.headers.has('content-encoding')) return response.text();
	if (!response.body) return '';
	const reader = response.body.getReader();
	const decoder = new TextDecoder();
	let received = 0;
	let text = '';
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return text + decoder.decode();
		received += value.byteLength;
		if (received > maxResponseBytes) {
			// Not awaited: cancelling one branch of a tee'd body waits for the other branch.
			void reader.cancel().catch(() => {});
			throw tooLarge();
		}
		text += decoder.decode(value, { stream: true });
	}
}

/** `promise`, unless `signal` aborts first: then its reason. Leaves no listener behind. */
function within<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	if (signal.aborted) return Promise.reject(signal.reason);
	return new Promise((resolve, reject) => {
		const onAbort = (): void => reject(signal.reason);
		signal.addEventListener('abort', onAbort, { once: true });
		promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
	});
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
			const response: unknown = await settings.fetch(request);
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
			if (request.body !== undefined) headers['Content-Type'] = 'application/json';
			phase = 'connect';
			const response = await api(url, { method: request.method, headers, body: request.body ?? null, signal: control.signal });
			// `redirected`: a fetch that follows redirects anyway; the answer came from somewhere else.
			if (response.redirected || response.type === 'opaqueredirect') {
				void response.body?.cancel().catch(() => {});
				throw new UnexpectedResponseError('the platform answered with a redirect, which is not followed', response.status, { target: url });
			}
			phase = 'read';
			return { status: response.status, headers: response.headers, text: await readText(response, url), url };
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
			if (timedOut && phase === 'token') return new ConfigError('token', `provider did not answer within ${timeoutMs} ms`);
			if (timedOut) return new TransportError('ReadTimeout', `timed out after ${timeoutMs} ms`, { target: url });
			if (isA2AClientError(error)) return error;
			const raw = isNetworkError(error) ? error.cause : error;
			if (!(raw instanceof Error)) return new A2AClientError(String(raw), { target: url, cause: raw });
			if (phase === 'read') return new TransportError('ReadError', messageOf(raw), { target: url, cause: raw });
			// fetch reports network failures, and only those, as TypeError; anything else is a bug, not a blip.
			if (raw.name === 'TypeError') return new TransportError(kindOf(raw), messageOf(raw), { target: url, cause: raw });
			return new A2AClientError(raw.message, { target: url, cause: raw });
		}
	};
}
