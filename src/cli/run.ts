import { isA2AClientError, isConfigError } from '../index.js';
import { UsageError } from './args.js';
import type { Command } from './command.js';
import { cardUrlCommand } from './commands/card-url.js';
import { demoCommand } from './commands/demo.js';
import { devCommand } from './commands/dev.js';
import { discoverCommand } from './commands/discover.js';
import { infoCommand } from './commands/info.js';
import { peersCommand } from './commands/peers.js';
import { sendCommand } from './commands/send.js';
import { exitCode, printError, printLine } from './output.js';

const commands: readonly Command[] = [devCommand, demoCommand, peersCommand, discoverCommand, infoCommand, sendCommand, cardUrlCommand];

function toolHelp(): string {
	const width = Math.max(...commands.map((command) => command.name.length));
	return `Usage: molecule-a2a <command> [options]

Agent-to-agent messaging on the Molecule AI platform, and a local dev platform to try it on.

Commands:
${commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run molecule-a2a <command> --help for the options of a command.
Exit codes: 0 success, 1 the platform or the peer refused or failed, 2 usage or configuration error.`;
}

/** `-h`/`--help` before any `--` asks for help, whatever else is on the line. */
function asksForHelp(argv: readonly string[]): boolean {
	const end = argv.indexOf('--');
	return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '-h' || arg === '--help');
}

/** Runs one command line; resolves with the exit code. Never throws. */
export async function runCli(argv: readonly string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
		printLine(toolHelp());
		return name === undefined ? exitCode.usage : exitCode.ok;
	}
	const command = commands.find((candidate) => candidate.name === name);
	if (!command) {
		printError(`molecule-a2a: unknown command '${name}' (run molecule-a2a --help)`);
		return exitCode.usage;
	}
	if (asksForHelp(rest)) {
		printLine(command.help);
		return exitCode.ok;
	}
	try {
		return await command.run(rest);
	} catch (error) {
		if (error instanceof UsageError || isConfigError(error)) {
			printError(`molecule-a2a ${name}: ${error.message} (run molecule-a2a ${name} --help)`);
			return exitCode.usage;
		}
		const detail = isA2AClientError(error) || error instanceof Error ? error.message : String(error);
		printError(`molecule-a2a ${name}: ${detail}`);
		return exitCode.remoteFailure;
	}
}
