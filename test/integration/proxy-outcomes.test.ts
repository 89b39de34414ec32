// What a client makes of every answer of today's `/a2a` proxy that it can meet: the rows of the
// addendum's §4.3 table (and TenantGuard, §2.3), through `sendMessage` against the dev platform.
// Rows a client cannot meet: 2 (its X-Workspace-ID is a UUID), 4 and 9 (it always sends a valid
// JSON-RPC object), 12 (a side effect), 23 and 25 (not modelled, see docs/platform-contract.md §12).
import { describe, expect, test } from 'vitest';
import { AgentError, ConfigError, formatA2AError, HttpError, InvalidMessageError, type SendOutcome } from '../../src/index.js';
import { agents, type DevWorkspace } from '../../src/dev/index.js';
import { drive } from '../helpers/fake-clock.js';
import { adminToken, devClient, id } from './dev-client.js';

const lead = id(1);
const target = id(2);
const sibling = id(3);
const otherRoot = id(9);

/**
 * The lead (the client's workspace, a root), its child `target` (an echo agent, none with
 * `agent: null`) and another child, and a second root; `extra` changes the target.
 */
function org(extra: Partial<Omit<DevWorkspace, 'agent'>> & { agent?: DevWorkspace['agent'] | null } = {}): DevWorkspace[] {
	const { agent = agents.echo(), ...fields } = extra;
	return [
		{ id: lead, name: 'Lead', tokens: ['lead-token'] },
		{ id: target, name: 'Target', parentId: lead, tokens: ['target-token'], ...(agent !== null && { agent }), ...fields },
		{ id: sibling, name: 'Sibling', parentId: lead, tokens: ['sibling-token'] },
		{ id: otherRoot, name: 'Other root', tokens: ['other-root-token'], agent: agents.echo() },
	];
}

/** The error of a failed outcome; fails the test for any other outcome. */
function errorOf(outcome: SendOutcome): Error {
	if (outcome.status !== 'failed') throw new Error(`expected a failed outcome, got ${JSON.stringify(outcome)}`);
	return outcome.error;
}

/** The requests that reached the proxy route of `workspaceId`. */
const proxyCalls = (setup: ReturnType<typeof devClient>, workspaceId = target): number =>
	setup.platform.requests.filter((request) => request.path === `/workspaces/${workspaceId}/a2a`).length;

describe('who is calling (addendum §4.2, §4.3 row 3)', () => {
	test('a client without a token is refused with HTTP 401 missing caller auth token (§4.2 rule 4)', async () => {
		const setup = devClient(org(), { client: { token: undefined } });
		const outcome = await setup.client.sendMessage(target, 'hi');
		expect(errorOf(outcome)).toMatchObject({ name: 'HttpError', status: 401, platformError: 'missing caller auth token' });
		expect(outcome.attempts).toBe(1);
	});

	test("a token of another workspace is a 401 that says the token belongs to another workspace (§4.2 rule 6)", async () => {
		const setup = devClient(org(), { client: { token: 'sibling-token' } });
		const error = errorOf(await setup.client.sendMessage(target, 'hi'));
		expect(error).toBeInstanceOf(HttpError);
		expect(error).toMatchObject({ status: 401, platformError: 'caller ID does not match workspace auth token' });
		expect(formatA2AError(error)).toBe(
			`[A2A_ERROR] HTTP 401: caller ID does not match workspace auth token (the token belongs to another workspace, not to workspaceId ${lead}) [target=${setup.target(target)}]`,
		);
	});

	test('a token the platform does not know is HTTP 401 invalid caller auth token (§4.2 rule 8)', async () => {
		const setup = devClient(org(), { client: { token: 'made-up-token' } });
		expect(errorOf(await setup.client.sendMessage(target, 'hi'))).toMatchObject({ status: 401, platformError: 'invalid caller auth token' });
	});

	test("an org API token anchored to another organisation is HTTP 403 with the platform's text (§4.2 rule 7)", async () => {
		const setup = devClient(org(), { platform: { orgTokens: [{ token: 'finance-org-token', org: otherRoot }] }, client: { token: 'finance-org-token' } });
		const error = errorOf(await setup.client.sendMessage(target, 'hi'));
		expect(formatA2AError(error)).toBe(`[A2A_ERROR] HTTP 403: org token not authorized for this workspace's org [target=${setup.target(target)}]`);
	});
});

