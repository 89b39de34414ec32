// Runs every benchmark, each in a fresh Node process, and writes BENCHMARKS.md.
//   node bench/run.mjs            full suite, writes BENCHMARKS.md at the repo root
//   node bench/run.mjs --smoke    one tiny iteration of everything, writes .tmp/bench-smoke/BENCHMARKS.md;
//                                 exits non-zero if any benchmark throws (for CI)
//   --only=cache-hit,memory       run a subset;  --no-build  never (re)build dist/
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine } from './lib/machine.mjs';
import { renderReport } from './lib/report.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const benchmarks = ['cache-hit', 'single-flight', 'send-overhead', 'versus-sdk', 'memory', 'cold-start', 'agent', 'a2a-stream', 'canvas'];

const argv = process.argv.slice(2);
const smoke = argv.includes('--smoke');
const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const selected = only ?? benchmarks;
for (const name of selected) if (!benchmarks.includes(name)) throw new Error(`unknown benchmark ${name}; known: ${benchmarks.join(', ')}`);

/** Newest modification time of any file under `dir`. */
function newest(dir) {
	let latest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
	}
	return latest;
}

/** The benchmarks import the built package: build it when it is missing (a clean clone) or older than src/. */
function ensureBuilt() {
	const entry = join(repoRoot, 'dist/index.js');
	const stale = !existsSync(entry) || statSync(entry).mtimeMs < newest(join(repoRoot, 'src'));
	if (!stale || argv.includes('--no-build')) return false;
	console.error('bench: dist/ is missing or older than src/, running npm run build');
	const result = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: ['ignore', 2, 2] });
	if (result.status !== 0) throw new Error('npm run build failed');
	return true;
}

/** Runs bench/<name>.mjs in its own process and resolves to the result it prints, or to its failure. */
function runBenchmark(name) {
	const started = performance.now();
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(new URL(`./${name}.mjs`, import.meta.url)), ...(smoke ? ['--smoke'] : [])], {
			cwd: repoRoot,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			process.stderr.write(chunk);
		});
		// A hung benchmark must not hang CI: fail it after a generous limit.
		const timer = setTimeout(() => child.kill('SIGKILL'), (smoke ? 60 : 240) * 1000);
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			const seconds = (performance.now() - started) / 1000;
			if (code === 0) {
				try {
					resolve({ name, seconds, ...JSON.parse(stdout.trim().split('\n').at(-1)) });
					return;
				} catch (error) {
					stderr += `\nunreadable result: ${error.message}`;
				}
			}
			resolve({ name, seconds, failed: `exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-15).join('\n')}` });
		});
	});
}

const startedAt = new Date();
const runStarted = performance.now();
const loadBefore = os.loadavg();
const built = ensureBuilt();
const machine = describeMachine();
async function runAndLog(name) {
	console.error(`bench: ${name}${smoke ? ' (smoke)' : ''}`);
	const result = await runBenchmark(name);
	console.error(`bench: ${name} ${result.failed ? 'FAILED' : 'done'} in ${result.seconds.toFixed(1)} s`);
	return result;
}
// Smoke numbers mean nothing, so its benchmarks may share the CPUs; real runs go one at a time.
const results = [];
if (smoke) results.push(...(await Promise.all(selected.map(runAndLog))));
else for (const name of selected) results.push(await runAndLog(name));
const totalSeconds = (performance.now() - runStarted) / 1000;
const report = renderReport({ machine, results, smoke, startedAt, totalSeconds, built, load: { before: loadBefore, after: os.loadavg() } });
const outputDir = smoke ? join(repoRoot, '.tmp/bench-smoke') : repoRoot;
mkdirSync(outputDir, { recursive: true });
writeFileSync(join(outputDir, 'BENCHMARKS.md'), report);
console.error(`bench: wrote ${join(outputDir, 'BENCHMARKS.md')} in ${totalSeconds.toFixed(1)} s`);
const failed = results.filter((result) => result.failed);
if (failed.length > 0) {
	console.error(`bench: ${failed.length} benchmark(s) failed: ${failed.map((result) => result.name).join(', ')}`);
	process.exitCode = 1;
}
