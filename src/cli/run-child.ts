import { spawn } from 'node:child_process';
import process from 'node:process';
import { printError } from './output.js';
import { onStopSignals } from './signals.js';

const signalNumbers: Readonly<Record<string, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };

/**
 * Runs `command` with `env` laid over this process's environment, its output going straight to
 * ours, and resolves with its exit code: a shell's 128 + n when a signal ended it, 127 when it
 * could not start. SIGINT and SIGTERM are passed on so the command can stop cleanly first.
 */
export function runChild(command: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<number> {
	const [program, ...args] = command;
	if (program === undefined) return Promise.resolve(0);
	const childEnv: Record<string, string> = {};
	for (const [name, value] of Object.entries({ ...process.env, ...env })) if (value !== undefined) childEnv[name] = value;
	return new Promise((resolve) => {
		const child = spawn(program, args, { stdio: 'inherit', env: childEnv });
		const signals = onStopSignals((signal) => child.kill(signal));
		child.once('error', (error) => {
			signals.dispose();
			printError(`molecule-a2a dev: cannot run ${program}: ${(error as { code?: string }).code ?? error.message}`);
			resolve(127);
		});
		child.once('exit', (code, signal) => {
			signals.dispose();
			resolve(code ?? 128 + (signal ? (signalNumbers[signal] ?? 0) : 0));
		});
	});
}