describe('canvas-class callers (addendum §4.3 row 5)', () => {
	test('a turn still running after 90 s is a queued outcome with deliveryMode push-async, not an error', async () => {
		const setup = devClient(org({ agent: agents.slow(120_000, 'late') }), { client: { token: adminToken } });
		const outcome = await drive(setup.client.sendMessage(target, 'hi'), setup.clock);
		expect(outcome).toEqual({ status: 'queued', deliveryMode: 'push-async', method: 'message/send', attempts: 1, messageId: expect.any(String) as unknown });
		expect(setup.clock.now()).toBe(90_000);
	});

	test('sendText gives the [A2A_QUEUED] line for a push-async turn', async () => {
		const setup = devClient(org({ agent: agents.slow(120_000, 'late') }), { client: { token: adminToken } });
		expect(await drive(setup.client.sendText(target, 'hi'), setup.clock)).toBe(`[A2A_QUEUED] target=${target} method=message/send`);
	});

	test('a turn that ends within 90 s is the reply', async () => {
		const setup = devClient(org({ agent: agents.slow(30_000, 'in time') }), { client: { token: adminToken } });
		expect(await drive(setup.client.sendMessage(target, 'hi'), setup.clock)).toMatchObject({ status: 'replied', text: 'in time' });
	});
});

describe('access, budget and delegation (addendum §4.3 rows 6–8, 10)', () => {
	test('row 6: a target outside the hierarchy is HTTP 403 access denied per hierarchy rules, not retried', async () => {
		const setup = devClient(org());
		const outcome = await setup.client.sendMessage(otherRoot, 'hi');
		expect(errorOf(outcome)).toMatchObject({ status: 403, platformError: 'access denied: workspaces cannot communicate per hierarchy rules' });
		expect(proxyCalls(setup, otherRoot)).toBe(1);
	});

	test('row 7: a failing org check is HTTP 403 access denied: org isolation check failed', async () => {
		const setup = devClient(org({ datastoreFailures: ['org'] }));
		expect(errorOf(await setup.client.sendMessage(target, 'hi'))).toMatchObject({ status: 403, platformError: 'access denied: org isolation check failed' });
	});

	test('row 8: a target over budget is HTTP 402 whose exceededPeriods name the periods, hourly to monthly', async () => {
		const budgets = { monthly: { limit: 10, spent: 10 }, daily: { limit: 5, spent: 6 }, weekly: { limit: 7, spent: 1 } };
		const setup = devClient(org({ budgets }));
		const error = errorOf(await setup.client.sendMessage(target, 'hi'));
		expect(error).toMatchObject({ status: 402, platformError: 'workspace budget limit exceeded', exceededPeriods: ['daily', 'monthly'] });
		expect(formatA2AError(error)).toBe(`[A2A_ERROR] HTTP 402: workspace budget limit exceeded (exceeded_periods: daily, monthly) [target=${setup.target(target)}]`);
		expect(proxyCalls(setup)).toBe(1);
	});

	test('row 10: a caller that may not delegate is HTTP 403 tool call failed, as the platform words it', async () => {
		const workspaces = org();
		workspaces[0] = { ...workspaces[0]!, canDelegate: false };
		const setup = devClient(workspaces);
		const error = errorOf(await setup.client.sendMessage(target, 'hi'));
		expect(formatA2AError(error)).toBe(`[A2A_ERROR] HTTP 403: tool call failed [target=${setup.target(target)}]`);
	});
});

