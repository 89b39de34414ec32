import type { DevContext, DevSettings } from './context.js';
import type { Reply } from './http.js';

/** A request as routes see it: the body already read (capped), the path parameters decoded. */
export interface RouteRequest {
	method: string;
	url: URL;
	headers: Headers;
	params: Readonly<Record<string, string>>;
	/** The request's own signal: aborts when the client goes away (a stream ends with it). */
	signal: AbortSignal;
	/** The body decoded as UTF-8, `null` for none. */
	body: string | null;
	/** The body's bytes, `null` for none or when it was too large. */
	bodyBytes: Uint8Array<ArrayBuffer> | null;
	/** Reading the body failed. */
	bodyUnreadable: boolean;
	/** The body was larger than the route reads (16 MiB unless the route says otherwise). */
	bodyTooLarge: boolean;
}

export type RouteHandler = (context: DevContext, request: RouteRequest) => Reply | Promise<Reply>;

export interface Route {
	method: 'GET' | 'POST';
	/** Like Gin's: `/registry/:id/peers`. */
	pattern: string;
	handle: RouteHandler;
	/** The most bytes of a body the route reads; one more marks it too large. Default 16 MiB (the proxy's cap). */
	maxBodyBytes?: (settings: DevSettings) => number;
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** Matches a path against `pattern`, answering the parameters; static segments win over parameters, as in Gin. */
export function findRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
	const segments = path.split('/').map(decodeSegment);
	let best: { route: Route; params: Record<string, string>; staticCount: number } | undefined;
	for (const route of routes) {
		if (route.method !== method) continue;
		const expected = route.pattern.split('/');
		if (expected.length !== segments.length) continue;
		const params: Record<string, string> = {};
		let staticCount = 0;
		const matches = expected.every((part, index) => {
			const actual = segments[index] ?? '';
			if (part.startsWith(':')) {
				params[part.slice(1)] = actual;
				return true;
			}
			staticCount++;
			return part === actual;
		});
		if (matches && (!best || staticCount > best.staticCount)) best = { route, params, staticCount };
	}
	return best && { route: best.route, params: best.params };
}
