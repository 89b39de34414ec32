// The child-process tests run the built package, as a user would: build it once if `dist/` is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const entries = ['dist/index.js'].map((file) => join(root, file));
// Test files run in parallel processes: one builds, the others wait for it.
const lock = join(tmpdir(), `a2a-client-build-${Buffer.from(root).toString('base64url')}`);

const built = (): boolean => entries.every((file) => existsSync(file));

const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Runs `npm run build` unless every entry of `dist/` exists (or appears within 10 s: a build may be under way). */
export async function ensureBuilt(): Promise<void> {
	for (let waited = 0; !built() && waited < 10_000; waited += 250) await pause(250);
	const giveUpAt = Date.now() + 120_000;
	while (!built()) {
		try {
			mkdirSync(lock);
		} catch {
			if (Date.now() > giveUpAt) throw new Error(`dist/ is missing and ${lock} still holds the build lock`);
			await pause(200);
			continue;
		}
		try {
			if (!built()) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
		} finally {
			rmdirSync(lock);
		}
	}
}
