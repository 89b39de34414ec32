import { accessSync, constants } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import process from 'node:process';

const binName = 'molecule-a2a';

type Env = Readonly<Record<string, string | undefined>>;

/** Whether `directory` is a package manager's `node_modules/.bin`, which only `npm run` and `npx` put on the PATH. */
function isProjectBin(directory: string): boolean {
	return basename(directory) === '.bin' && basename(dirname(directory)) === 'node_modules';
}

function isExecutable(path: string, platform: NodeJS.Platform): boolean {
	try {
		accessSync(path, platform === 'win32' ? constants.F_OK : constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/**
 * How a person runs this tool from their own shell: `molecule-a2a` when it is installed on the PATH
 * (globally, say), else `npx molecule-a2a`. A copy found only in a `node_modules/.bin` does not
 * count: that directory is on the PATH of `npm start` or `npx`, not of the shell that ran them.
 *
 * @param env - the environment whose `PATH` (and, on Windows, `PATHEXT`) is searched; default `process.env`
 * @param platform - default `process.platform`
 * @returns the command prefix to print in suggestions, e.g. `npx molecule-a2a`
 */
export function commandPrefix(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
	const path = env['PATH'] ?? env['Path'] ?? '';
	const names = platform === 'win32' ? (env['PATHEXT'] ?? '.COM;.EXE;.BAT;.CMD').split(';').map((ext) => binName + ext.toLowerCase()) : [binName];
	const installed = path
		.split(platform === 'win32' ? ';' : delimiter)
		.filter((directory) => directory !== '' && !isProjectBin(directory))
		.some((directory) => names.some((name) => isExecutable(join(directory, name), platform)));
	return installed ? binName : `npx ${binName}`;
}

let cached: string | undefined;

/** `commandPrefix()` for this process, looked up once. */
export function cliCommand(): string {
	return (cached ??= commandPrefix());
}
