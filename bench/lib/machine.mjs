// What the numbers were measured on: they mean little without the machine and the versions.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { runtimes, versionOf } from './runtimes.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const readText = (file) => {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
};

function cpuModel() {
	const line = readText('/proc/cpuinfo')
		.split('\n')
		.find((entry) => entry.startsWith('model name'));
	return line ? line.split(':')[1].trim() : (os.cpus()[0]?.model ?? 'unknown');
}

function osName() {
	const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readText('/etc/os-release'))?.[1];
	return `${pretty ?? os.type()}, kernel ${os.release()}, ${os.arch()}`;
}

const packageVersion = (name) => JSON.parse(readText(`${repoRoot}/node_modules/${name}/package.json`) || '{}').version ?? 'missing';

function git(...args) {
	const result = spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : '';
}

export function describeMachine() {
	const changed = git('status', '--porcelain').split('\n').filter(Boolean).length;
	return {
		cpu: cpuModel(),
		cores: os.availableParallelism?.() ?? os.cpus().length,
		memoryGiB: os.totalmem() / 2 ** 30,
		os: osName(),
		runtimes: Object.fromEntries(runtimes.map((runtime) => [runtime.name, runtime.name === 'Node' ? `node ${process.version}` : (versionOf(runtime) ?? 'not available')])),
		packages: Object.fromEntries(['@a2a-js/sdk', 'ky', 'valibot', 'mitata', 'esbuild'].map((name) => [name, packageVersion(name)])),
		commit: `${git('rev-parse', '--short', 'HEAD') || 'unknown'}${changed ? ` (+${changed} uncommitted changes)` : ''}`,
	};
}
