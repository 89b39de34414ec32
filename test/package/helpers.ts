import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');

/** Runs a package's CLI script with this Node; returns its status and combined output. */
export function runTool(script: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { status: number | null; output: string } {
	const result = spawnSync(process.execPath, [join(root, script), ...args], {
		cwd: options.cwd ?? root,
		env: { ...process.env, NO_COLOR: '1', ...options.env },
		encoding: 'utf8',
		timeout: 120_000,
	});
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The package tests read the built output; `npm test` builds before running them. */
export function requireBuild(): void {
	if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does) before the package tests');
}
