import packageJson from '../../package.json' with { type: 'json' };
import { isA2AClientError, isConfigError, isInvalidMessageError } from '../index.js';
import { UsageError } from './args.js';
import type { Command } from './command.js';
import { cardUrlCommand } from './commands/card-url.js';
import { demoCommand } from './commands/demo.js';
import { devCommand } from './commands/dev.js';
import { discoverCommand } from './commands/discover.js';
import { infoCommand } from './commands/info.js';
import { peersCommand } from './commands/peers.js';
import { sendCommand } from './commands/send.js';
import { configProblem } from './config.js';
import { cliCommand } from './invocation.js';
import { exitCode, printError, printJson, printLine } from './output.js';

const commands: readonly Command[] = [devCommand, demoCommand, peersCommand, discoverCommand, infoCommand, sendCommand, cardUrlCommand];

function toolHelp(): string {
	const width = Math.max(...commands.map((command) => command.name.length));
	return `Usage: molecule-a2a <command> [options]

Agent-to-agent messaging on the Molecule AI platform, and a local dev platform to try it on.

Commands:
${commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run ${cliCommand()} help <command> (or <command> --help) for the options of a command;
--version prints the version.
Exit codes: 0 success, 1 the platform or the peer refused or failed, 2 usage or configuration error.`;
}

/** The arguments a command reads as its own: those before any `--` (after it comes a command for `dev` to run). */
const ownArguments = (argv: readonly string[]): readonly string[] => {
	const end = argv.indexOf('--');
	return end === -1 ? argv : argv.slice(0, end);
};

/** The client flags every command takes, and whether each takes a value: accepted before the command too. */
const globalFlags: ReadonlyMap<string, boolean> = new Map([
	['--json', false],
	['--platform-url', true],
	['--workspace-id', true],
	['--org-id', true],
	['--token', true],
]);

/**
 * `--json peers` as `peers --json`: the client flags a person puts before the command are moved
 * after it (in their order, before the command's own arguments). Anything else is left as it is.
 */
function commandFirst(argv: readonly string[]): readonly string[] {
	const leading: string[] = [];
	let index = 0;
	while (index < argv.length) {
		const arg = argv[index] ?? '';
		const takesValue = globalFlags.get(arg.split('=')[0] ?? '');
		if (takesValue === undefined) break;
		leading.push(arg);
		index++;
		if (takesValue && !arg.includes('=') && index < argv.length) leading.push(argv[index++] ?? '');
	}
	const name = argv[index];
	if (leading.length === 0 || name === undefined || name.startsWith('-')) return argv;
	return [name, ...leading, ...argv.slice(index + 1)];
}

/** `-h`/`--help` before any `--` asks for help, whatever else is on the line. */
const asksForHelp = (argv: readonly string[]): boolean => ownArguments(argv).some((arg) => arg === '-h' || arg === '--help');

/** `--json` before any `--`: then even a failure prints one JSON document on stdout. */
const asksForJson = (argv: readonly string[]): boolean => ownArguments(argv).includes('--json');

/** Reports a failure as one line on stderr, and as `{ "error" }` on stdout when the command line asked for JSON. */
function fail(argv: readonly string[], line: string, error: string, code: number): number {
	if (asksForJson(argv)) printJson({ error });
	printError(line);
	return code;
}

function unknownCommand(argv: readonly string[], name: string): number {
	if (name.startsWith('-')) {
		const problem = `unknown option '${name}' before the command; options go after it: ${cliCommand()} <command> [options]`;
		return fail(argv, `molecule-a2a: ${problem}`, problem, exitCode.usage);
	}
	return fail(argv, `molecule-a2a: unknown command '${name}' (run ${cliCommand()} --help)`, `unknown command '${name}'`, exitCode.usage);
}

/** `help`, `help <command>`: the same text as `--help` and `<command> --help`. */
function help(argv: readonly string[]): number {
	const [name] = argv;
	if (name === undefined) {
		printLine(toolHelp());
		return exitCode.ok;
	}
	const command = commands.find((candidate) => candidate.name === name);
	if (!command) return unknownCommand(argv, name);
	printLine(command.help);
	return exitCode.ok;
}

/**
 * Runs one `molecule-a2a` command line, printing to this process's stdout and stderr. Never throws.
 *
 * @param argv - the arguments after the program name, e.g. `['send', peerId, 'hello']`
 * @returns the exit code: 0 success, 1 the platform or the peer refused or failed, 2 usage or configuration error
 * @example
 * process.exitCode = await runCli(['peers', '--json']);
 */
export async function runCli(argv: readonly string[]): Promise<number> {
	const [name, ...rest] = commandFirst(argv);
	if (name === undefined || name === '-h' || name === '--help') {
		printLine(toolHelp());
		return name === undefined ? exitCode.usage : exitCode.ok;
	}
	if (name === 'help') return help(rest);
	if (name === '--version') {
		printLine(packageJson.version);
		return exitCode.ok;
	}
	const command = commands.find((candidate) => candidate.name === name);
	if (!command) return unknownCommand(argv, name);
	if (asksForHelp(rest)) {
		printLine(command.help);
		return exitCode.ok;
	}
	try {
		return await command.run(rest);
	} catch (error) {
		if (error instanceof UsageError || isConfigError(error) || isInvalidMessageError(error)) {
			const problem = isConfigError(error) ? configProblem(error) : error.message;
			return fail(rest, `molecule-a2a ${name}: ${problem} (run ${cliCommand()} ${name} --help)`, problem, exitCode.usage);
		}
		const detail = isA2AClientError(error) || error instanceof Error ? error.message : String(error);
		return fail(rest, `molecule-a2a ${name}: ${detail}`, detail, exitCode.remoteFailure);
	}
}
