import process from 'node:process';
import { parseArgs } from 'node:util';
import { createA2AClient, formatA2AError, formatA2AQueued, isConfigError, isInvalidMessageError, type SendOutcome } from '../../index.js';
import { parseUsage, requirePositional, UsageError } from '../args.js';
import { peerIdArgument } from '../client.js';
import type { Command } from '../command.js';
import { clientConfig, clientOptions, clientOptionsHelp } from '../config.js';
import { hintForError } from '../../hints.js';
import { exitCode, printError, printJson, printLine } from '../output.js';
import { retryProgress } from '../progress.js';

const help = `Usage: molecule-a2a send <peer-id> <message | -> [options]

Sends a message to a peer through the platform's A2A proxy and prints the reply. With - the
message is read from stdin. Transient failures are retried; each retry is shown on stderr.
A queued message prints the [A2A_QUEUED] line; a failure prints the [A2A_ERROR] string and the
canvas hint on stderr and exits 1. With --json prints { "status", … } on stdout.

  --max-attempts N     attempts in all, the first included (default 5)
  --timeout SECONDS    time limit of each attempt (default 300)
${clientOptionsHelp}`;

const options = { ...clientOptions, 'max-attempts': { type: 'string' }, timeout: { type: 'string' } } as const;

/** A positive number flag, or a usage error naming it. */
function positiveNumber(flag: string, value: string, integer: boolean): number {
	const number = Number(value);
	if (value.trim() === '' || !(number > 0) || (integer && !Number.isInteger(number))) {
		throw new UsageError(`--${flag} must be a positive ${integer ? 'integer' : 'number'}, got '${value}'`);
	}
	return number;
}

async function readStdin(): Promise<string> {
	process.stdin.setEncoding('utf8');
	let text = '';
	for await (const chunk of process.stdin) text += String(chunk);
	return text;
}

/** The message from the arguments, or from stdin for `-`, whose one trailing newline is the shell's, not the sender's. */
async function messageArgument(words: readonly string[]): Promise<string> {
	if (words.length === 0) throw new UsageError('missing <message> (or - to read it from stdin)');
	const message = words.length === 1 && words[0] === '-' ? (await readStdin()).replace(/\r?\n$/, '') : words.join(' ');
	// A blank message is refused by sendMessage (a usage error below), so the CLI and the API apply one rule.
	return message;
}

function report(outcome: SendOutcome, peerId: string, json: boolean): number {
	const { attempts, messageId } = outcome;
	if (outcome.status === 'replied') {
		const { text, parts, files, taskState } = outcome;
		if (json) printJson({ status: 'replied', text, parts, files, ...(taskState !== undefined && { taskState }), attempts, messageId });
		else {
			printLine(parts.length > 0 ? text : '(no response)');
			for (const file of files) printLine(`file: ${file.name ?? file.uri ?? ''} ${file.uri ?? ''}`.trimEnd());
		}
		return exitCode.ok;
	}
	if (outcome.status === 'queued') {
		const { status, ...details } = outcome;
		if (json) printJson({ status, line: formatA2AQueued(peerId), ...details });
		else printLine(formatA2AQueued(peerId));
		return exitCode.ok;
	}
	const error = formatA2AError(outcome.error);
	const hint = hintForError(error);
	if (json) printJson({ status: 'failed', error, hint, attempts, messageId });
	printError(error);
	printError(`hint: ${hint}`);
	return exitCode.remoteFailure;
}

export const sendCommand: Command = {
	name: 'send',
	summary: 'send a message to a peer and print the reply',
	help,
	async run(argv) {
		const { values, positionals } = parseUsage(() => parseArgs({ args: [...argv], options, allowPositionals: true }));
		const peerId = peerIdArgument(requirePositional(positionals, 0, '<peer-id>'));
		const maxAttempts = values['max-attempts'] === undefined ? undefined : positiveNumber('max-attempts', values['max-attempts'], true);
		const timeoutMs = values.timeout === undefined ? undefined : positiveNumber('timeout', values.timeout, false) * 1000;
		const client = createA2AClient({ ...clientConfig(values, process.env), ...(maxAttempts !== undefined && { retry: { maxAttempts } }) });
		const message = await messageArgument(positionals.slice(1));
		const outcome = await client.sendMessage(peerId, message, {
			onRetry: (event) => printError(retryProgress(event)),
			...(timeoutMs !== undefined && { timeoutMs }),
		});
		// Nothing was delivered: the configuration or the message is at fault, not the peer.
		if (outcome.status === 'failed' && (isConfigError(outcome.error) || isInvalidMessageError(outcome.error))) {
			throw new UsageError(outcome.error.message);
		}
		return report(outcome, peerId, values.json === true);
	},
};
