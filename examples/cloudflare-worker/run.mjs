// Runs src/worker.ts locally under workerd (the Cloudflare Workers runtime), with no wrangler.toml.
// The worker's bindings WORKSPACE_ID, PLATFORM_URL and MOLECULE_WORKSPACE_TOKEN come from this
// process's environment, which `molecule-a2a dev -- …` sets. After `npm run build`:
//   npx molecule-a2a dev -- node examples/cloudflare-worker/run.mjs --try   (calls the worker once, then exits)
//   npx molecule-a2a dev -- node examples/cloudflare-worker/run.mjs         (serves until Ctrl-C)
// Options: --port N (default: a free port), --try.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const here = import.meta.dirname;
const root = resolve(here, '../..');
const scratch = join(root, '.tmp', 'cloudflare-worker');
const bindingNames = ['WORKSPACE_ID', 'PLATFORM_URL', 'MOLECULE_WORKSPACE_TOKEN'];

/** Bundles the worker for workerd, taking the package from the built dist/ files. */
async function bundleWorker(outfile) {
	const builtEntries = { '@molecule-ai/a2a-client': join(root, 'dist', 'index.js'), '@molecule-ai/a2a-client/hints': join(root, 'dist', 'hints.js') };
	await build({
		entryPoints: [join(here, 'src', 'worker.ts')],
		outfile,
		bundle: true,
		format: 'esm',
		platform: 'neutral',
		target: 'es2022',
		mainFields: ['module', 'main'],
		conditions: ['workerd', 'worker', 'browser'],
		logLevel: 'warning',
		tsconfigRaw: {},
		plugins: [
			{
				name: 'built-package',
				setup(context) {
					context.onResolve({ filter: /^@molecule-ai\/a2a-client(\/hints)?$/ }, (args) => ({ path: builtEntries[args.path] }));
				},
			},
		],
	});
}

async function freePort() {
	const server = createServer();
	await new Promise((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address();
	await new Promise((done) => server.close(done));
	return port;
}

/** workerd's configuration: the worker, its text bindings, and loopback fetches allowed (the dev platform is on 127.0.0.1). */
function capnpConfig(port, env) {
	const bindings = bindingNames
		.filter((name) => env[name])
		.map((name) => `    (name = "${name}", text = ${JSON.stringify(env[name])}),`)
		.join('\n');
	return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["local", "public"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "worker.js") ],
  compatibilityDate = "2026-10-01",
  bindings = [
${bindings}
  ],
);
`;
}

async function waitUntilAnswering(url, workerd) {
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (workerd.exitCode !== null) throw new Error(`workerd exited with ${workerd.exitCode}`);
		try {
			await fetch(url);
			return;
		} catch (error) {
			if (Date.now() > deadline) throw new Error(`workerd did not answer at ${url}: ${error.message}`);
			await new Promise((done) => setTimeout(done, 100));
		}
	}
}

/** Calls both routes once, as a person would with curl, and prints what came back. */
async function tryWorker(url) {
	const peers = await (await fetch(`${url}/peers`)).json();
	console.log(`GET /peers -> ${peers.peers.map((peer) => peer.name).join(', ') || peers.diagnostic}`);
	const echo = peers.peers.find((peer) => peer.role === 'echo') ?? peers.peers[0];
	if (!echo) return false;
	const response = await fetch(`${url}/send`, { method: 'POST', body: JSON.stringify({ peerId: echo.id, text: 'hello from a Worker' }) });
	console.log(`POST /send to ${echo.name} -> ${response.status} ${JSON.stringify(await response.json())}`);
	return response.ok;
}

const { values } = parseArgs({ options: { port: { type: 'string' }, try: { type: 'boolean' } } });
mkdirSync(scratch, { recursive: true });
await bundleWorker(join(scratch, 'worker.js'));
const port = values.port && values.port !== '0' ? Number(values.port) : await freePort();
writeFileSync(join(scratch, 'config.capnp'), capnpConfig(port, process.env), { mode: 0o600 });
const workerd = spawn(join(root, 'node_modules', '.bin', 'workerd'), ['serve', join(scratch, 'config.capnp')], { cwd: scratch, stdio: ['ignore', 'inherit', 'inherit'] });
const stopWorkerd = () => new Promise((done) => (workerd.exitCode !== null ? done() : (workerd.once('exit', done), workerd.kill('SIGTERM'))));

const url = `http://127.0.0.1:${port}`;
try {
	await waitUntilAnswering(url, workerd);
} catch (error) {
	console.error(error.message);
	await stopWorkerd();
	process.exit(1);
}
if (values.try) {
	const ok = await tryWorker(url).catch((error) => (console.error(error.message), false));
	await stopWorkerd();
	process.exitCode = ok ? 0 : 1;
} else {
	console.log(`Worker listening on ${url} (Ctrl-C to stop)`);
	console.log(`  curl ${url}/peers`);
	console.log(`  curl -X POST ${url}/send -d '{"peerId":"<peer id>","text":"hello"}'`);
	for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => stopWorkerd().then(() => process.exit(0)));
}
