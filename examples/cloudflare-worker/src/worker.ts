// A Cloudflare Worker that lists peers and relays messages through the Molecule AI platform.
// Configuration comes from the Worker's bindings: WORKSPACE_ID, PLATFORM_URL, MOLECULE_WORKSPACE_TOKEN.
import { configFromEnv, createA2AClient, formatA2AError, formatA2AQueued, type A2AClient } from '@molecule-ai/a2a-client';
import { hintForError } from '@molecule-ai/a2a-client/hints';

const json = (body: unknown, status = 200): Response => Response.json(body, { status });

interface SendRequest {
	peerId: string;
	text: string;
}

async function sendRequestOf(request: Request): Promise<SendRequest | string> {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return 'the body must be JSON: { "peerId", "text" }';
	}
	const { peerId, text } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
	if (typeof peerId !== 'string' || typeof text !== 'string' || text.trim() === '') return 'the body needs a string "peerId" and a non-empty "text"';
	return { peerId, text };
}

/** `GET /peers`: the peers this workspace may message; 502 with the diagnostic when the platform refused. */
async function peers(client: A2AClient): Promise<Response> {
	const listing = await client.listPeers();
	return json(listing, listing.diagnostic === null ? 200 : 502);
}

/** `POST /send`: `{ "reply" }`, or `{ "error", "hint" }` with the string and hint the canvas would show. */
async function send(client: A2AClient, request: Request): Promise<Response> {
	const input = await sendRequestOf(request);
	if (typeof input === 'string') return json({ error: input }, 400);
	const outcome = await client.sendMessage(input.peerId, input.text);
	if (outcome.status === 'replied') return json({ reply: outcome.text });
	if (outcome.status === 'queued') return json({ reply: formatA2AQueued(input.peerId), queued: true }, 202);
	const error = formatA2AError(outcome.error);
	return json({ error, hint: hintForError(error) }, 502);
}

export default {
	async fetch(request: Request, env: Record<string, unknown>): Promise<Response> {
		let client: A2AClient;
		try {
			// A client is a few closures: building one per request keeps the Worker stateless.
			client = createA2AClient(configFromEnv(env));
		} catch (error) {
			return json({ error: error instanceof Error ? error.message : String(error) }, 500);
		}
		const { pathname } = new URL(request.url);
		if (pathname === '/peers' && request.method === 'GET') return peers(client);
		if (pathname === '/send' && request.method === 'POST') return send(client, request);
		return json({ error: 'not found: try GET /peers or POST /send' }, 404);
	},
};
