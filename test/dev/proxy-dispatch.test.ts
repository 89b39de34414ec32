// The rows of the addendum's §4.3 table from the target's URL on (rows 17–33) that the other proxy
// test files do not already cover, each as a client sees it.
import { describe, expect, test } from 'vitest';
import { agents, type DevWorkspace } from '../../src/dev/index.js';
import { as, id, messageSend, send, setup } from './helpers.js';

const lead = id(1);
const target = id(2);
const a2a = `/workspaces/${target}/a2a`;
const fromLead = as(lead, 'lead-token');

function org(extra: Partial<DevWorkspace> = {}): DevWorkspace[] {
	return [
		{ id: lead, name: 'Lead', tokens: ['lead-token'] },
		{ id: target, name: 'Target', parentId: lead, agent: agents.echo(), ...extra },
	];
}

/** An agent at a URL whose every answer is `respond()`; the platform's fetch is the stand-in network. */
function remote(respond: () => Response, extra: Partial<DevWorkspace> = {}) {
	const seen: Request[] = [];
	const fetch = async (request: Request): Promise<Response> => (seen.push(request), respond());
	const { platform } = setup(org({ agent: 'https://agent.example.com/a2a', ...extra }), { fetch });
	return { platform, seen };
}

const reply = (): Response => Response.json({ jsonrpc: '2.0', id: 'request-1', result: { kind: 'message', parts: [] } });

describe('POST /workspaces/:id/a2a: outcomes from the dispatch on (addendum §4.3 rows 17–33)', () => {
	test('row 17: an agent URL that is not publicly routable answers 502', async () => {
		const { platform, seen } = remote(reply, { agent: 'http://169.254.169.254/latest' });
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(502);
		expect(answer.json).toEqual({ error: 'workspace URL is not publicly routable' });
		expect(seen).toEqual([]);
	});

	test.each(['provisioning', 'awaiting_agent'])('row 19: a %s workspace without a URL queues the message: 202', async (status) => {
		const { platform } = setup(org({ status }));
		platform.setAgent(target, null);
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi', 'm-1') });
		expect(answer.status).toBe(202);
		expect(answer.json).toMatchObject({ queued: true, queue_depth: 1 });
		expect(platform.queue).toEqual([expect.objectContaining({ workspaceId: target, idempotencyKey: 'm-1', status: 'queued' })]);
	});

	test("row 21: a stopped container answers 503 restart triggered with preflight, and no Retry-After", async () => {
		const { platform } = setup(org({ container: 'stopped' }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(503);
		expect(answer.headers.get('Retry-After')).toBeNull();
		expect(answer.json).toEqual({ error: 'workspace container not running — restart triggered', restarting: true, preflight: true });
	});

	test('row 22: an external agent whose inbound secret was never minted answers 503 re-registering; the next call goes through', async () => {
		const { platform, seen } = remote(reply, { inboundSecret: null });
		const first = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(first.status).toBe(503);
		expect(first.headers.get('Retry-After')).toBeNull();
		expect(first.json).toEqual({ error: 'workspace re-registering — please retry in 30 seconds', detail: expect.any(String) as unknown, retry_after_seconds: 30 });
		expect(seen).toEqual([]);
		expect((await send(platform, a2a, { headers: fromLead, body: messageSend('hi') })).status).toBe(200);
		expect(seen[0]?.headers.get('Authorization')).toBe('Bearer minted-secret');
	});

	test.each([
		['a dropped connection', agents.busy()],
		['a refused connection', () => ({ unreachable: true as const })],
	])('row 24: %s to a dead container answers 503 restart triggered, with no Retry-After', async (_label, agent) => {
		const { platform } = setup(org({ container: 'dead', agent }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(503);
		expect(answer.headers.get('Retry-After')).toBeNull();
		expect(answer.json).toEqual({ error: 'workspace agent unreachable — container restart triggered', restarting: true });
		expect(platform.queue).toEqual([]);
	});

	test('row 26: an agent restarting in a live container answers 503 with Retry-After 30, and nothing is queued', async () => {
		const { platform } = setup(org({ agent: agents.restarting() }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(503);
		expect(answer.headers.get('Retry-After')).toBe('30');
		expect(answer.json).toEqual({ error: 'workspace agent restarting — retry after a short backoff', busy: true, retry_after: 30 });
		expect(platform.queue).toEqual([]);
	});

	test('row 29: a reply over 64 MiB answers 502 saying it was too large', async () => {
		const chunk = new Uint8Array(1024 * 1024).fill(0x20);
		const { platform } = remote(() => {
			let sent = 0;
			return new Response(new ReadableStream<Uint8Array>({ pull: (controller) => (sent++ <= 64 ? controller.enqueue(chunk) : controller.close()) }));
		});
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(502);
		expect(answer.json).toEqual({
			error: 'response body exceeds 67108864 byte limit: A2A body exceeds size limit',
			delivery_confirmed: true,
			truncated: true,
			max_bytes: 67108864,
		});
	});

	test("row 30: an agent's empty 2xx answers its status with agent returned empty response body", async () => {
		const { platform } = setup(org({ agent: agents.httpStatus(200) }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ error: 'agent returned empty response body' });
	});

	test('row 30: the same from an agent at a URL, with any 2xx status', async () => {
		const { platform } = remote(() => new Response(null, { status: 202 }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(202);
		expect(answer.json).toEqual({ error: 'agent returned empty response body' });
	});

	test.each([502, 503, 504, 522])('row 31: an agent %i from a dead container answers 503 restart triggered with Retry-After 15', async (status) => {
		const { platform } = setup(org({ container: 'dead', agent: agents.httpStatus(status) }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(503);
		expect(answer.headers.get('Retry-After')).toBe('15');
		expect(answer.json).toEqual({ error: 'workspace agent unreachable — container restart triggered', restarting: true, retry_after: 15 });
	});

	test('row 32: a dead container still passes other agent statuses through', async () => {
		const { platform } = setup(org({ container: 'dead', agent: agents.httpStatus(500, { error: 'model crashed' }) }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(500);
		expect(answer.json).toEqual({ error: 'model crashed' });
	});

	test('row 32: a redirect is the agent\'s answer, never followed', async () => {
		const { platform, seen } = remote(() => new Response(null, { status: 307, headers: { Location: 'https://elsewhere.example.com/' } }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(307);
		expect(answer.json).toEqual({ error: 'Temporary Redirect' });
		expect(seen[0]?.redirect).toBe('manual');
	});
});
