// Runs the conformance suites (test/conformance/suite.js, and a2a-suite.js for ./a2a) against the BUILT
// package in every runtime and prints one line per runtime. A runtime that cannot start counts as a
// failure, never a skip. For ./a2a, this process (Node 24, which strips the types of test/a2a/peer.ts)
// starts @a2a-js/sdk's own server twice on 127.0.0.1 port 0 for each runtime, which is its client.
// Usage: node scripts/test-runtimes.mjs [runtime …]   (runtimes: node24 node22 deno bun workerd chromium)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const scratch = join(root, '.tmp', 'runtimes');
const timeoutMs = 180_000;

/** Runs a command; resolves with its output, or rejects when it cannot start or times out. */
function run(command, args, options = {}) {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' }, ...options });
		let output = '';
		child.stdout?.on('data', (chunk) => (output += chunk));
		child.stderr?.on('data', (chunk) => (output += chunk));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`timed out after ${timeoutMs} ms\n${output}`));
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolvePromise({ code, output });
		});
	});
}

function resultsFrom(output) {
	const line = output.split('\n').find((text) => text.startsWith('CONFORMANCE_JSON '));
	if (!line) throw new Error(`no results in the output:\n${output.slice(-3000)}`);
	return JSON.parse(line.slice('CONFORMANCE_JSON '.length)).results;
}

