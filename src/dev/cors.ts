import { emptyReply, type Reply } from './http.js';

export const defaultCorsOrigins: readonly string[] = ['http://localhost:3000', 'http://localhost:3001'];

// Spelled as gin-contrib/cors sends them: canonical header keys joined by commas.
const allowMethods = 'GET,POST,PUT,PATCH,DELETE,OPTIONS';
const allowHeaders = 'Origin,Content-Type,X-Workspace-Id,X-Molecule-Org-Id,X-Molecule-Org-Slug,X-Confirm-Name,Authorization';

/** What the CORS layer decided: answer now (`reply`), or go on and add `headers` to the answer. */
export type CorsOutcome = { reply: Reply } | { headers: Record<string, string> };

/**
 * The router's CORS middleware (contract §3.2): requests without `Origin`, or from the platform's own
 * origin, are not CORS requests. A disallowed origin gets 403 with no body; a preflight gets 204
 * with the allowed methods and headers (the browser then enforces the header allowlist).
 */
export function applyCors(request: Request, url: URL, origins: readonly string[] | '*'): CorsOutcome {
	const origin = request.headers.get('Origin');
	if (!origin || origin === `http://${url.host}` || origin === `https://${url.host}`) return { headers: {} };
	if (origins !== '*' && !origins.includes(origin)) return { reply: emptyReply(403) };
	const headers = { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' };
	if (request.method !== 'OPTIONS') return { headers };
	return {
		reply: emptyReply(204, {
			...headers,
			'Access-Control-Allow-Methods': allowMethods,
			'Access-Control-Allow-Headers': allowHeaders,
		}),
	};
}
