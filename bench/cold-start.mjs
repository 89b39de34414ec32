// 6. Cold start: what an edge function pays before it can do anything, in Node, Deno and Bun —
// importing the client and creating one, and then the first reply. Each sample is a fresh process.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ms, ratio, spread, table } from './lib/format.mjs';
import { startA2AServer } from './lib/loopback.mjs';
import { log, runIfMain } from './lib/main.mjs';
import { cleanEnv, runtimes, versionOf } from './lib/runtimes.mjs';
import { summarise } from './lib/stats.mjs';

const scripts = ['empty', 'ours', 'sdk'];
const labels = { empty: 'runtime alone (empty script)', ours: '@molecule-ai/a2a-client', sdk: '@a2a-js/sdk/client' };
const scriptPath = (name) => fileURLToPath(new URL(`./lib/cold/${name}.mjs`, import.meta.url));

/** Whether the built entry still imports ky (the note on Node's import time is about ky). */
function distImportsKy() {
	const dist = fileURLToPath(new URL('../dist/', import.meta.url));
	return readdirSync(dist).some((file) => file.endsWith('.js') && /from\s*["']ky["']/.test(readFileSync(dist + file, 'utf8')));
}

/** One fresh process: its own timings plus the wall-clock time from spawn to exit, seen from here. */
function sample(runtime, script, agentUrl, env) {
	const started = performance.now();
	const result = spawnSync(runtime.command, runtime.args(scriptPath(script), agentUrl), { encoding: 'utf8', env, timeout: 30_000 });
	const wallMs = performance.now() - started;
	if (result.error || result.status !== 0) throw new Error(`${runtime.name} ${script}: exit ${result.status} ${result.error?.message ?? ''}\n${result.stderr}`);
	return { ...JSON.parse(result.stdout.trim().split('\n').at(-1)), wallMs };
}

export async function run({ smoke }) {
	const iterations = smoke ? 1 : 20;
	const warmUps = smoke ? 0 : 1;
	const server = await startA2AServer();
	const env = cleanEnv();
	const rows = [];
	const ratios = [];
	const data = {};
	try {
		for (const runtime of runtimes) {
			const version = versionOf(runtime);
			if (!version) {
				rows.push([runtime.name, 'not available', '—', '—', '—']);
				continue;
			}
			// Warm-up processes fill the OS file cache and the runtimes' own caches; they are not counted.
			for (let index = 0; index < warmUps; index++) for (const script of scripts) sample(runtime, script, server.url, env);
			const samples = Object.fromEntries(scripts.map((script) => [script, []]));
			for (let index = 0; index < iterations; index++) {
				// Rotate the order so no contender always runs right after another's process.
				const order = scripts.map((_, offset) => scripts[(index + offset) % scripts.length]);
				for (const script of order) samples[script].push(sample(runtime, script, server.url, env));
			}
			data[runtime.name] = samples;
			const figure = (script, field) => summarise(samples[script].map((entry) => entry[field]));
			for (const script of scripts) {
				rows.push([
					runtime.name,
					labels[script],
					script === 'empty' ? '—' : spread(figure(script, 'importAndCreateMs'), ms),
					script === 'empty' ? '—' : spread(figure(script, 'firstReplyMs'), ms),
					spread(figure(script, 'wallMs'), ms),
				]);
			}
			const pairRatio = (field) => summarise(samples.ours.map((entry, index) => entry[field] / samples.sdk[index][field]));
			const row = { runtime: runtime.name, importAndCreate: pairRatio('importAndCreateMs'), firstReply: pairRatio('firstReplyMs'), wall: pairRatio('wallMs') };
			ratios.push(row);
			rows.push([runtime.name, '**ratio ours / SDK**', spread(row.importAndCreate, ratio), spread(row.firstReply, ratio), spread(row.wall, ratio)]);
			log(`cold-start ${runtime.name}: import+create ours ${figure('ours', 'importAndCreateMs').median.toFixed(1)} ms, sdk ${figure('sdk', 'importAndCreateMs').median.toFixed(1)} ms`);
		}
	} finally {
		await server.close();
	}
	const markdown = [
		`${iterations} fresh processes per runtime and contender after ${warmUps} uncounted warm-up ${warmUps === 1 ? 'process' : 'processes'} each, contenders rotating within each iteration. Each script imports the package by name (our built \`dist/\` through the package's self-reference; the SDK's \`@a2a-js/sdk/client\`) and creates a client (ours: \`createA2AClient\`; the SDK: \`new ClientFactory()\`), then sends one message to the loopback agent (the SDK first makes its \`Client\` from an in-memory agent card, no card fetch). **import + create** and **to first reply** are measured inside the process with \`performance.now()\` from just before the dynamic \`import()\`; **process wall-clock** is measured by the parent around \`spawnSync\` (start-up, the script, the send and exit), the one figure comparable across runtimes. Runtimes start with their defaults (\`NODE_OPTIONS\` and compile-cache variables removed); Deno runs with \`--no-lock --allow-net=127.0.0.1\`. Cells are median (min–max); ratios are taken per iteration.`,
		'',
		table(['runtime', 'contender', 'import + create', 'to first reply', 'process wall-clock'], rows),
	].join('\n');
	const node = ratios.find((row) => row.runtime === 'Node');
	const note =
		node && node.importAndCreate.median > 1 && distImportsKy()
			? [
					'',
					'',
					"Node: most of our import time is not our code. At import, ky probes `supportsRequestStreams` by constructing a `Request` with a `ReadableStream` body. That makes Node load and initialise its bundled undici, which backs the lazy `fetch`/`Request` globals. On this machine that costs about 50 ms: a script that only constructs such a Request took 51–55 ms, and importing ky after it 15–18 ms. The SDK pays the same undici start-up on its first request instead. That is why *to first reply* compares differently from *import + create* on Node. Importing valibot's full ESM build costs about 11 ms, our own `dist/` about 5 ms (probes run separately, not part of this run). Only dropping ky would remove the probe; the project keeps ky (README, \"Why ky\")."
				].join('\n')
			: '';
	return { title: '6. Cold start', markdown: markdown + note, targets: [], ratios, data };
}

await runIfMain(import.meta, run);
