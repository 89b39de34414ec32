import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createDevPlatform, demoOrg, type DemoOrg, type DevPlatform } from '../../dev/index.js';
import { createA2AClient, formatA2AError, formatA2AQueued, isRemovedWorkspace, type A2AClient, type SendOutcome } from '../../index.js';
import { serve } from '../../node/index.js';
import { parseUsage, refuseExtraPositionals } from '../args.js';
import type { Command } from '../command.js';
import { hintForFailure } from '../../hints.js';
import { cliCommand } from '../invocation.js';
import { exitCode, printLine } from '../output.js';
import { retryProgress } from '../progress.js';

const help = `Usage: molecule-a2a demo

Starts the dev platform on a free 127.0.0.1 port and walks through the client in a few seconds:
listing peers, discovering one, replies from the echo and research agents, retries after dropped
connections, a queued message, a refused one with its canvas hint, and a removed workspace.

  -h, --help           show this help`;

interface Demo {
	org: DemoOrg;
	platform: DevPlatform;
	client: A2AClient;
	clientFor(workspace: string): A2AClient;
	id(name: string): string;
}

const indent = (line: string): void => printLine(`   ${line}`);

/** A one-line account of a send, in the words an agent would get back. */
function outcomeLines(outcome: SendOutcome, peerId: string): string[] {
	if (outcome.status === 'replied') {
		const state = outcome.taskState === undefined ? '' : ` (task ${outcome.taskState})`;
		const attempts = outcome.attempts > 1 ? ` after ${outcome.attempts} attempts` : '';
		return [`< ${outcome.text}${state}${attempts}`];
	}
	if (outcome.status === 'queued') {
		return [formatA2AQueued(peerId), `(queue depth ${outcome.queueDepth ?? '?'}: the platform delivers it when the agent is free)`];
	}
	return [formatA2AError(outcome.error), `hint: ${hintForFailure(outcome.error)}`];
}

async function send(demo: Demo, name: string, text: string): Promise<void> {
	const peerId = demo.id(name);
	indent(`> ${text}`);
	const outcome = await demo.client.sendMessage(peerId, text, { onRetry: (event) => indent(retryProgress(event)) });
	for (const line of outcomeLines(outcome, peerId)) indent(line);
}

const steps: readonly { title: string; run(demo: Demo): Promise<void> }[] = [
	{
		title: 'List the peers of the Orchestrator',
		async run({ client, org }) {
			const { peers, diagnostic } = await client.listPeers();
			if (diagnostic) indent(diagnostic);
			for (const peer of peers) {
				const description = org.workspaces.find((workspace) => workspace.id === peer.id)?.description ?? '';
				indent(`${(peer.name ?? peer.id).padEnd(10)}  ${(peer.status ?? '').padEnd(10)}  ${description}`);
			}
		},
	},
	{
		title: 'Discover the Echo agent',
		async run({ client, id }) {
			const peer = await client.discoverPeer(id('echo'));
			indent(peer ? `${peer.name ?? '?'} (${peer.id}) at ${peer.url ?? 'no URL'}` : 'not found');
		},
	},
	{ title: 'Send a message to Echo', run: (demo) => send(demo, 'echo', 'hello from the demo') },
	{
		title: 'Send again while the platform drops the first 2 connections (retry.baseDelayMs 100)',
		async run(demo) {
			demo.platform.dropConnections(2);
			await send(demo, 'echo', 'are you still there?');
		},
	},
	{ title: 'Ask the Researcher, who answers with a Task', run: (demo) => send(demo, 'researcher', 'how do messages reach an agent?') },
	{ title: 'Message the Busy agent: the platform queues it', run: (demo) => send(demo, 'busy', 'when you have a minute') },
	{ title: "Message the Auditor, outside the Orchestrator's hierarchy: refused", run: (demo) => send(demo, 'auditor', 'may I see the books?') },
	{
		title: 'Ask for the info of the removed Archived workspace',
		async run({ clientFor }) {
			const info = await clientFor('archived').getWorkspaceInfo();
			if (isRemovedWorkspace(info)) {
				indent(`HTTP 410 removed: id=${info.id ?? '?'} removed_at=${info.removed_at ?? '?'}`);
				indent(`hint: ${info.hint ?? '(none)'}`);
			} else indent(JSON.stringify(info));
		},
	},
];

export const demoCommand: Command = {
	name: 'demo',
	summary: 'a guided tour of the client against the dev platform',
	help,
	async run(argv) {
		const { positionals } = parseUsage(() => parseArgs({ args: [...argv], options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, tokens: true }));
		refuseExtraPositionals(positionals, 0);
		const started = performance.now();
		const org = demoOrg();
		const platform = createDevPlatform({ workspaces: org.workspaces, adminToken: org.adminToken, corsOrigins: '*' });
		const server = await serve(platform.fetch, { host: '127.0.0.1', port: 0 });
		const id = (name: string): string => org.ids[name] ?? name;
		// A short backoff and no jitter keep the tour quick and its report the same on every run.
		const clientFor = (name: string): A2AClient =>
			createA2AClient({ workspaceId: id(name), platformUrl: server.url, token: `dev-token-${name}`, retry: { baseDelayMs: 100 }, random: () => 0.5 });
		const demo: Demo = { org, platform, client: clientFor('orchestrator'), clientFor, id };
		try {
			printLine(`Dev platform at ${server.url}, speaking as the Orchestrator (${org.caller}).`);
			for (const [index, step] of steps.entries()) {
				const stepStarted = performance.now();
				printLine();
				printLine(`${index + 1}. ${step.title}`);
				await step.run(demo);
				indent(`(${Math.round(performance.now() - stepStarted)} ms)`);
			}
		} finally {
			await server.close();
			// Ends what the tour left running on the platform (a queued turn's dispatch), timers included.
			await platform.close();
		}
		printLine();
		printLine(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s. Run \`${cliCommand()} dev\` to keep a platform running and try the other commands.`);
		return exitCode.ok;
	},
};
