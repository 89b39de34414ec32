import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { cliPath, root } from './build.js';

export interface Finished {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface RunOptions {
	env?: Record<string, string | undefined>;
	/** Written to stdin, which is then closed. */
	input?: string | Uint8Array;
	/** A file to read stdin from instead (`/dev/zero`); `input` is then ignored. */
	stdinFile?: string;
	/** The program to run the arguments with; default: this Node running dist/bin.js. */
	command?: readonly string[];
}

/** Names the client reads from the environment: tests set them explicitly, never inherit them. */
const clientVariables = ['PLATFORM_URL', 'WORKSPACE_ID', 'MOLECULE_WORKSPACE_TOKEN', 'MOLECULE_ORG_ID', 'CONFIGS_DIR'];

/** An empty directory for CONFIGS_DIR, so no test ever reads a real /configs/.auth_token. */
export function emptyConfigsDir(): string {
	return mkdtempSync(join(tmpdir(), 'a2a-cli-configs-'));
}

const noTokenFileDir = emptyConfigsDir();

/** This process's environment without client settings, with node_modules/.bin first on the PATH (deno, bun, workerd). */
export function cleanEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
	const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', CONFIGS_DIR: noTokenFileDir };
	for (const name of clientVariables) if (name !== 'CONFIGS_DIR') delete env[name];
	env['PATH'] = [join(root, 'node_modules', '.bin'), process.env['PATH'] ?? ''].join(delimiter);
	Object.assign(env, overrides);
	return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Starts `molecule-a2a <args>` (or `command`) as a real process. */
export function spawnCli(args: readonly string[], options: RunOptions = {}): ChildProcess {
	const [program = process.execPath, ...programArgs] = options.command ?? [process.execPath, cliPath];
	const stdin = options.stdinFile === undefined ? 'pipe' : openSync(options.stdinFile, 'r');
	try {
		return spawn(program, [...programArgs, ...args], { cwd: root, env: cleanEnv(options.env), stdio: [stdin, 'pipe', 'pipe'] });
	} finally {
		// The child has its own copy of the descriptor now.
		if (typeof stdin === 'number') closeSync(stdin);
	}
}

/** Collects a process's output until it exits. */
export function finished(child: ChildProcess): Promise<Finished> {
	let stdout = '';
	let stderr = '';
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
	});
}

/** Runs `molecule-a2a <args>` to completion. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<Finished> {
	const child = spawnCli(args, options);
	const done = finished(child);
	child.stdin?.end(options.input ?? '');
	return done;
}

/** Resolves with the first line a process prints on stdout; rejects if it exits first. */
export function firstLine(child: ChildProcess, pattern: RegExp = /./): Promise<string> {
	return new Promise((resolve, reject) => {
		let buffered = '';
		let errors = '';
		child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
		const onData = (chunk: Buffer): void => {
			buffered += chunk.toString();
			const line = buffered.split('\n').slice(0, -1).find((candidate) => pattern.test(candidate));
			if (line === undefined) return;
			child.stdout?.off('data', onData);
			resolve(line);
		};
		child.stdout?.on('data', onData);
		child.once('exit', (code) => reject(new Error(`exited with ${code} before printing a line matching ${pattern}:\n${buffered}\n${errors}`)));
	});
}

/** Sends `signal` and waits for the exit; a process already gone resolves at once. */
export async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
	if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal })),
	);
	child.kill(signal);
	return exited;
}
