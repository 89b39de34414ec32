import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
/** The `molecule-a2a` program, as package.json's `bin` names it. */
export const cliPath = join(root, 'dist', 'bin.js');

const builtFiles = ['bin.js', 'cli.js', 'index.js', 'dev.js', 'node.js'].map((file) => join(root, 'dist', file));
const lockDir = join(root, '.tmp', 'build.lock');

const isBuilt = (): boolean => builtFiles.every((file) => existsSync(file));

/**
 * Builds the package once when dist/ is missing. Test files run in parallel workers, so one of
 * them builds while the others wait on a lock directory (mkdir is atomic).
 */
export async function ensureBuilt(): Promise<void> {
	const deadline = Date.now() + 120_000;
	while (!isBuilt()) {
		mkdirSync(join(root, '.tmp'), { recursive: true });
		let locked = false;
		try {
			mkdirSync(lockDir);
			locked = true;
		} catch {
			// Another worker is building.
		}
		if (locked) {
			try {
				if (!isBuilt()) {
					const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
					if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
				}
			} finally {
				rmSync(lockDir, { recursive: true, force: true });
			}
			return;
		}
		if (Date.now() > deadline) throw new Error('timed out waiting for another worker to build dist/');
		await new Promise((done) => setTimeout(done, 250));
	}
}
