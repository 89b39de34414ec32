// Runs src/worker.ts, a push-mode agent, locally under workerd (the Cloudflare Workers runtime), with
// no wrangler.toml. Its bindings WORKSPACE_ID, PLATFORM_URL and MOLECULE_WORKSPACE_TOKEN come from this
// process's environment, which `molecule-a2a dev -- …` sets; AGENT_URL is the Worker's loopback URL.
// workerd runs no Cron Triggers, so a second, internal worker stands in for them: each POST to the
// printed cron URL calls the agent's `scheduled` handler once (a heartbeat). After `npm run build`:
//   npx molecule-a2a dev --seed examples/worker-agent/seed.json -- node examples/worker-agent/run.mjs --try
//   npx molecule-a2a dev --seed examples/worker-agent/seed.json -- node examples/worker-agent/run.mjs
// Options: --port N (default: a free port), --try (message the agent once as the seed's Peer, then exit).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const here = import.meta.dirname;
const root = resolve(here, '../..');
const scratch = join(root, '.tmp', 'worker-agent');
const bindingNames = ['WORKSPACE_ID', 'PLATFORM_URL', 'MOLECULE_WORKSPACE_TOKEN', 'AGENT_URL'];

/** Bundles the worker for workerd, taking the package from the built dist/ files. */
async function bundleWorker(outfile) {
	await build({
		entryPoints: [join(here, 'src', 'worker.ts')],
		outfile,
		bundle: true,
		format: 'esm',
		platform: 'neutral',
		target: 'es2022',
		mainFields: ['module', 'main'],
		conditions: ['workerd', 'worker', 'browser'],
		// 'error': esbuild warns that dist/ imports valibot bare, which the bundle rightly drops.
		logLevel: 'error',
		tsconfigRaw: {},
		plugins: [
			{
				name: 'built-package',
				setup(context) {
					context.onResolve({ filter: /^@molecule-ai\/a2a-client\/agent$/ }, () => ({ path: join(root, 'dist', 'agent.js') }));
				},
			},
		],
	});
}

/** The Cron Trigger's stand-in: `POST /` runs the agent's `scheduled` handler once and answers its outcome. */
const cronWorker = `export default {
	async fetch(request, env) {
		if (request.method !== 'POST') return new Response('POST to run the scheduled handler once', { status: 405 });
		const result = await env.AGENT.scheduled({ cron: '*/1 * * * *', scheduledTime: Date.now() });
		return Response.json({ outcome: result.outcome }, { status: result.outcome === 'ok' ? 200 : 500 });
	},
};
`;

async function freePort() {
	const server = createServer();
	await new Promise((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address();
	await new Promise((done) => server.close(done));
	return port;
}

/** workerd's configuration: the agent with its text bindings, the cron stand-in, and loopback fetches allowed. */
function capnpConfig(port, cronPort, env) {
	const bindings = bindingNames
		.filter((name) => env[name])
		.map((name) => `    (name = "${name}", text = ${JSON.stringify(env[name])}),`)
		.join('\n');
	return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .agent),
    (name = "cron", worker = .cron),
    (name = "internet", network = (allow = ["local", "public"])),
  ],
  sockets = [
    (name = "http", address = "127.0.0.1:${port}", http = (), service = "main"),
    (name = "cron", address = "127.0.0.1:${cronPort}", http = (), service = "cron"),
  ],
);

const agent :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "worker.js") ],
  compatibilityDate = "2026-10-01",
  bindings = [
${bindings}
  ],
);

const cron :Workerd.Worker = (
  modules = [ (name = "cron", esModule = embed "cron.js") ],
  compatibilityDate = "2026-10-01",
  compatibilityFlags = ["service_binding_extra_handlers"],
  bindings = [ (name = "AGENT", service = "main") ],
);
`;
}

/** Waits for workerd to answer `GET /`, which also registers the agent; resolves with that answer. */
async function waitUntilRegistered(url, workerd) {
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (workerd.exitCode !== null) throw new Error(`workerd exited with ${workerd.exitCode}`);
		try {
			const response = await fetch(url);
			const body = await response.json();
			if (!response.ok) throw new Error(`GET / answered ${response.status}: ${body.error}`);
			return body;
		} catch (error) {
			if (Date.now() > deadline) throw new Error(`the agent did not register at ${url}: ${error.message}`);
			await new Promise((done) => setTimeout(done, 100));
		}
	}
}

/** Beats once through the cron stand-in, then messages the agent as the seed's Peer, as a person would try it. */
async function tryAgent(cronUrl, agentId) {
	const beat = await fetch(cronUrl, { method: 'POST' });
	console.log(`scheduled -> ${beat.status} ${JSON.stringify(await beat.json())}`);
	const { createA2AClient } = await import(join(root, 'dist', 'index.js'));
	const seed = JSON.parse(readFileSync(join(here, 'seed.json'), 'utf8'));
	const peer = seed.find((workspace) => workspace.id !== agentId);
	const client = createA2AClient({ workspaceId: peer.id, platformUrl: process.env.PLATFORM_URL, token: peer.tokens[0] });
	const outcome = await client.sendMessage(agentId, 'hello from a peer');
	console.log(`${peer.name} -> Worker agent: ${outcome.status} ${JSON.stringify(outcome.status === 'replied' ? outcome.text : outcome)}`);
	return beat.ok && outcome.status === 'replied';
}

const { values } = parseArgs({ options: { port: { type: 'string' }, try: { type: 'boolean' } } });
mkdirSync(scratch, { recursive: true });
await bundleWorker(join(scratch, 'worker.js'));
writeFileSync(join(scratch, 'cron.js'), cronWorker);
const port = values.port && values.port !== '0' ? Number(values.port) : await freePort();
const cronPort = await freePort();
const url = `http://127.0.0.1:${port}`;
const cronUrl = `http://127.0.0.1:${cronPort}`;
// Registered by host name, not as 127.0.0.1: the platform sends the inbound secret only to external
// URLs (an IP literal in a loopback or private range is a container on its own network), and
// agent.fetch refuses a push without it.
const agentUrl = `http://localhost:${port}/a2a/inbound`;
writeFileSync(join(scratch, 'config.capnp'), capnpConfig(port, cronPort, { ...process.env, AGENT_URL: agentUrl }), { mode: 0o600 });
const workerd = spawn(join(root, 'node_modules', '.bin', 'workerd'), ['serve', '--experimental', join(scratch, 'config.capnp')], {
	cwd: scratch,
	stdio: ['ignore', 'inherit', 'inherit'],
});
const stopWorkerd = () => new Promise((done) => (workerd.exitCode !== null ? done() : (workerd.once('exit', done), workerd.kill('SIGTERM'))));

let status;
try {
	status = await waitUntilRegistered(url, workerd);
} catch (error) {
	console.error(error.message);
	await stopWorkerd();
	process.exit(1);
}
if (values.try) {
	const ok = await tryAgent(cronUrl, status.workspaceId).catch((error) => (console.error(error.message), false));
	await stopWorkerd();
	process.exitCode = ok ? 0 : 1;
} else {
	console.log(`Cron Trigger stand-in on ${cronUrl}: curl -X POST ${cronUrl} beats once`);
	console.log(`Worker agent listening on ${url}, registered in ${status.deliveryMode} mode as ${status.workspaceId} (Ctrl-C to stop)`);
	for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => stopWorkerd().then(() => process.exit(0)));
}