async function freePort() {
	const server = createServer();
	await new Promise((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address();
	await new Promise((done) => server.close(done));
	return port;
}

/** Bundles for runtimes without a package resolver, mapping the package name to the built files. */
async function bundle(entry, outfile, conditions) {
	const entries = { '@molecule-ai/a2a-client': 'dist/index.js', '@molecule-ai/a2a-client/dev': 'dist/dev.js', '@molecule-ai/a2a-client/a2a': 'dist/a2a.js', '@molecule-ai/a2a-client/canvas': 'dist/canvas.js' };
	await build({
		entryPoints: [join(root, entry)],
		outfile,
		bundle: true,
		format: 'esm',
		platform: 'neutral',
		target: 'es2022',
		mainFields: ['module', 'main'],
		conditions,
		logLevel: 'silent',
		tsconfigRaw: {},
		plugins: [
			{
				name: 'built-package',
				setup(context) {
					context.onResolve({ filter: /^@molecule-ai\/a2a-client/ }, (args) => ({ path: join(root, entries[args.path]) }));
				},
			},
		],
	});
}

/**
 * The ./a2a suite's peers for one runtime: `peer` (push notifications on) and `noPush`, each answering
 * CORS for `corsOrigin` when given (a browser page's origin). Callers close them in a `finally`: an open
 * server would keep this process from ending.
 */
async function startPeers(corsOrigin) {
	const { startPeer } = await import('../test/a2a/peer.ts');
	const cors = corsOrigin === undefined ? {} : { corsOrigin };
	const [peer, noPush] = await Promise.all([startPeer(cors), startPeer({ ...cors, pushNotifications: false })]);
	return {
		args: [`--a2a-peer=${peer.base}`, `--a2a-no-push=${noPush.base}`],
		query: new URLSearchParams({ peer: peer.base, noPush: noPush.base }).toString(),
		close: () => Promise.all([peer.close(), noPush.close()]),
	};
}

/** Runs `command` with the peers' URLs appended to `args`, and reads its results. */
async function runWithPeers(command, args) {
	const peers = await startPeers();
	try {
		return resultsFrom((await run(command, [...args, ...peers.args])).output);
	} finally {
		await peers.close();
	}
}

const runtimes = {
	async node24() {
		return runWithPeers(process.execPath, ['test/conformance/node.mjs']);
	},
	async node22() {
		return runWithPeers('npx', ['-y', 'node@22', 'test/conformance/node.mjs']);
	},
	async deno() {
		return runWithPeers(bin('deno'), ['run', '--allow-net=127.0.0.1', '--allow-read', '--allow-env', 'test/conformance/deno.mjs']);
	},
	async bun() {
		// Bun would map the package's own name to src/ through tsconfig.json's `paths`: an empty tsconfig
		// keeps it on the built package, as every other runtime is.
		const tsconfig = join(scratch, 'bun-tsconfig.json');
		writeFileSync(tsconfig, '{}\n');
		return runWithPeers(bin('bun'), [`--tsconfig-override=${tsconfig}`, 'test/conformance/bun.mjs']);
	},
	async workerd() {
		const dir = join(scratch, 'workerd');
		mkdirSync(dir, { recursive: true });
		await bundle('test/conformance/worker.mjs', join(dir, 'worker.js'), ['workerd', 'worker', 'browser']);
		const port = await freePort();
		writeFileSync(
			join(dir, 'config.capnp'),
			`using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = (modules = [ (name = "worker", esModule = embed "worker.js") ], compatibilityDate = "2026-10-01")),
    (name = "internet", network = (allow = ["local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
`,
		);
		const child = spawn(bin('workerd'), ['serve', join(dir, 'config.capnp')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
		let log = '';
		child.stderr.on('data', (chunk) => (log += chunk));
		let peers;
		try {
			// The worker reaches the peers through the "internet" service, which allows local addresses.
			peers = await startPeers();
			const deadline = Date.now() + 30_000;
			for (;;) {
				try {
					const response = await fetch(`http://127.0.0.1:${port}/__conformance?${peers.query}`, { signal: AbortSignal.timeout(timeoutMs) });
					return await response.json();
				} catch (error) {
					if (Date.now() > deadline || child.exitCode !== null) throw new Error(`workerd did not answer: ${error.message}\n${log}`);
					await new Promise((done) => setTimeout(done, 200));
				}
			}
		} finally {
			child.kill('SIGKILL');
			await peers?.close();
		}
	},
	async chromium() {
		const { chromium } = await import('playwright-core');
		const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.map': 'application/json' };
		const allowed = ['/dist/', '/node_modules/ky/', '/node_modules/valibot/', '/node_modules/eventsource-parser/', '/test/conformance/'];
		const server = createServer((request, response) => {
			const path = new URL(request.url, 'http://x').pathname;
			const file = join(root, path);
			if (!allowed.some((prefix) => path.startsWith(prefix)) || !existsSync(file)) return response.writeHead(404).end();
			response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
		});
		await new Promise((done) => server.listen(0, '127.0.0.1', done));
		const origin = `http://127.0.0.1:${server.address().port}`;
		let browser;
		let peers;
		try {
			// The peers answer CORS for the page's origin only.
			peers = await startPeers(origin);
			browser = await chromium.launch({
				executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
				args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
			});
			const page = await browser.newPage();
			const errors = [];
			page.on('pageerror', (error) => errors.push(error.message));
			await page.goto(`${origin}/test/conformance/browser.html?${peers.query}`);
			await page.waitForFunction(() => 'conformance' in window, undefined, { timeout: timeoutMs }).catch((error) => {
				throw new Error(`${error.message}\n${errors.join('\n')}`);
			});
			return await page.evaluate(() => window.conformance);
		} finally {
			await browser?.close();
			server.close();
			await peers?.close();
		}
	},
};

const selected = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(runtimes);
if (!existsSync(join(root, 'dist', 'index.js'))) {
	console.error('dist/ is missing: run `npm run build` first');
	process.exit(2);
}
mkdirSync(scratch, { recursive: true });
const summary = [];
for (const name of selected) {
	let results;
	try {
		results = await runtimes[name]();
	} catch (error) {
		results = [{ name: `${name} starts and runs the suite`, ok: false, error: error.message }];
	}
	const failed = results.filter((result) => !result.ok);
	summary.push({ runtime: name, passed: results.length - failed.length, failed: failed.length });
	console.log(`${name}: ${results.length - failed.length} passed, ${failed.length} failed`);
	const a2a = results.filter((result) => result.name.startsWith('a2a '));
	console.log(`  of which ./a2a against @a2a-js/sdk (v1.0 JSON-RPC, v1.0 HTTP+JSON, v0.3 JSON-RPC): ${a2a.filter((result) => result.ok).length} of ${a2a.length} passed`);
	for (const failure of failed) console.log(`  FAIL ${failure.name}: ${failure.error}`);
}
writeFileSync(join(scratch, 'summary.json'), JSON.stringify(summary, null, 2));
process.exitCode = summary.every((line) => line.failed === 0 && line.passed > 0) ? 0 : 1;