describe('waits the platform asks for (addendum §4.3 rows 11, 18, 22, 26, 27, 31; §2.4)', () => {
	test('row 11: a warming platform agent (503, Retry-After 5) is asked again after 5 s', async () => {
		const setup = devClient(org({ kind: 'platform', status: 'provisioning' }));
		const retries: number[] = [];
		const onRetry = ({ delayMs }: { delayMs: number }): void => {
			retries.push(delayMs);
			setup.platform.update(target, { status: 'online' });
		};
		const outcome = await drive(setup.client.sendMessage(target, 'hi', { onRetry }), setup.clock);
		expect(outcome).toMatchObject({ status: 'replied', text: 'echo: hi', attempts: 2 });
		expect(retries).toEqual([5000]);
	});

	test('row 18: a hibernated workspace (503 waking, Retry-After 15) answers the retry 15 s later', async () => {
		const setup = devClient(org({ status: 'hibernated' }));
		const outcome = await drive(setup.client.sendMessage(target, 'hi'), setup.clock);
		expect(outcome).toMatchObject({ status: 'replied', text: 'echo: hi', attempts: 2 });
		expect(setup.clock.now()).toBe(15_000);
	});

	test('row 22: a workspace re-registering (503 with retry_after_seconds 30 and no header) is asked again after 30 s', async () => {
		const agentFetch = async (request: Request): Promise<Response> => {
			const body = (await request.json()) as { id: string };
			return Response.json({ jsonrpc: '2.0', id: body.id, result: { parts: [{ kind: 'text', text: 'enrolled' }] } });
		};
		const setup = devClient(org({ agent: 'https://agent.example.com/a2a', inboundSecret: null }), { platform: { fetch: agentFetch } });
		const outcome = await drive(setup.client.sendMessage(target, 'hi'), setup.clock);
		expect(outcome).toMatchObject({ status: 'replied', text: 'enrolled', attempts: 2 });
		expect(setup.clock.now()).toBe(30_000);
	});

	test('row 26: an agent restarting (503 busy, Retry-After 30) is asked again after 30 s, not queued', async () => {
		const setup = devClient(org({ agent: agents.sequence({ restarting: true }, 'back') }));
		const outcome = await drive(setup.client.sendMessage(target, 'hi'), setup.clock);
		expect(outcome).toMatchObject({ status: 'replied', text: 'back', attempts: 2 });
		expect(setup.clock.now()).toBe(30_000);
		expect(setup.platform.queue).toEqual([]);
	});

	test('row 27: a busy agent whose queue write fails (503 busy, Retry-After 30) is asked again after 30 s', async () => {
		const setup = devClient(org({ agent: agents.sequence({ busy: true }, 'free now'), datastoreFailures: ['enqueue'] }));
		const outcome = await drive(setup.client.sendMessage(target, 'hi'), setup.clock);
		expect(outcome).toMatchObject({ status: 'replied', text: 'free now', attempts: 2 });
		expect(setup.clock.now()).toBe(30_000);
	});

	test('row 31: an agent gateway error on a dead container (503 restarting, Retry-After 15) is asked again after 15 s', async () => {
		const setup = devClient(org({ container: 'dead', agent: agents.httpStatus(502, { error: 'bad gateway' }) }));
		const onRetry = (): void => {
			setup.platform.update(target, { container: 'running' });
			setup.platform.setAgent(target, agents.reply('restarted'));
		};
		const outcome = await drive(setup.client.sendMessage(target, 'hi', { onRetry }), setup.clock);
		expect(outcome).toMatchObject({ status: 'replied', text: 'restarted', attempts: 2 });
		expect(setup.clock.now()).toBe(15_000);
	});

	test('the rate limit (429 with Retry-After) is waited out (§2.5)', async () => {
		const setup = devClient(org(), { platform: { rateLimit: 1 } });
		expect(await drive(setup.client.sendMessage(target, 'first'), setup.clock)).toMatchObject({ status: 'replied', attempts: 1 });
		const second = await drive(setup.client.sendMessage(target, 'second'), setup.clock);
		expect(second).toMatchObject({ status: 'replied', text: 'echo: second', attempts: 2 });
		expect(setup.clock.now()).toBe(60_000);
	});
});

