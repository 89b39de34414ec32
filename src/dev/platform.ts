import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { ActivityLog } from './activity.js';
import { readBody, type ReadBody } from './body.js';
import { resolveSettings, type DevContext } from './context.js';
import { applyCors, defaultCorsOrigins } from './cors.js';
import { announceActivity, announceStatus } from './broadcasts.js';
import { EventLog } from './events.js';
import { jsonValue } from '../internal/json.js';
import { decodeUtf8, emptyReply, routeNotFound, toResponse, type Reply } from './http.js';
import { MemoryStore } from './memories.js';
import { DevModel, snapshot, workspaceKey } from './model.js';
import { checkDevOptions, checkWorkspaceFields, isAgent } from './options.js';
import { QueueStore } from './queue.js';
import { clientKey, RateLimiter } from './rate-limit.js';
import { routes } from './route-table.js';
import { findRoute, type Route, type RouteRequest } from './router.js';
import { maxProxyRequestBytes } from './routes/proxy.js';
import { SessionStore } from './sessions.js';
import { LiveStreams } from './streams.js';
import { tenantGuard } from './tenant.js';
import type { DevPlatform, DevPlatformOptions, RecordedRequest } from './types.js';
import { PendingUploadStore } from './uploads.js';

type RouteMatch = { route: Route; params: Record<string, string> } | undefined;

/** Multipart uploads are not recorded as bodies: only JSON (or untyped) bodies are parsed. */
function isJsonRequest(request: Request): boolean {
	const type = request.headers.get('Content-Type') ?? '';
	return !type.toLowerCase().startsWith('multipart/');
}

/** What a fetch handler answers to a WebSocket handshake it cannot upgrade (docs/platform-contract.md §15.4). */
function webSocketUnsupported(): Reply {
	const text = 'This runtime serves the dev platform as a fetch handler, which cannot upgrade /ws: hand upgrade requests to platform.webSocket(request) (the Node adapter serve() does).';
	return { status: 501, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: text };
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
	return { ...reply, headers: { ...headers, ...reply.headers } };
}

/**
 * A faithful local implementation of the platform endpoints as a fetch handler, so tests,
 * examples and the CLI run with no real platform (docs/platform-contract.md). Middleware runs in
 * the real router's order: CORS, the rate limiter, TenantGuard, then the route.
 *
 * @returns A `DevPlatform`: its `fetch` handler, what it recorded, and ways to change it while it runs.
 * @throws {ConfigError} naming the option or workspace field (`workspaces.2.parentId`,
 * `canvasSyncBudgetMs`) that is not what it should be, before anything is built.
 * @example
 * const platform = createDevPlatform({ workspaces: demoOrg().workspaces, adminToken: 'dev-admin-token' });
 * const client = createA2AClient({ workspaceId, token, fetch: platform.fetch });
 */
