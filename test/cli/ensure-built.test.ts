// `npm start` rebuilds first when dist/ is missing or older than src/ (scripts/ensure-built.mjs as prestart).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from './build.js';

/** Stands in for npm: records that it ran `run build`, and writes dist/bin.js as a build would (or fails). */
const fakeNpm = `
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
appendFileSync('npm-calls.log', process.argv.slice(2).join(' ') + '\\n');
if (process.env.FAKE_BUILD_FAILS) process.exit(3);
mkdirSync('dist', { recursive: true });
writeFileSync('dist/bin.js', '// built');
`;

interface Project {
	dir: string;
	/** Sets a file's modification time, in seconds since the epoch. */
	touch(path: string, seconds: number): void;
	/** Runs the script as npm's prestart would; returns its exit status and how often it ran the build. */
	prestart(env?: Record<string, string>): { status: number | null; builds: number; stderr: string };
}

/** A copy of the repository's layout: the script, package.json, tsup.config.ts and one source file, all at t=1000 s. */
function project(): Project {
	const dir = mkdtempSync(join(tmpdir(), 'a2a-prestart-'));
	mkdirSync(join(dir, 'scripts'));
	mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
	copyFileSync(join(root, 'scripts', 'ensure-built.mjs'), join(dir, 'scripts', 'ensure-built.mjs'));
	writeFileSync(join(dir, 'fake-npm.mjs'), fakeNpm);
	for (const file of ['package.json', 'tsup.config.ts', 'src/index.ts', 'src/cli/run.ts']) writeFileSync(join(dir, file), '');
	const touch = (path: string, seconds: number): void => utimesSync(join(dir, path), seconds, seconds);
	for (const file of ['package.json', 'tsup.config.ts', 'src/index.ts', 'src/cli/run.ts', 'src/cli', 'src']) touch(file, 1000);
	return {
		dir,
		touch,
		prestart(env = {}) {
			const result = spawnSync(process.execPath, [join(dir, 'scripts', 'ensure-built.mjs')], {
				cwd: dir,
				encoding: 'utf8',
				env: { ...process.env, npm_execpath: join(dir, 'fake-npm.mjs'), ...env },
			});
			const log = join(dir, 'npm-calls.log');
			const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
			expect(calls.every((call) => call === 'run build')).toBe(true);
			return { status: result.status, builds: calls.length, stderr: result.stderr };
		},
	};
}

/** Writes dist/ as a build at `seconds` would leave it. */
function built(target: Project, seconds: number): void {
	mkdirSync(join(target.dir, 'dist'), { recursive: true });
	for (const file of ['bin.js', 'index.js', 'cli.js']) {
		writeFileSync(join(target.dir, 'dist', file), '// built');
		target.touch(join('dist', file), seconds);
	}
}

describe('npm start', () => {
	test('runs scripts/ensure-built.mjs first, then the demo from dist/', () => {
		const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
		expect(scripts['prestart']).toBe('node scripts/ensure-built.mjs');
		expect(scripts['start']).toBe('node dist/bin.js demo');
	});

	test('builds when dist/ is missing (a fresh clone)', () => {
		const fresh = project();
		const result = fresh.prestart();
		expect(result).toMatchObject({ status: 0, builds: 1 });
		expect(result.stderr).toContain('dist/ is missing: building (npm run build)');
	});

	test('builds when a file in src/ is newer than dist/', () => {
		const edited = project();
		built(edited, 2000);
		edited.touch('src/cli/run.ts', 3000);
		const result = edited.prestart();
		expect(result).toMatchObject({ status: 0, builds: 1 });
		expect(result.stderr).toContain('src/ is newer than dist/');
	});

	test('builds when a file in src/ was deleted after dist/ was built (no file is newer, its directory is)', () => {
		const edited = project();
		built(edited, 2000);
		rmSync(join(edited.dir, 'src', 'cli', 'run.ts'));
		const result = edited.prestart();
		expect(result).toMatchObject({ status: 0, builds: 1 });
		expect(result.stderr).toContain('src/ is newer than dist/');
	});

	test('builds when a file in src/ was renamed after dist/ was built, keeping its old time', () => {
		const edited = project();
		built(edited, 2000);
		renameSync(join(edited.dir, 'src', 'index.ts'), join(edited.dir, 'src', 'main.ts'));
		expect(edited.prestart()).toMatchObject({ status: 0, builds: 1 });
	});

	test('builds when package.json or tsup.config.ts is newer than dist/', () => {
		for (const file of ['package.json', 'tsup.config.ts']) {
			const edited = project();
			built(edited, 2000);
			edited.touch(file, 3000);
			expect(edited.prestart()).toMatchObject({ status: 0, builds: 1 });
		}
	});

	test('builds when one file of dist/ is older than src/ (a build that stopped half way)', () => {
		const partial = project();
		built(partial, 2000);
		partial.touch('dist/index.js', 500);
		expect(partial.prestart()).toMatchObject({ status: 0, builds: 1 });
	});

	test('does not build when dist/ is newer than everything it is built from', () => {
		const upToDate = project();
		built(upToDate, 2000);
		expect(upToDate.prestart()).toMatchObject({ status: 0, builds: 0, stderr: '' });
	});

	test('fails with the status of a failed build, so npm start stops', () => {
		const fresh = project();
		expect(fresh.prestart({ FAKE_BUILD_FAILS: '1' })).toMatchObject({ status: 3, builds: 1 });
	});
});