describe('restarts the platform triggered, with no wait named (addendum §4.3 rows 21, 24)', () => {
	test('row 21: a stopped container (503 restarting, preflight) is asked again on the normal backoff', async () => {
		const setup = devClient(org({ container: 'stopped' }));
		const retries: number[] = [];
		const onRetry = ({ delayMs }: { delayMs: number }): void => {
			retries.push(delayMs);
			setup.platform.update(target, { container: 'running' });
		};
		const outcome = await drive(setup.client.sendMessage(target, 'hi', { onRetry }), setup.clock);
		expect(outcome).toMatchObject({ status: 'replied', text: 'echo: hi', attempts: 2 });
		expect(retries).toEqual([1000]);
	});

	test('row 24: a dispatch failure on a dead container (503 restarting) is asked again on the backoff until it answers', async () => {
		const setup = devClient(org({ container: 'dead', agent: agents.sequence({ unreachable: true }, { unreachable: true }, 'alive') }));
		const onRetry = ({ attempt }: { attempt: number }): void => {
			if (attempt === 2) setup.platform.update(target, { container: 'running' });
		};
		const outcome = await drive(setup.client.sendMessage(target, 'hi', { onRetry }), setup.clock);
		expect(outcome).toMatchObject({ status: 'replied', text: 'alive', attempts: 3 });
		expect(setup.clock.now()).toBe(1000 + 2000);
	});

	test('row 24: a container that stays dead fails after the attempts with the platform text', async () => {
		const setup = devClient(org({ container: 'dead', agent: () => ({ unreachable: true }) }));
		const outcome = await drive(setup.client.sendMessage(target, 'hi'), setup.clock);
		expect(errorOf(outcome)).toMatchObject({ status: 503, platformError: 'workspace agent unreachable — container restart triggered', attempts: 5 });
	});
});

describe('failures that are not retried (addendum §4.3 rows 13, 17, 19–22, 28–30, 32)', () => {
	test('row 13: the delivery-mode lookup failure (503, no wait) is not retried', async () => {
		const setup = devClient(org({ datastoreFailures: ['deliveryMode'] }));
		const outcome = await setup.client.sendMessage(target, 'hi');
		expect(errorOf(outcome)).toMatchObject({ status: 503, platformError: 'delivery-mode lookup failed; refusing to dispatch to avoid silent misrouting', retryAfterMs: undefined });
		expect(outcome.attempts).toBe(1);
		expect(proxyCalls(setup)).toBe(1);
	});

	test('row 17: an unknown target (a canvas-class caller) is HTTP 404 workspace not found', async () => {
		const setup = devClient(org(), { client: { token: adminToken } });
		expect(errorOf(await setup.client.sendMessage(id(0xdead), 'hi'))).toMatchObject({ status: 404, platformError: 'workspace not found' });
	});

	test('row 17: a failing URL lookup is HTTP 500 lookup failed', async () => {
		const setup = devClient(org({ datastoreFailures: ['url'] }));
		expect(errorOf(await setup.client.sendMessage(target, 'hi'))).toMatchObject({ status: 500, platformError: 'lookup failed' });
	});

	test('row 17: an agent URL that is not publicly routable is HTTP 502', async () => {
		const setup = devClient(org({ agent: 'http://169.254.169.254/a2a' }));
		expect(errorOf(await setup.client.sendMessage(target, 'hi'))).toMatchObject({ status: 502, platformError: 'workspace URL is not publicly routable' });
	});

	test('row 19: a provisioning workspace whose queue write fails is HTTP 503 workspace has no URL, not retried', async () => {
		const setup = devClient(org({ status: 'provisioning', agent: null, datastoreFailures: ['enqueue'] }));
		const outcome = await setup.client.sendMessage(target, 'hi');
		expect(errorOf(outcome)).toMatchObject({ status: 503, platformError: 'workspace has no URL', body: { status: 'provisioning' } });
		expect(outcome.attempts).toBe(1);
	});

	test('row 20: an offline workspace with no agent is HTTP 503 workspace has no URL, not retried', async () => {
		const setup = devClient(org({ status: 'offline', agent: null }));
		const outcome = await setup.client.sendMessage(target, 'hi');
		expect(errorOf(outcome)).toMatchObject({ status: 503, platformError: 'workspace has no URL', body: { status: 'offline' } });
		expect(outcome.attempts).toBe(1);
	});

	test('row 22: an external agent not yet enrolled in inbound auth is HTTP 503, not retried', async () => {
		const setup = devClient(org({ agent: 'https://agent.example.com/a2a', datastoreFailures: ['inboundSecret'] }), { platform: { fetch: async () => Response.json({}) } });
		const outcome = await setup.client.sendMessage(target, 'hi');
		expect(errorOf(outcome)).toMatchObject({ status: 503, platformError: 'workspace not yet enrolled in inbound auth (RFC #2312)' });
		expect(outcome.attempts).toBe(1);
	});

	test('row 28: an agent that cannot be reached is HTTP 502 failed to reach workspace agent, not retried', async () => {
		const setup = devClient(org({ agent: () => ({ unreachable: true }) }));
		const outcome = await setup.client.sendMessage(target, 'hi');
		expect(errorOf(outcome)).toMatchObject({ status: 502, platformError: 'failed to reach workspace agent' });
		expect(outcome.attempts).toBe(1);
	});

	test('row 29: a reply lost on the way is HTTP 502 with maxBytes 67108864 and delivery_confirmed in its body', async () => {
		const setup = devClient(org({ agent: () => ({ readFailure: true }) }));
		const error = errorOf(await setup.client.sendMessage(target, 'hi'));
		expect(error).toMatchObject({ status: 502, platformError: 'failed to read agent response', maxBytes: 67_108_864, body: { delivery_confirmed: true, truncated: false } });
	});

	test('row 30: an agent that answered 200 with an empty body is an AgentError, not an unexpected shape', async () => {
		const setup = devClient(org({ agent: agents.httpStatus(200) }));
		const outcome = await setup.client.sendMessage(target, 'hi');
		expect(errorOf(outcome)).toBeInstanceOf(AgentError);
		expect(formatA2AError(errorOf(outcome))).toBe('[A2A_ERROR] Agent error: agent returned empty response body');
		expect(await setup.client.sendText(target, 'again')).toBe('[A2A_ERROR] Agent error: agent returned empty response body');
	});

	test("row 32: an agent's own error status is an HttpError with its status and its string error", async () => {
		const setup = devClient(org({ agent: agents.httpStatus(500, { error: 'model crashed' }) }));
		const outcome = await setup.client.sendMessage(target, 'hi');
		expect(errorOf(outcome)).toMatchObject({ status: 500, platformError: 'model crashed' });
		expect(outcome.attempts).toBe(1);
	});
});

