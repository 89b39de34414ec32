import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createDevPlatform, demoOrg, type AgentHandler, type DevPlatform } from '../../src/dev/index.js';
import { createA2AClient } from '../../src/index.js';
import { serve, type RunningServer } from '../../src/node/index.js';
import { ensureBuilt } from '../cli/build.js';
import { finished, firstLine, spawnCli, stop, type Finished } from '../cli/process.js';

beforeAll(ensureBuilt, 180_000);

const org = demoOrg();
const inbox = org.ids['inbox'] as string;
const echo = org.ids['echo'] as string;

/** Polls `check` every 50 ms (real time: the agent is another process) until it is true or `ms` pass. */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const step of cleanup.reverse()) await step();
	cleanup = [];
});

describe('examples/deno-agent', () => {
	test('the poll-mode agent answers a peer through the proxy and a person with a notify, then stops', async () => {
		const platform: DevPlatform = createDevPlatform({ workspaces: org.workspaces, adminToken: org.adminToken });
		// The peer (Echo) records what reaches it, as its runtime would receive the agent's reply.
		const received: string[] = [];
		const recorder: AgentHandler = (request) => {
			const params = request.params as { message?: { parts?: { text?: string }[] } } | undefined;
			received.push((params?.message?.parts ?? []).map((part) => part.text ?? '').join(''));
			return 'thanks';
		};
		platform.setAgent(echo, recorder);
		const server: RunningServer = await serve(platform.fetch, { host: '127.0.0.1', port: 0 });
		cleanup.push(() => server.close());

		const agent = spawnCli(['run', '--allow-net', '--allow-env', '--allow-read', 'examples/deno-agent/main.ts', '--messages', '2', '--timeout', '30'], {
			command: ['deno'],
			env: { PLATFORM_URL: server.url, WORKSPACE_ID: inbox, MOLECULE_WORKSPACE_TOKEN: 'dev-token-inbox' },
		});
		const exited: Promise<Finished> = finished(agent);
		cleanup.push(async () => void (await stop(agent, 'SIGKILL')));
		await firstLine(agent, /polling its inbox/);
		await until(() => platform.requests.some((request) => request.path === '/registry/register'), 10_000, 'the registration');

		// As a peer: poll mode, so the send is queued; the reply comes back through the proxy.
		const peer = createA2AClient({ workspaceId: echo, platformUrl: server.url, token: 'dev-token-echo' });
		const outcome = await peer.sendMessage(inbox, 'hello from a peer');
		expect(outcome.status).toBe('queued');

		// As a person at the canvas (the admin token): the reply is a notify row on the agent's workspace.
		const human = await fetch(`${server.url}/workspaces/${inbox}/a2a`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${org.adminToken}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ jsonrpc: '2.0', id: 'canvas-1', method: 'message/send', params: { message: { role: 'user', messageId: 'canvas-message-1', parts: [{ kind: 'text', text: 'hello from a person' }] } } }),
		});
		expect(human.ok).toBe(true);
		await human.body?.cancel();

		const result = await Promise.race([
			exited,
			new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the agent did not stop after two messages')), 20_000)),
		]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('< Echo: hello from a peer');
		expect(result.stdout).toContain('< a person: hello from a person');
		expect(result.stdout).toContain('Answered 2 messages');
		expect(received).toEqual(['agent: hello from a peer']);
		const notifies = platform.activity.filter((row) => row.workspace_id === inbox && row.method === 'notify').map((row) => row.response_body);
		expect(notifies).toEqual([{ result: 'agent: hello from a person' }]);
	}, 60_000);
});