export function createDevPlatform(options: DevPlatformOptions): DevPlatform {
	checkDevOptions(options);
	const settings = resolveSettings(options);
	const events = new EventLog(settings.wallClock);
	const activity = new ActivityLog(settings.uuid, settings.wallClock, (row, messageId) => announceActivity(events, row, messageId));
	const model = new DevModel(options.workspaces, settings.mintSecret, activity);
	const queue = new QueueStore(settings.uuid, () => settings.clock.now(), settings.wallClock);
	const pending = new Set<Promise<void>>();
	const streams = new LiveStreams(events);
	const closing = new AbortController();
	const context: DevContext = {
		closed: closing.signal,
		settings,
		model,
		queue,
		events,
		uploads: new PendingUploadStore(settings.uuid, () => settings.clock.now()),
		memories: new MemoryStore(settings.uuid, settings.wallClock),
		sessions: new SessionStore(options.sessionCookies),
		streams,
		background(work) {
			const running: Promise<void> = work()
				.catch(() => {})
				.finally(() => pending.delete(running));
			pending.add(running);
		},
	};
	const limiter = options.rateLimit ? new RateLimiter(options.rateLimit, settings.clock) : null;
	const corsOrigins = options.corsOrigins ?? defaultCorsOrigins;
	const recorded: RecordedRequest[] = [];
	/** Hibernated workspaces whose wake-up time came are online again, and announced so. */
	const wake = (): void => {
		for (const woken of model.wakeDue(settings.clock.now())) events.record('WORKSPACE_ONLINE', woken, {});
	};
	let connectionsToDrop = 0;

	async function answer(request: Request, url: URL, match: RouteMatch, body: ReadBody): Promise<Reply> {
		const cors = applyCors(request, url, corsOrigins);
		if ('reply' in cors) return cors.reply;
		let headers = cors.headers;
		if (limiter) {
			const taken = limiter.take(clientKey(request.headers));
			headers = { ...headers, ...taken.headers };
			if (taken.rejection) return withHeaders(taken.rejection, headers);
		}
		const refused = tenantGuard(settings.orgId, url.pathname, request.headers);
		if (refused) return withHeaders(refused, headers);
		if (!match) return withHeaders(routeNotFound(), headers);
		const routeRequest: RouteRequest = {
			method: request.method,
			url,
			headers: request.headers,
			params: match.params,
			signal: request.signal,
			body: body.bytes && decodeUtf8(body.bytes),
			bodyBytes: body.bytes,
			bodyUnreadable: body.unreadable,
			bodyTooLarge: body.tooLarge,
		};
		try {
			return withHeaders(await match.route.handle(context, routeRequest), headers);
		} catch {
			// Gin's recovery middleware: a panicking handler answers 500 with no body.
			return withHeaders(emptyReply(500), headers);
		}
	}

	/**
	 * The fetch handler. Like a socket, it honours `request.signal`: an abort rejects at once with the
	 * signal's reason and nothing more is waited for. The work already begun runs on, as the platform's
	 * dispatch survives a client disconnect, and `settled()` waits for it.
	 */
	function fetchHandler(request: Request): Promise<Response> {
		const { signal } = request;
		if (!signal) return handle(request);
		if (signal.aborted) return Promise.reject(signal.reason);
		const handling = handle(request);
		return new Promise<Response>((resolve, reject) => {
			const onAbort = (): void => {
				reject(signal.reason);
				// The answer nobody reads any more: its body is dropped, and settled() covers the rest.
				const running: Promise<void> = handling
					.then((late) => late.body?.cancel())
					.catch(() => {})
					.finally(() => pending.delete(running));
				pending.add(running);
			};
			signal.addEventListener('abort', onAbort, { once: true });
			handling.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
		});
	}

	/** Reads, answers and records one request; the reply is not a `Response` yet (a `/ws` handshake never becomes one). */
	async function serveRequest(request: Request): Promise<Reply> {
		if (closing.signal.aborted) throw new TypeError('the dev platform is closed');
		if (connectionsToDrop > 0) {
			connectionsToDrop--;
			throw new TypeError('connection dropped by the dev platform');
		}
		const url = new URL(request.url);
		const match = findRoute(routes, request.method, url.pathname);
		const body = await readBody(request, match?.route.maxBodyBytes?.(settings) ?? maxProxyRequestBytes);
		wake();
		const reply = await answer(request, url, match, body);
		const parsedBody = body.bytes && body.bytes.length > 0 && isJsonRequest(request) ? jsonValue(decodeUtf8(body.bytes)) : undefined;
		recorded.push({
			method: request.method,
			path: url.pathname + url.search,
			headers: Object.fromEntries(request.headers),
			...(parsedBody === undefined ? {} : { body: parsedBody }),
			status: reply.status,
		});
		return reply;
	}

	async function handle(request: Request): Promise<Response> {
		const reply = await serveRequest(request);
		// A handshake that passed cannot be upgraded by a fetch handler: the runtime must hand it to webSocket().
		return toResponse(reply.upgrade ? webSocketUnsupported() : reply);
	}

	return {
		fetch: fetchHandler,
		get requests() {
			return [...recorded];
		},
		get queue() {
			return queue.items;
		},
		get activity() {
			return model.activity.all();
		},
		get ackedSeq() {
			return model.activity.acked();
		},
		get events() {
			return events.all();
		},
		subscribe(listener) {
			if (typeof listener !== 'function') throw new ConfigError('listener', `must be a function, got ${kindOf(listener)}`);
			return events.subscribe(listener);
		},
		async webSocket(request) {
			const reply = await serveRequest(request);
			return reply.upgrade ?? toResponse(reply);
		},
		cutEventStreams: () => streams.cut(),
		get openEventStreams() {
			return streams.open;
		},
		rotateInboundSecret(id) {
			const { workspace } = model.require(id);
			workspace.inboundSecret = settings.mintSecret();
			return workspace.inboundSecret;
		},
		workspace(id) {
			wake();
			const entry = model.get(id);
			return entry && snapshot(entry.workspace);
		},
		setAgent(id, agent) {
			if (agent !== null && !isAgent(agent)) throw new ConfigError('agent', `must be an http(s) URL, an agent handler function or null, got ${kindOf(agent)}`);
			const { workspace } = model.require(id);
			if (agent === null) delete workspace.agent;
			else workspace.agent = agent;
		},
		update(id, patch) {
			checkWorkspaceFields(patch, 'patch');
			const { workspace, extras } = model.require(id);
			const previousStatus = workspace.status ?? 'online';
			Object.assign(workspace, patch);
			if (typeof patch.parentId === 'string') workspace.parentId = workspaceKey(patch.parentId);
			if (patch.tokens) workspace.tokens = [...patch.tokens];
			if (patch.budgets) workspace.budgets = { ...patch.budgets };
			if ('url' in patch) extras.internalUrl = patch.url ? patch.url : null;
			if (patch.status === 'removed' && !workspace.removedAt) workspace.removedAt = settings.wallClock().toISOString();
			if (patch.status !== undefined && patch.status !== 'hibernated') extras.wakeAt = null;
			if (patch.status !== undefined) announceStatus(events, workspace.id, previousStatus, patch.status);
		},
		dropConnections(count) {
			if (!Number.isInteger(count) || count < 0) throw new ConfigError('count', `must be a whole number, got ${kindOf(count)}`);
			connectionsToDrop += count;
		},
		async settled() {
			while (pending.size > 0) await Promise.all(pending);
		},
		async close() {
			if (!closing.signal.aborted) closing.abort(new Error('the dev platform was closed'));
			streams.close();
			while (pending.size > 0) await Promise.all(pending);
		},
	};
}
