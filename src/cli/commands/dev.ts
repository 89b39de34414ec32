import { parseArgs } from 'node:util';
import { createDevPlatform, type DevPlatform, type DevWorkspace } from '../../dev/index.js';
import { serve, type RunningServer } from '../../node/index.js';
import { parseUsage, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { cliCommand } from '../invocation.js';
import { exitCode, formatTable, printError, printJson, printLine } from '../output.js';
import { runChild } from '../run-child.js';
import { loadSeed, type Seed } from '../seed.js';
import { onStopSignals } from '../signals.js';

const help = `Usage: molecule-a2a dev [--port 8080] [--host 127.0.0.1] [--seed demo|FILE.json] [--json] [-- <command> [args…]]

Serves the dev platform: the Molecule AI platform endpoints over an in-memory organisation, with
agents that echo, reply, fail or stay busy on purpose. Prints the platform URL, the admin token
(the credential of canvas-class calls, as a human at the canvas makes them) and, for every
workspace, its id, name, role, token and agent behaviour. Stops on Ctrl-C (SIGINT) or SIGTERM.

With -- <command>, runs the command with PLATFORM_URL, WORKSPACE_ID (the caller: the demo's
Orchestrator, or the first workspace of the seed file) and MOLECULE_WORKSPACE_TOKEN set, then
stops the platform and exits with the command's exit code. The port then defaults to a free one,
and the listing is replaced by one line on stderr, leaving stdout to the command.

  --port PORT          port to listen on (default 8080; 0 picks a free port)
  --host HOST          interface to bind (default 127.0.0.1)
  --seed demo|FILE     the demo organisation (default), or a JSON array of workspaces:
                       { "id", "name", "role"?, "parentId"?, "status"?, "tokens"?, "description"?,
                         "agent"?: { "echo": true } | { "reply": "text" } | { "task": "text" }
                                 | { "jsonRpcError": [code, "message"] } | { "agentError": "message" }
                                 | { "httpStatus": [status, body?] } | { "busy": true } | { "url": "http://…" } }
  --json               print one JSON line { "platformUrl", "adminToken", "workspaces": [{ "id", "name", "role", "token", "agent" }] }
  -h, --help           show this help`;

const options = {
	port: { type: 'string' },
	host: { type: 'string' },
	seed: { type: 'string' },
	json: { type: 'boolean' },
	help: { type: 'boolean', short: 'h' },
} as const;

const optionsWithValue = new Set(['--port', '--host', '--seed']);

/** Splits `dev`'s own flags from the command to run, which starts after `--` or at the first positional. */
function splitCommand(argv: readonly string[]): { flags: string[]; command: string[] } {
	for (let index = 0; index < argv.length; index++) {
		const token = argv[index] ?? '';
		if (token === '--') {
			// Without a command, `--` would start a server nobody asked for; say what it is for.
			if (index === argv.length - 1) throw new UsageError('-- needs a command to run against the platform (e.g. -- npm test)');
			return { flags: argv.slice(0, index), command: argv.slice(index + 1) };
		}
		if (!token.startsWith('-')) return { flags: argv.slice(0, index), command: argv.slice(index) };
		if (optionsWithValue.has(token)) index++;
	}
	return { flags: [...argv], command: [] };
}

function portOption(value: string | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
	if (!(port >= 0 && port <= 65_535)) throw new UsageError(`--port must be a number from 0 to 65535, got '${value}'`);
	return port;
}

interface WorkspaceSummary {
	id: string;
	name: string;
	role: string | null;
	token: string | null;
	agent: string | null;
}

function summaryOf(workspace: DevWorkspace): WorkspaceSummary {
	return {
		id: workspace.id,
		name: workspace.name,
		role: workspace.role ?? null,
		token: workspace.tokens?.[0] ?? null,
		agent: workspace.description ?? (typeof workspace.agent === 'string' ? `proxies to ${workspace.agent}` : null),
	};
}

function printReady(url: string, seed: Seed): void {
	printLine(`Dev platform running at ${url} (Ctrl-C to stop)`);
	printLine();
	const rows = seed.workspaces.map(summaryOf).map((summary) => [summary.id, summary.name, summary.role ?? '-', summary.token ?? '-', summary.agent ?? '-']);
	for (const line of formatTable(['ID', 'NAME', 'ROLE', 'TOKEN', 'AGENT'], rows)) printLine(line);
	printLine();
	printLine(`Speak as ${seed.caller.name}:`);
	const token = seed.caller.tokens?.[0];
	printLine(`  export PLATFORM_URL=${url} WORKSPACE_ID=${seed.caller.id}${token ? ` MOLECULE_WORKSPACE_TOKEN=${token}` : ''}`);
	printLine(`  ${cliCommand()} peers`);
	printLine();
	printLine('Call as the canvas (a human, canvas-class: no hierarchy check, push-async after 90 s):');
	printLine(`  Authorization: Bearer ${seed.adminToken}`);
	printLine(`  live events: ${url}/workspaces/<id>/events/stream (SSE), ${url.replace(/^http/, 'ws')}/ws (all, WebSocket)`);
	printLine(`  a browser session: POST ${url}/dev/session with that header sets the molecule_dev_session cookie`);
}

async function listen(platform: DevPlatform, host: string, port: number): Promise<RunningServer> {
	try {
		// The platform's /ws too (docs/platform-contract.md §15.4): the canvas listens there.
		return await serve(platform.fetch, { host, port, webSocket: platform.webSocket });
	} catch (error) {
		const code = (error as { code?: string }).code;
		throw new UsageError(`cannot listen on ${host}:${port}: ${code === 'EADDRINUSE' ? 'the port is in use (try --port 0)' : (code ?? String(error))}`);
	}
}

/** Serves until SIGINT or SIGTERM. */
async function serveUntilStopped(server: RunningServer, seed: Seed, json: boolean): Promise<number> {
	const signals = onStopSignals(() => {});
	if (json) printJson({ platformUrl: server.url, adminToken: seed.adminToken, workspaces: seed.workspaces.map(summaryOf) });
	else printReady(server.url, seed);
	await signals.first;
	signals.dispose();
	await server.close();
	if (!json) printError('Dev platform stopped.');
	return exitCode.ok;
}

/** Runs `command` against the platform as the seed's caller, then stops the platform. */
async function runAgainst(server: RunningServer, seed: Seed, command: readonly string[]): Promise<number> {
	const { caller } = seed;
	printError(`molecule-a2a dev: platform at ${server.url}; running ${command.join(' ')} as ${caller.name} (${caller.id})`);
	try {
		return await runChild(command, { PLATFORM_URL: server.url, WORKSPACE_ID: caller.id, MOLECULE_WORKSPACE_TOKEN: caller.tokens?.[0] });
	} finally {
		await server.close();
	}
}

export const devCommand: Command = {
	name: 'dev',
	summary: 'serve the dev platform (optionally around one command)',
	help,
	async run(argv) {
		const { flags, command } = splitCommand(argv);
		const { values } = parseUsage(() => parseArgs({ args: flags, options, allowPositionals: false, tokens: true }));
		const port = portOption(values.port, command.length > 0 ? 0 : 8080);
		const seed = await loadSeed(values.seed ?? 'demo');
		const platform = createDevPlatform({ workspaces: seed.workspaces, adminToken: seed.adminToken, corsOrigins: '*' });
		const listening = await listen(platform, values.host ?? '127.0.0.1', port);
		// Closing the platform too ends the dispatches still running, so no agent's delay holds the process.
		const server: RunningServer = { ...listening, close: async () => (await listening.close(), await platform.close()) };
		return command.length > 0 ? runAgainst(server, seed, command) : serveUntilStopped(server, seed, values.json === true);
	},
};
