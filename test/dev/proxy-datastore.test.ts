// The rows of the addendum's §4.3 table a caller sees when the platform's datastore fails.
import { describe, expect, test } from 'vitest';
import { agents, type DevWorkspace } from '../../src/dev/index.js';
import { as, canvas, id, messageSend, send, setup } from './helpers.js';

const lead = id(1);
const target = id(2);
const a2a = `/workspaces/${target}/a2a`;
const fromLead = as(lead, 'lead-token');

function org(extra: Partial<DevWorkspace>): DevWorkspace[] {
	return [
		{ id: lead, name: 'Lead', tokens: ['lead-token'] },
		{ id: target, name: 'Target', parentId: lead, agent: agents.echo(), ...extra },
	];
}

describe('POST /workspaces/:id/a2a when the datastore fails (addendum §4.3)', () => {
	test('row 7: a failing org lookup answers a workspace caller 403 access denied: org isolation check failed', async () => {
		const { platform } = setup(org({ datastoreFailures: ['org'] }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual({ error: 'access denied: org isolation check failed' });
	});

	test('row 7: canvas-class callers skip the org check', async () => {
		const { platform } = setup(org({ datastoreFailures: ['org'] }));
		expect((await send(platform, a2a, { headers: canvas, body: messageSend('hi') })).status).toBe(200);
	});

	test('row 13: a failing delivery-mode lookup answers 503 refusing to dispatch, with no Retry-After', async () => {
		const { platform } = setup(org({ datastoreFailures: ['deliveryMode'] }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(503);
		expect(answer.headers.get('Retry-After')).toBeNull();
		expect(answer.json).toEqual({ error: 'delivery-mode lookup failed; refusing to dispatch to avoid silent misrouting' });
	});

	test('row 15: when the boot-turn queue write fails, the message is dispatched instead', async () => {
		const { platform } = setup(org({ bootTurn: true, datastoreFailures: ['enqueue'] }));
		expect((await send(platform, a2a, { headers: fromLead, body: messageSend('hi') })).json).toMatchObject({ result: { parts: [{ text: 'echo: hi' }] } });
	});

	test('row 17: a failing URL lookup answers 500 lookup failed', async () => {
		const { platform } = setup(org({ datastoreFailures: ['url'] }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(500);
		expect(answer.json).toEqual({ error: 'lookup failed' });
	});

	test('row 19: a provisioning workspace whose queue write fails answers 503 workspace has no URL', async () => {
		const { platform } = setup(org({ status: 'provisioning', datastoreFailures: ['enqueue'] }));
		platform.setAgent(target, null);
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(503);
		expect(answer.json).toEqual({ error: 'workspace has no URL', status: 'provisioning' });
	});

	test('row 22: an external agent whose inbound secret cannot be read answers 503 not yet enrolled', async () => {
		const fetch = async (): Promise<Response> => Response.json({});
		const { platform } = setup(org({ agent: 'https://agent.example.com', datastoreFailures: ['inboundSecret'] }), { fetch });
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(503);
		expect(answer.headers.get('Retry-After')).toBeNull();
		expect(answer.json).toEqual({ error: 'workspace not yet enrolled in inbound auth (RFC #2312)', detail: expect.any(String) as unknown });
	});

	test('row 27: a busy agent whose queue write fails answers 503 busy with Retry-After 30', async () => {
		const { platform } = setup(org({ agent: agents.busy(), datastoreFailures: ['enqueue'] }));
		const answer = await send(platform, a2a, { headers: fromLead, body: messageSend('hi') });
		expect(answer.status).toBe(503);
		expect(answer.headers.get('Retry-After')).toBe('30');
		expect(answer.json).toEqual({ error: 'workspace agent busy — retry after a short backoff', busy: true, retry_after: 30 });
		expect(platform.queue).toEqual([]);
	});
});
