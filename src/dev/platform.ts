import { ConfigError } from '../errors/config-error.js';
import { readCapped } from '../internal/body.js';
import { kindOf } from '../internal/describe.js';
import { ActivityLog } from './activity.js';
import { resolveSettings, type DevContext } from './context.js';
import { applyCors, defaultCorsOrigins } from './cors.js';
import { jsonValue } from '../internal/json.js';
import { decodeUtf8, emptyReply, json, routeNotFound, toResponse, type Reply } from './http.js';
import { DevModel, snapshot, workspaceKey } from './model.js';
import { checkDevOptions, checkWorkspaceFields, isAgent } from './options.js';
import { QueueStore } from './queue.js';
import { clientKey, RateLimiter } from './rate-limit.js';
import { findRoute, type Route, type RouteRequest } from './router.js';
import { ackActivity, listActivity } from './routes/activity.js';
import { checkAccess, discover, peers } from './routes/discovery.js';
import { heartbeat } from './routes/heartbeat.js';
import { a2a, a2aInbound, maxProxyRequestBytes } from './routes/proxy.js';
import { queueStatus } from './routes/queue.js';
import { register, updateCard } from './routes/registry.js';
import { listWorkspaces, workspaceInfo } from './routes/workspaces.js';
import { tenantGuard } from './tenant.js';
import type { DevPlatform, DevPlatformOptions, RecordedRequest } from './types.js';

// Discover comes before peers so `/registry/discover/peers` resolves as Gin resolves it.
const routes: readonly Route[] = [
	{ method: 'GET', pattern: '/health', handle: () => json(200, { status: 'ok' }) },
	{ method: 'GET', pattern: '/registry/discover/:id', handle: discover },
	{ method: 'GET', pattern: '/registry/:id/peers', handle: peers },
	{ method: 'POST', pattern: '/registry/check-access', handle: checkAccess },
	{ method: 'POST', pattern: '/registry/register', handle: register },
	{ method: 'POST', pattern: '/registry/heartbeat', handle: heartbeat },
	{ method: 'POST', pattern: '/registry/update-card', handle: updateCard },
	{ method: 'GET', pattern: '/workspaces', handle: listWorkspaces },
	{ method: 'GET', pattern: '/workspaces/:id', handle: workspaceInfo },
	{ method: 'GET', pattern: '/workspaces/:id/activity', handle: listActivity },
	{ method: 'POST', pattern: '/workspaces/:id/activity/ack', handle: ackActivity },
	{ method: 'POST', pattern: '/workspaces/:id/a2a', handle: a2a },
	{ method: 'POST', pattern: '/workspaces/:id/a2a/inbound', handle: a2aInbound },
	{ method: 'GET', pattern: '/workspaces/:id/a2a/queue/:queue_id', handle: queueStatus },
];

interface ReadBody {
	bytes: Uint8Array | null;
	unreadable: boolean;
	tooLarge: boolean;
}

async function readBody(request: Request): Promise<ReadBody> {
	if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return { bytes: null, unreadable: false, tooLarge: false };
	try {
		const bytes = await readCapped(request.body, maxProxyRequestBytes);
		return { bytes, unreadable: false, tooLarge: bytes === null };
	} catch {
		return { bytes: null, unreadable: true, tooLarge: false };
	}
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
	return { ...reply, headers: { ...headers, ...reply.headers } };
}

/**
 * A faithful local implementation of the platform endpoints as a fetch handler, so tests,
 * examples and the CLI run with no real platform (docs/platform-contract.md). Middleware runs in
 * the real router's order: CORS, the rate limiter, TenantGuard, then the route.
 *
 * @throws {ConfigError} naming the option or workspace field (`workspaces.2.parentId`,
 * `canvasSyncBudgetMs`) that is not what it should be, before anything is built.
 * @example
 * const platform = createDevPlatform({ workspaces: demoOrg().workspaces, adminToken: 'dev-admin-token' });
 * const client = createA2AClient({ workspaceId, token, fetch: platform.fetch });
 */
export function createDevPlatform(options: DevPlatformOptions): DevPlatform {
	checkDevOptions(options);
	const settings = resolveSettings(options);
	const model = new DevModel(options.workspaces, settings.mintSecret, new ActivityLog(settings.uuid, settings.wallClock));
	const queue = new QueueStore(settings.uuid, () => settings.clock.now(), settings.wallClock);
	const pending = new Set<Promise<void>>();
	const context: DevContext = {
		settings,
		model,
		queue,
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
	let connectionsToDrop = 0;

	async function answer(request: Request, url: URL, body: ReadBody): Promise<Reply> {
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
		const match = findRoute(routes, request.method, url.pathname);
		if (!match) return withHeaders(routeNotFound(), headers);
		const routeRequest: RouteRequest = {
			method: request.method,
			url,
			headers: request.headers,
			params: match.params,
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

	async function handle(request: Request): Promise<Response> {
		if (connectionsToDrop > 0) {
			connectionsToDrop--;
			throw new TypeError('connection dropped by the dev platform');
		}
		const url = new URL(request.url);
		const body = await readBody(request);
		model.wakeDue(settings.clock.now());
		const reply = await answer(request, url, body);
		const parsedBody = body.bytes && body.bytes.length > 0 ? jsonValue(decodeUtf8(body.bytes)) : undefined;
		recorded.push({
			method: request.method,
			path: url.pathname + url.search,
			headers: Object.fromEntries(request.headers),
			...(parsedBody === undefined ? {} : { body: parsedBody }),
			status: reply.status,
		});
		return toResponse(reply);
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
		workspace(id) {
			model.wakeDue(settings.clock.now());
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
			Object.assign(workspace, patch);
			if (typeof patch.parentId === 'string') workspace.parentId = workspaceKey(patch.parentId);
			if (patch.tokens) workspace.tokens = [...patch.tokens];
			if (patch.budgets) workspace.budgets = { ...patch.budgets };
			if ('url' in patch) extras.internalUrl = patch.url ? patch.url : null;
			if (patch.status === 'removed' && !workspace.removedAt) workspace.removedAt = settings.wallClock().toISOString();
			if (patch.status !== undefined && patch.status !== 'hibernated') extras.wakeAt = null;
		},
		dropConnections(count) {
			if (!Number.isInteger(count) || count < 0) throw new ConfigError('count', `must be a whole number, got ${kindOf(count)}`);
			connectionsToDrop += count;
		},
		async settled() {
			while (pending.size > 0) await Promise.all(pending);
		},
	};
}
