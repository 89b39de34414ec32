import ky, { isNetworkError } from 'ky';
import type { Settings } from './config.js';
import { A2AClientError, isA2AClientError } from './errors/a2a-client-error.js';
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
	if (Number(response.headers.get('content-length')) > maxResponseBytes) {
		void response.body?.cancel().catch(() => {});
		throw tooLarge();
	}
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

/**
 * The only place that speaks HTTP. Adds identity and auth headers, bounds each exchange in time
 * (on the injected clock) and size, never follows redirects (they could carry credentials elsewhere),
 * repeats a request once after a 401 when the token can be refreshed, and turns every failure
 * into one typed error. A caller's abort is rethrown unchanged.
 */
export function createTransport(settings: Settings): Transport {
	const { clock, tokens } = settings;
	const api = ky.create({
		retry: 0,
		timeout: false,
		throwHttpErrors: false,
		redirect: 'manual',
		fetch: (input, init) => settings.fetch(input instanceof Request ? input : new Request(input, init)),
	});

	async function exchange(request: PlatformRequest, token: string | undefined): Promise<PlatformResponse> {
		const url = settings.platformUrl + request.path;
		const headers: Record<string, string> = {};
		if (request.identify) headers['X-Workspace-ID'] = settings.workspaceId;
		if (token) headers['Authorization'] = `Bearer ${token}`;
		if (settings.origin) headers['Origin'] = settings.origin;
		if (settings.orgId) headers['X-Molecule-Org-Id'] = settings.orgId;
		if (request.body !== undefined) headers['Content-Type'] = 'application/json';

		const { signal: caller, timeoutMs } = request;
		const exchangeControl = new AbortController();
		const timerControl = new AbortController();
		let timedOut = false;
		clock.sleep(timeoutMs, timerControl.signal).then(
			() => {
				timedOut = true;
				exchangeControl.abort();
			},
			() => {},
		);
		const onCallerAbort = (): void => exchangeControl.abort(caller?.reason);
		caller?.addEventListener('abort', onCallerAbort, { once: true });
		if (caller?.aborted) onCallerAbort();

		const failure = (error: unknown, phase: 'connect' | 'read'): unknown => {
			if (caller?.aborted) return caller.reason;
			if (timedOut) return new TransportError('ReadTimeout', `timed out after ${timeoutMs} ms`, { target: url });
			if (isA2AClientError(error)) return error;
			const raw = isNetworkError(error) ? error.cause : error;
			if (!(raw instanceof Error)) return new A2AClientError(String(raw), { target: url, cause: raw });
			// fetch reports network failures, and only those, as TypeError; anything else is a bug, not a blip.
			if (phase === 'read') return new TransportError('ReadError', messageOf(raw), { target: url, cause: raw });
			if (raw.name === 'TypeError') return new TransportError(kindOf(raw), messageOf(raw), { target: url, cause: raw });
			return new A2AClientError(raw.message, { target: url, cause: raw });
		};

		try {
			let response: Response;
			try {
				response = await api(url, { method: request.method, headers, body: request.body ?? null, signal: exchangeControl.signal });
			} catch (error) {
				throw failure(error, 'connect');
			}
			if (response.type === 'opaqueredirect') {
				throw new UnexpectedResponseError('the platform answered with a redirect, which is not followed', 0, { target: url });
			}
			let text: string;
			try {
				text = await readText(response, url);
			} catch (error) {
				throw failure(error, 'read');
			}
			return { status: response.status, headers: response.headers, text, url };
		} finally {
			timerControl.abort();
			caller?.removeEventListener('abort', onCallerAbort);
		}
	}

	return async (request) => {
		const response = await exchange(request, await tokens.get());
		if (response.status !== 401 || !tokens.refresh) return response;
		return exchange(request, await tokens.refresh());
	};
}
