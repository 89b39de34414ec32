// The ids, records and replies every benchmark shares, so contenders see byte-identical data.

export const callerId = 'a2a00000-0000-4000-8000-000000000001';
export const peerId = 'a2a00000-0000-4000-8000-000000000002';
export const token = 'bench-token';

/** A registry record as `GET /registry/discover/:id` answers it. */
export const peerRecord = (id) => ({ id, url: `http://ws-${id.slice(0, 12)}:8000`, name: 'Echo' });

/** The n-th of many distinct, valid (lower-case UUID) peer ids. */
export const nthPeerId = (n) => `b0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const discoverPath = /\/registry\/discover\/([^/?]+)$/;

/**
 * An in-process registry: answers every discover request at once with the record of the id in
 * its path, so timings measure the client, not a server. `onRequest` counts calls.
 */
export function fakeRegistryFetch(onRequest = () => {}) {
	return async (request) => {
		onRequest(request);
		const id = discoverPath.exec(new URL(request.url).pathname)?.[1];
		if (!id) return new Response('{"error":"not found"}', { status: 404, headers: { 'content-type': 'application/json' } });
		return new Response(JSON.stringify(peerRecord(id)), { status: 200, headers: { 'content-type': 'application/json' } });
	};
}

/** The one agent reply, in the v0.3 shape (`message/send` result: a bare Message with `kind`). */
export const replyV03 = { kind: 'message', messageId: 'reply-0001', role: 'agent', parts: [{ kind: 'text', text: 'pong' }] };
/** The same reply in the v1.0 shape (`SendMessage` result: a `SendMessageResponse` wrapping the Message). */
export const replyV10 = { message: { messageId: 'reply-0001', role: 'ROLE_AGENT', parts: [{ text: 'pong' }] } };
