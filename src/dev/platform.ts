import { ConfigError } from '../errors/config-error.js';
import { kindOf } from '../internal/describe.js';
import { resolveSettings, type DevContext } from './context.js';
import { applyCors, defaultCorsOrigins } from './cors.js';
import { decodeUtf8, emptyReply, json, parseJson, routeNotFound, toResponse, type Reply } from './http.js';
import { DevModel, snapshot, workspaceKey } from './model.js';
import { checkDevOptions, checkWorkspaceFields, isAgent } from './options.js';
import { QueueStore } from './queue.js';
import { clientKey, RateLimiter } from './rate-limit.js';
import { findRoute, type Route, type RouteRequest } from './router.js';
import { checkAccess, discover, peers } from './routes/discovery.js';
import { a2a } from './routes/proxy.js';
import { heartbeat, register, updateCard } from './routes/registry.js';
import { listActivity, workspaceInfo } from './routes/workspaces.js';
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
	{ method: 'GET', pattern: '/workspaces/:id', handle: workspaceInfo },
	{ method: 'GET', pattern: '/workspaces/:id/activity', handle: listActivity },
	{ method: 'POST', pattern: '/workspaces/:id/a2a', handle: a2a },
];

/** Paths TenantGuard lets through without the org header. */
const tenantAllowlist = new Set(['/health', '/metrics', '/registry/register', '/registry/heartbeat']);

/** More than any route reads: the proxy keeps 1 MiB, JSON routes have no legitimate use for more. */
const maxBodyBytes = 10 * 1024 * 1024;

interface ReadBody {
	bytes: Uint8Array | null;
	unreadable: boolean;
}

async function readBody(request: Request): Promise<ReadBody> {
	if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return { bytes: null, unreadable: false };
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		const reader = request.body.getReader();
		while (size < maxBodyBytes) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			size += value.byteLength;
		}
		if (size >= maxBodyBytes) await reader.cancel().catch(() => {});
	} catch {
		return { bytes: null, unreadable: true };
	}
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return { bytes, unreadable: false };
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
	return { ...reply, headers: { ...headers, ...reply.headers } };
}

/**
 * A faithful local implementation of the platform endpoints as a fetch handler, so tests,
 * examples and the CLI run with no real platform. Middleware runs in the real router's order:
 * CORS, the rate limiter, TenantGuard, then the route. An option or workspace field that is not what
 * it should be throws `ConfigError` naming it (`workspaces.2.parentId`), before anything is built.
 */
export function createDevPlatform(options: DevPlatformOptions): DevPlatform {
	checkDevOptions(options);
	const settings = resolveSettings(options);
	const model = new DevModel(options.workspaces);
	const queue = new QueueStore(settings.uuid);
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
	const { orgId } = options;
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
		const guarded = orgId && !tenantAllowlist.has(url.pathname) && !url.pathname.startsWith('/cp/');
		if (guarded && request.headers.get('X-Molecule-Org-Id') !== orgId) return withHeaders(emptyReply(404), headers);
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
		const parsedBody = body.bytes && body.bytes.length > 0 ? parseJson(decodeUtf8(body.bytes)) : undefined;
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
			return [...model.activity];
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
