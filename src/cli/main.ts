import process from 'node:process';
import { runCli } from './run.js';

/**
 * Runs `molecule-a2a` as this process's program: the command line from `argv`, the exit code into
 * `process.exitCode`. A reader that closes the pipe early (`molecule-a2a peers | head -1`) ends the
 * program quietly: that is the reader's choice, not a failure. Call it once per process.
 *
 * @param argv - the arguments after the program name; default `process.argv.slice(2)`
 * @returns a promise of the exit code, once the command has finished
 * @example
 * import { main } from '@molecule-ai/a2a-client/cli';
 * await main(['demo']);
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
		throw error;
	});
	const code = await runCli(argv);
	process.exitCode = code;
	return code;
}
