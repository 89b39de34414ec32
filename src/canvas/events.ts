import { platformFailure } from '../answer.js';
import { checkOptions, isAbortSignal, type OptionChecks } from '../arguments.js';
import { ConfigError, isConfigError } from '../errors/config-error.js';
import { isHttpError } from '../errors/http-error.js';
import { isTransportError } from '../errors/transport-error.js';
import { UnexpectedResponseError, isUnexpectedResponseError } from '../errors/unexpected-response-error.js';
import { backoffDelay } from '../events/backoff.js';
import { reconnecting } from '../events/reconnect.js';
import { readServerSentEvents } from '../events/sse.js';
import { openWebSocket } from '../events/websocket.js';
import { eventOf, socketFrameOf, streamFrameOf, type FrameResult } from './event-frames.js';
import type { CanvasEvent, PlatformEvent } from './event-types.js';
import { workspaceIdOf, type CanvasContext } from './http.js';

/**
 * Options of `events`. A member that is not what it should be throws a `ConfigError` naming it, at the call.
 *
 * @example
 * const controller = new AbortController();
 * for await (const event of canvas.events({ workspaceId, signal: controller.signal })) console.log(event.type);
 */
export interface EventsOptions {
	/** One workspace's events over SSE (`GET /workspaces/:id/events/stream`); without it, every event of the organisation over `/ws`. */
	workspaceId?: string | undefined;
	/** Ends the iteration quietly and closes the connection, leaving no timer or socket behind. */
	signal?: AbortSignal | undefined;
}

/** `/ws` handshakes that fail in a row before the platform is asked why over HTTP. */
const probeAfter = 3;

/** A connection that stayed open this long resets the reconnect backoff: 30 seconds. */
export const stableConnectionMs = 30_000;
/** Event keys remembered per connection to drop repeats; the oldest is forgotten first. */
const keptKeys = 1024;

const eventsChecks: OptionChecks = {
	workspaceId: [(value) => typeof value === 'string', 'a workspace id (a UUID)'],
	signal: [isAbortSignal, 'an AbortSignal'],
};

