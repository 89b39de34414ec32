// The three runtimes the issue compares, all taken from the repo's devDependencies so every
// machine runs the same versions: Node is the one running the benchmarks (node 24 under npm run).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = (name) => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));

export const runtimes = [
	{ name: 'Node', command: process.execPath, args: (script, ...rest) => [script, ...rest] },
	// --no-lock: never write deno.lock into the repo; net for the loopback agent only.
	{ name: 'Deno', command: bin('deno'), args: (script, ...rest) => ['run', '--no-lock', '--quiet', '--allow-net=127.0.0.1', script, ...rest] },
	{ name: 'Bun', command: bin('bun'), args: (script, ...rest) => [script, ...rest] },
];

/** The runtime's version line, or null when it cannot be started. */
export function versionOf(runtime) {
	const result = spawnSync(runtime.command, ['--version'], { encoding: 'utf8' });
	if (result.error || result.status !== 0) return null;
	return result.stdout.split('\n')[0].trim();
}

/** The environment children get: the caller's, minus what would change a runtime's start-up. */
export function cleanEnv() {
	const env = { ...process.env };
	for (const name of ['NODE_OPTIONS', 'NODE_COMPILE_CACHE', 'BUN_OPTIONS', 'DENO_FLAGS']) delete env[name];
	return env;
}
