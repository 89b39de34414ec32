// Client → dev platform (over real HTTP on 127.0.0.1) → agent, for every outcome the client must read.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createA2AClient, formatA2AError, type A2AClient, type FetchFunction } from '../../src/index.js';
import { createDevPlatform, demoOrg, type DevPlatform } from '../../src/dev/index.js';
import { serve, type RunningServer } from '../../src/node/index.js';
import { drive, FakeClock } from '../helpers/fake-clock.js';
import { sequentialUuid } from '../helpers/ids.js';

// The one demo organisation (src/dev/demo.ts), shared with the CLI, the examples and the conformance suite.
const org = demoOrg();
const ids = {
	parent: org.caller,
	echo: demoId('echo'),
	researcher: demoId('researcher'),
	flaky: demoId('flaky'),
	busy: demoId('busy'),
	archived: demoId('archived'),
	auditor: demoId('auditor'),
};

function demoId(name: string): string {
	const id = org.ids[name];
	if (id === undefined) throw new Error(`no demo workspace '${name}'`);
	return id;
}

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

function client(workspaceId = ids.parent, token: string | undefined = 'dev-token-orchestrator'): { client: A2AClient; clock: FakeClock } {
	const clock = new FakeClock();
	return { client: createA2AClient({ workspaceId, platformUrl: server.url, token, fetch: countingFetch, clock, random: () => 0.5, uuid: sequentialUuid() }), clock };
}

beforeAll(async () => {
	platform = createDevPlatform({ workspaces: org.workspaces, adminToken: org.adminToken });
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

	// Updated for addendum §1 #5: a root's peers are its children; the second root is another organisation.
	test('peers lists the children of a root, filtered by q', async () => {
		const { client: caller } = client();
		expect((await caller.getPeers()).map((peer) => peer.name).sort()).toEqual(['Busy', 'Crasher', 'Echo', 'Flaky', 'Inbox', 'Researcher', 'Sleeper']);
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
			removed_at: '2026-01-01T00:00:00Z',
			// Updated for addendum §9.12: the platform's hint text changed.
			hint: 'Create a replacement workspace in Canvas, then open Settings → Workspace Tokens → + New Token',
		});
	});

	test('a text reply comes back through the proxy, with the caller identified to the agent', async () => {
		const outcome = await client().client.sendMessage(ids.echo, 'hello over http');
		expect(outcome).toMatchObject({ status: 'replied', text: 'echo: hello over http', attempts: 1 });
		expect(platform.requests.at(-1)?.headers['x-workspace-id']).toBe(ids.parent);
	});

	test('a Task reply is read from its artifacts', async () => {
		expect(await client().client.sendMessage(ids.researcher, 'research')).toMatchObject({
			status: 'replied',
			text: 'Findings: the platform routes every message through its A2A proxy.',
			taskState: 'completed',
		});
	});

	test('a JSON-RPC error reaches the caller as its [A2A_ERROR] string', async () => {
		expect(await client().client.sendText(ids.flaky, 'x')).toBe(
			`[A2A_ERROR] Internal error: model quota exhausted (code=-32603) [target=${server.url}/workspaces/${ids.flaky}/a2a]`,
		);
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