/** Lower-case hex of the token's UTF-8 bytes: the `molecule-auth.` sub-protocol (addendum §9.14). */
const hexOf = (text: string): string => Array.from(new TextEncoder().encode(text), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A raw event of either channel: its dedupe key and what it reads as. */
interface Raw {
	key: string;
	frame: FrameResult;
}

/** What no reconnect can mend: refused credentials, a missing or removed workspace, a platform without the route, a bad option. */
function isFatal(error: unknown): boolean {
	if (isConfigError(error) || isUnexpectedResponseError(error)) return true;
	return isHttpError(error) && [400, 401, 403, 404, 405, 410].includes(error.status);
}

const describe = (error: unknown): string =>
	isTransportError(error) ? `${error.kind}: ${error.message}` : isHttpError(error) ? `HTTP ${error.status}${error.platformError ? ` ${error.platformError}` : ''}` : error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * `events()`: typed platform events, per workspace over SSE or for the whole organisation over `/ws`,
 * reconnecting with backoff and jitter on the client's clock. Each connection passes an event once
 * (a repeat of its id, or of its data when it has none, is dropped); a frame that is not JSON, has an
 * unknown type or lacks what its type must carry is skipped and the log says why.
 */
export function events(context: CanvasContext, options: EventsOptions | undefined): AsyncIterable<CanvasEvent> {
	const checked = checkOptions(options, eventsChecks);
	const workspaceId = checked.workspaceId == null ? undefined : workspaceIdOf(checked.workspaceId);
	const signal = checked.signal ?? new AbortController().signal;
	const { core, timeouts } = context.settings;
	const { logger } = core;

	async function openStream(id: string, connection: AbortSignal): Promise<AsyncIterable<Raw>> {
		const isStream = (answer: Response): boolean => /^text\/event-stream\b/i.test(answer.headers.get('content-type') ?? '');
		const response = await context.transport({ method: 'GET', path: `/workspaces/${id}/events/stream`, identify: false, keepBody: isStream, timeoutMs: timeouts.requestMs, signal: connection });
		if (response.status < 200 || response.status > 299) throw platformFailure(response, context.answers);
		// A 2xx that is no event stream was read as text, within the cap: nothing is left open.
		if (!response.stream) throw new UnexpectedResponseError(`the event stream answered ${JSON.stringify(response.headers.get('content-type') ?? '')}, not text/event-stream`, response.status, { target: response.url });
		const body = response.stream;
		return {
			async *[Symbol.asyncIterator]() {
				for await (const event of readServerSentEvents(body, { signal: connection })) yield { key: event.id ?? event.data, frame: streamFrameOf(event.data, id) };
			},
		};
	}

	let unopened = 0;

	/**
	 * Why `/ws` refuses this client, asked over HTTP: a WebSocket that is refused only closes (code
	 * 1006), without the status, so a refused credential would be retried for ever. A plain `GET /ws`
	 * passes the same checks first: 401/403/404 is that refusal; a 400 once they passed (no handshake)
	 * means the credential is fine, and with `orgId` set it is the header a WebSocket cannot send.
	 */
	async function refusal(connection: AbortSignal): Promise<unknown> {
		const response = await context.transport({ method: 'GET', path: '/ws', identify: false, timeoutMs: timeouts.requestMs, signal: connection }).catch(() => undefined);
		if (!response) return undefined;
		if ([401, 403, 404].includes(response.status)) return platformFailure(response, context.answers);
		if (response.status === 400 && core.orgId) {
			return new ConfigError('orgId', 'is sent as X-Molecule-Org-Id, which a WebSocket cannot carry, and this platform refuses /ws without it: listen per workspace (events({ workspaceId }), over SSE), or serve the canvas from the platform\'s own origin');
		}
		return undefined;
	}

	async function openSocket(connection: AbortSignal): Promise<AsyncIterable<Raw>> {
		const read = core.tokens.get();
		const token = typeof read === 'object' ? await read : read;
		const protocols = ['molecule-ws'];
		if (token) {
			const hex = hexOf(token);
			core.redaction.remember(hex);
			protocols.push(`molecule-auth.${hex}`);
		}
		const url = `${core.platformUrl.replace(/^http/, 'ws')}/ws`;
		let socket;
		try {
			socket = await openWebSocket(url, {
				protocols,
				WebSocket: context.settings.WebSocket,
				signal: connection,
				openTimeoutMs: timeouts.requestMs,
				clock: core.clock,
				onSkipped: (reason) => logger.warn(`events: skipped ${reason}`),
			});
		} catch (error) {
			unopened++;
			if (unopened % probeAfter === 0 && !connection.aborted) throw (await refusal(connection)) ?? error;
			throw error;
		}
		unopened = 0;
		return {
			async *[Symbol.asyncIterator]() {
				for await (const data of socket) yield { key: data, frame: socketFrameOf(data) };
			},
		};
	}

	/** One connection's events: typed, each once, bad ones logged and left out. */
	async function* eventsOf(raws: AsyncIterable<Raw>): AsyncGenerator<PlatformEvent> {
		const seen = new Set<string>();
		for await (const { key, frame } of raws) {
			if (seen.has(key)) continue;
			seen.add(key);
			if (seen.size > keptKeys) seen.delete(seen.values().next().value as string);
			const event = frame.ok ? eventOf(frame.frame, core.redaction.value) : frame;
			if (event.ok) yield event.event;
			else logger.warn(`events: skipped an event: ${event.reason}`);
		}
	}

	return {
		async *[Symbol.asyncIterator]() {
			const items = reconnecting<PlatformEvent>({
				open: async (connection) => eventsOf(workspaceId === undefined ? await openSocket(connection) : await openStream(workspaceId, connection)),
				delayMs: (attempt) => backoffDelay(attempt, { baseMs: core.retry.baseDelayMs, maxMs: core.retry.maxDelayMs, random: core.random }),
				isFatal,
				describe,
				clock: core.clock,
				signal,
				stableMs: stableConnectionMs,
			});
			for await (const item of items) {
				if (item.kind === 'item') yield item.value;
				else if (item.kind === 'reconnected') {
					logger.warn(`events: reconnected after ${item.attempt} failed connection(s)`);
					yield { type: 'reconnected', attempt: item.attempt };
				} else {
					logger.warn(`events: ${item.reason}; reconnecting in ${(item.delayMs / 1000).toFixed(1)}s (attempt ${item.attempt})`);
					yield { type: 'reconnecting', attempt: item.attempt, delayMs: item.delayMs, reason: item.reason };
				}
			}
		},
	};
}
