// `npm start`'s prestart: builds dist/ when it is missing or older than what it is built from, so a
// fresh clone and an edit to src/ both give a tour of the current code. Plain Node, any platform.
//
//   node scripts/ensure-built.mjs      builds if needed; exits with the build's status
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
/** What the build reads: a change to any of them makes dist/ stale. */
const inputs = ['src/', 'package.json', 'tsup.config.ts'];
/** What `npm start` runs; missing means never built. */
const program = join(root, 'dist', 'bin.js');

/**
 * The newest modification time under `path`, a file or a directory; 0 when it does not exist.
 * A directory's own time counts: deleting, renaming or moving a file in changes only that.
 */
function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let latest = stat.mtimeMs;
	for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
	return latest;
}

/** When the last build finished writing its oldest file: the build empties dist/ first, so every file in it is from one build. */
function builtAt() {
	const dist = join(root, 'dist');
	const files = readdirSync(dist).map((name) => statSync(join(dist, name)).mtimeMs);
	return Math.min(...files);
}

function staleReason() {
	if (!existsSync(program)) return 'dist/ is missing';
	const changed = inputs.find((input) => newest(join(root, input)) > builtAt());
	return changed === undefined ? undefined : `${changed} is newer than dist/`;
}

const reason = staleReason();
if (reason !== undefined) {
	console.error(`${reason}: building (npm run build)`);
	// Under npm, npm_execpath is npm's own script: running it with this Node needs no shell on any platform.
	const npm = process.env.npm_execpath;
	const build = npm
		? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
		: spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
	if (build.error) console.error(`cannot run npm run build: ${build.error.message}`);
	process.exitCode = build.status ?? 1;
}
