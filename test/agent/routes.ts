import type { FetchFunction } from '../../src/index.js';

/** A request a scripted route saw. */
export interface RouteCall {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: Headers;
	/** The body as text (multipart bodies too); '' for none. */
	body: string;
	/** The parsed JSON body, when it was JSON. */
	json: unknown;
	params: Record<string, string>;
	request: Request;
}

export type RouteHandler = (call: RouteCall) => Response | Promise<Response>;

/** A JSON response as the platform sends it. */
export function json(body: unknown, status = 200): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}

/**
 * A fetch that answers `METHOD /path/:param` routes with handlers (answers the dev platform does not
 * give on demand: failures, edge-case bodies) and passes every other request to `fallback` (the dev
 * platform). Records what the routes saw in `calls`.
 */
export function routes(table: Record<string, RouteHandler>, fallback?: FetchFunction): { fetch: FetchFunction; calls: RouteCall[] } {
	const compiled = Object.entries(table).map(([key, handler]) => {
		const [method, pattern] = key.split(' ') as [string, string];
		const names: string[] = [];
		const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
		return { method, regex, names, handler };
	});
	const calls: RouteCall[] = [];
	const fetch: FetchFunction = async (request) => {
		const url = new URL(request.url);
		for (const route of compiled) {
			const match = route.method === request.method ? route.regex.exec(url.pathname) : null;
			if (!match) continue;
			const body = await request.clone().text();
			let parsed: unknown;
			try {
				parsed = body ? JSON.parse(body) : undefined;
			} catch {
				parsed = undefined;
			}
			const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
			const call: RouteCall = { method: request.method, path: url.pathname, query: url.searchParams, headers: request.headers, body, json: parsed, params, request };
			calls.push(call);
			return route.handler(call);
		}
		if (!fallback) return json({ error: `no route for ${request.method} ${url.pathname}` }, 404);
		return fallback(request);
	};
	return { fetch, calls };
}
