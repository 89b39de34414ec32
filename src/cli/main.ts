import process from 'node:process';
import { runCli } from './run.js';

// `molecule-a2a peers | head -1` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	throw error;
});

// No top-level await: the CLI is also built as CommonJS.
void runCli(process.argv.slice(2)).then((code) => {
	process.exitCode = code;
});
