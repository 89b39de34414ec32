// Client → dev platform (over real HTTP on 127.0.0.1) → agent, for every outcome the client must read.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createA2AClient, formatA2AError, type A2AClient, type FetchFunction } from '../../src/index.js';
import { agents, createDevPlatform, type DevPlatform } from '../../src/dev/index.js';
import { serve, type RunningServer } from '../../src/node/index.js';
import { drive, FakeClock } from '../helpers/fake-clock.js';
import { sequentialUuid } from '../helpers/ids.js';

const ids = {
	parent: '30000000-0000-4000-8000-000000000001',
	echo: '30000000-0000-4000-8000-000000000002',
	researcher: '30000000-0000-4000-8000-000000000003',
	flaky: '30000000-0000-4000-8000-000000000004',
	busy: '30000000-0000-4000-8000-000000000005',
	archived: '30000000-0000-4000-8000-000000000006',
	finance: '30000000-0000-4000-8000-000000000007',
	auditor: '30000000-0000-4000-8000-000000000008',
};

let platform: DevPlatform;
let server: RunningServer;
let inFlight = 0;

/** The real fetch, counting requests in flight so fake time only moves while none is. */
const countingFetch: FetchFunction = async (request) => {
	inFlight++;
	try {
		return await fetch(request);
	} finally {
		inFlight--;
	}
};

function client(workspaceId = ids.parent, token: string | undefined = 'tok-parent'): { client: A2AClient; clock: FakeClock } {
	const clock = new FakeClock();
	return { client: createA2AClient({ workspaceId, platformUrl: server.url, token, fetch: countingFetch, clock, random: () => 0.5, uuid: sequentialUuid() }), clock };
}

beforeAll(async () => {
	platform = createDevPlatform({
		workspaces: [
			{ id: ids.parent, name: 'Orchestrator', role: 'coordinator', tokens: ['tok-parent'] },
			{ id: ids.echo, name: 'Echo', role: 'echo', parentId: ids.parent, agent: agents.echo() },
			{ id: ids.researcher, name: 'Researcher', role: 'research', parentId: ids.parent, agent: agents.task('three papers found') },
			{ id: ids.flaky, name: 'Flaky', parentId: ids.parent, agent: agents.jsonRpcError(-32603, 'model quota exhausted') },
			{ id: ids.busy, name: 'Busy', parentId: ids.parent, agent: agents.busy() },
			{ id: ids.archived, name: 'Archived', parentId: ids.parent, status: 'removed', removedAt: '2026-11-01T00:00:00Z' },
			{ id: ids.finance, name: 'Finance' },
			{ id: ids.auditor, name: 'Auditor', parentId: ids.finance, agent: agents.echo() },
		],
	});
	server = await serve(platform.fetch, { host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
	await server.close();
});

describe('over HTTP against the dev platform', () => {
	test('discover resolves a child to its record', async () => {
		expect(await client().client.discoverPeer(ids.echo)).toEqual({ id: ids.echo, url: `http://ws-${ids.echo.slice(0, 12)}:8000`, name: 'Echo' });
	});

	test('discover of a workspace outside the hierarchy is null, the platform having answered 403', async () => {
		expect(await client().client.discoverPeer(ids.auditor)).toBeNull();
		expect(platform.requests.at(-1)).toMatchObject({ path: `/registry/discover/${ids.auditor}`, status: 403 });
	});

	test('peers lists root siblings and children, filtered by q', async () => {
		const { client: caller } = client();
		expect((await caller.getPeers()).map((peer) => peer.name).sort()).toEqual(['Busy', 'Echo', 'Finance', 'Flaky', 'Researcher']);
		expect(await caller.listPeers({ q: 'RESEARCH' })).toEqual({ peers: [expect.objectContaining({ id: ids.researcher, role: 'research' })], diagnostic: null });
	});

	test('peers with a wrong token gives the authentication diagnostic', async () => {
		expect((await client(ids.parent, 'wrong-token').client.listPeers()).diagnostic).toMatch(/^Authentication to platform failed \(HTTP 401\)/);
	});

	test('info returns this workspace', async () => {
		expect(await client().client.getWorkspaceInfo()).toMatchObject({ id: ids.parent, name: 'Orchestrator', status: 'online', parent_id: null });
	});

	test('info of a removed workspace is the 410 removed shape', async () => {
		expect(await client(ids.archived, undefined).client.getWorkspaceInfo()).toEqual({
			error: 'removed',
			id: ids.archived,
			removed_at: '2026-11-01T00:00:00Z',
			hint: 'Regenerate workspace + token from the canvas → Tokens tab',
		});
	});

	test('a text reply comes back through the proxy, with the caller identified to the agent', async () => {
		const outcome = await client().client.sendMessage(ids.echo, 'hello over http');
		expect(outcome).toMatchObject({ status: 'replied', text: 'echo: hello over http', attempts: 1 });
		expect(platform.requests.at(-1)?.headers['x-workspace-id']).toBe(ids.parent);
	});

	test('a Task reply is read from its artifacts', async () => {
		expect(await client().client.sendMessage(ids.researcher, 'research')).toMatchObject({ status: 'replied', text: 'three papers found', taskState: 'completed' });
	});

	test('a JSON-RPC error reaches the caller as its [A2A_ERROR] string', async () => {
		expect(await client().client.sendText(ids.flaky, 'x')).toBe(`[A2A_ERROR] model quota exhausted (code=-32603) [target=${server.url}/workspaces/${ids.flaky}/a2a]`);
	});

	test('a message outside the hierarchy is refused with 403', async () => {
		const outcome = await client().client.sendMessage(ids.auditor, 'x');
		expect(outcome.status === 'failed' && formatA2AError(outcome.error)).toBe(
			`[A2A_ERROR] HTTP 403: access denied: workspaces cannot communicate per hierarchy rules [target=${server.url}/workspaces/${ids.auditor}/a2a]`,
		);
	});

	test('a busy agent queues the message, and a retry with the same messageId keeps its queue slot', async () => {
		const { client: caller } = client();
		const first = await caller.sendMessage(ids.busy, 'when you can');
		expect(first).toMatchObject({ status: 'queued', queueDepth: 1 });
		const queued = platform.queue.filter((item) => item.workspaceId === ids.busy);
		expect(queued).toHaveLength(1);
		expect(queued[0]?.idempotencyKey).toBe(first.messageId);
	});

	test('retries after the platform drops connections, with the same messageId each time', async () => {
		const { client: caller, clock } = client();
		const before = platform.requests.length;
		platform.dropConnections(2);
		const outcome = await drive(caller.sendMessage(ids.echo, 'persist'), clock, () => inFlight > 0);
		expect(outcome).toMatchObject({ status: 'replied', text: 'echo: persist', attempts: 3 });
		expect(clock.now()).toBe(3000);
		const attempts = platform.requests.slice(before);
		expect(attempts.at(-1)).toMatchObject({ status: 200 });
	});

	test('the agent-card URL names the discover endpoint', () => {
		expect(client().client.agentCardUrl(ids.echo.toUpperCase())).toBe(`${server.url}/registry/discover/${ids.echo}`);
	});
});