describe('accepted, not answered (addendum §1 #3; §4.3 rows 14, 15, 19, 27)', () => {
	test('row 14: a poll-mode target is a queued outcome with deliveryMode poll and the method', async () => {
		const setup = devClient(org({ deliveryMode: 'poll' }));
		const outcome = await setup.client.sendMessage(target, 'hi');
		expect(outcome).toEqual({ status: 'queued', deliveryMode: 'poll', method: 'message/send', attempts: 1, messageId: expect.any(String) as unknown });
		expect(await setup.client.sendText(target, 'hi')).toBe(`[A2A_QUEUED] target=${target} method=message/send`);
	});

	test('row 15: a message during a platform boot turn is a queued outcome with its queue id and depth', async () => {
		const setup = devClient(org({ bootTurn: true }));
		const outcome = await setup.client.sendMessage(target, 'hi');
		const [item] = setup.platform.queue;
		expect(outcome).toEqual({ status: 'queued', method: 'message/send', queueId: item?.queueId, queueDepth: 1, attempts: 1, messageId: item?.idempotencyKey });
	});

	test('row 19: a provisioning workspace with no agent yet queues the message: 202 with queue id, depth and the platform message', async () => {
		const setup = devClient(org({ status: 'provisioning', agent: null }));
		const outcome = await setup.client.sendMessage(target, 'hi');
		expect(outcome).toMatchObject({
			status: 'queued',
			queueId: setup.platform.queue[0]?.queueId,
			queueDepth: 1,
			platformMessage: 'workspace agent busy — request queued, will dispatch when capacity available',
		});
	});

	test('row 27: a busy agent queues the message (202), and sendText gives the [A2A_QUEUED] line', async () => {
		const setup = devClient(org({ agent: agents.busy() }));
		expect(await setup.client.sendMessage(target, 'hi')).toMatchObject({ status: 'queued', queueId: setup.platform.queue[0]?.queueId, queueDepth: 1 });
		expect(await setup.client.sendText(target, 'hi')).toBe(`[A2A_QUEUED] target=${target} method=message/send`);
	});
});

describe('replies (addendum §4.3 rows 16, 33)', () => {
	test('row 16: a mock runtime answers with its synthetic reply', async () => {
		const setup = devClient(org({ runtime: 'mock' }));
		expect(await setup.client.sendMessage(target, 'ping')).toMatchObject({ status: 'replied', text: 'mock reply: ping' });
	});

	test("row 33: an agent's 2xx is its reply", async () => {
		const setup = devClient(org());
		expect(await setup.client.sendMessage(target, 'hi')).toMatchObject({ status: 'replied', text: 'echo: hi', attempts: 1 });
	});
});

describe('the 16 MiB request limit (addendum §4.1, §4.3 row 1)', () => {
	/** The length of the text that makes the client's `message/send` body exactly `bytes` long. */
	function textFor(bytes: number): number {
		const uuid = '00000000-0000-4000-8000-000000000000';
		const envelope = { jsonrpc: '2.0', id: uuid, method: 'message/send', params: { message: { role: 'user', messageId: uuid, parts: [{ kind: 'text', text: '' }] } } };
		return bytes - JSON.stringify(envelope).length;
	}

	test('a message whose body is exactly 16 MiB reaches the agent', async () => {
		const setup = devClient(org({ agent: agents.reply('received') }));
		const outcome = await setup.client.sendMessage(target, 'x'.repeat(textFor(16 * 1024 * 1024)));
		expect(outcome).toMatchObject({ status: 'replied', text: 'received' });
	});

	test('one byte more is an InvalidMessageError, with no request made', async () => {
		const setup = devClient(org({ agent: agents.reply('received') }));
		const outcome = await setup.client.sendMessage(target, 'x'.repeat(textFor(16 * 1024 * 1024 + 1)));
		expect(errorOf(outcome)).toBeInstanceOf(InvalidMessageError);
		expect(errorOf(outcome).message).toBe('invalid message: is 16777217 bytes as JSON; the platform proxy accepts at most 16777216');
		expect(setup.platform.requests).toEqual([]);
	});
});

describe('TenantGuard (addendum §2.3)', () => {
	test('a platform serving one organisation refuses a client without orgId: a ConfigError naming orgId, not retried', async () => {
		const setup = devClient(org(), { platform: { orgId: 'org-1' } });
		const outcome = await setup.client.sendMessage(target, 'hi');
		const error = errorOf(outcome);
		expect(error).toBeInstanceOf(ConfigError);
		expect(error).toMatchObject({ field: 'orgId', cause: { name: 'HttpError', status: 400 } });
		expect(formatA2AError(error)).toBe(
			`[A2A_ERROR] ConfigError: orgId must be set: the platform serves one organisation and refused a request without X-Molecule-Org-Id (HTTP 400 TENANT_ORG_HEADER_REQUIRED) [target=${setup.target(target)}]`,
		);
		expect(outcome.attempts).toBe(1);
	});

	test('with orgId set the same platform answers', async () => {
		const setup = devClient(org(), { platform: { orgId: 'org-1' }, client: { orgId: 'org-1' } });
		expect(await setup.client.sendMessage(target, 'hi')).toMatchObject({ status: 'replied', text: 'echo: hi' });
	});

	test('lookups without orgId say orgId must be set, instead of "not found" or a bare HTTP 400', async () => {
		const setup = devClient(org(), { platform: { orgId: 'org-1' } });
		const refusal = 'orgId must be set: the platform serves one organisation and refused a request without X-Molecule-Org-Id (HTTP 400 TENANT_ORG_HEADER_REQUIRED)';
		expect(await setup.client.listPeers()).toEqual({ peers: [], diagnostic: refusal });
		expect(await setup.client.getWorkspaceInfo()).toEqual({ error: refusal });
		expect(await setup.client.discoverPeer(target)).toBeNull();
	});

	test('another organisation id is HTTP 404 with no error message', async () => {
		const setup = devClient(org(), { platform: { orgId: 'org-1' }, client: { orgId: 'org-2' } });
		expect(errorOf(await setup.client.sendMessage(target, 'hi'))).toMatchObject({ name: 'HttpError', status: 404, platformError: undefined });
	});
});

describe('a removed workspace (addendum §9.12)', () => {
	test("getWorkspaceInfo keeps the platform's 410 hint, whose text changed", async () => {
		const workspaces = org();
		workspaces[0] = { ...workspaces[0]!, status: 'removed', removedAt: '2026-07-01T00:00:00Z' };
		const setup = devClient(workspaces);
		expect(await setup.client.getWorkspaceInfo()).toEqual({
			error: 'removed',
			id: lead,
			removed_at: '2026-07-01T00:00:00Z',
			hint: 'Create a replacement workspace in Canvas, then open Settings → Workspace Tokens → + New Token',
		});
	});
});
