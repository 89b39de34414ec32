import process from 'node:process';
import { parseArgs } from 'node:util';
import { formatA2AError, formatA2AQueued, isConfigError, isInvalidMessageError, type SendOutcome } from '../../index.js';
import { maxRequestBytes } from '../../outgoing.js';
import { parseUsage, requirePositional, UsageError } from '../args.js';
import { clientFrom, peerIdArgument } from '../client.js';
import type { Command } from '../command.js';
import { clientOptions, clientOptionsHelp } from '../config.js';
import { observeFetch, sendHint } from '../diagnosis.js';
import { hintForFailure } from '../../hints.js';
import { exitCode, printError, printJson, printLine } from '../output.js';
import { retryProgress } from '../progress.js';
import { readUtf8Text } from '../stdin.js';

/** The longest `--timeout`: a timer's range, 2^31 - 1 ms, in whole seconds. */
const maxTimeoutSeconds = Math.floor((2 ** 31 - 1) / 1000);

const help = `Usage: molecule-a2a send <peer-id> <message | -> [options]

Sends a message to a peer through the platform's A2A proxy and prints the reply. With - the
message is read from stdin: UTF-8, at most the platform's request limit (${maxRequestBytes} bytes)
for the whole request, of which the JSON-RPC envelope takes about 200 bytes.
Transient failures are retried; each retry is shown on stderr. A queued message prints the
[A2A_QUEUED] line; a failure prints the [A2A_ERROR] string and a hint on stderr and exits 1.
With --json prints { "status", … } on stdout.

  --max-attempts N     attempts in all, the first included: 1 to 100 (default 5)
  --timeout SECONDS    time limit of each attempt: 0.001 to ${maxTimeoutSeconds} (default 300); the
                       attempts and the waits between them stop after 600 seconds in all
${clientOptionsHelp}`;

const options = { ...clientOptions, 'max-attempts': { type: 'string' }, timeout: { type: 'string' } } as const;

/** A number flag within `[min, max]`, or a usage error naming the flag in its own units. */
function numberFlag(flag: string, value: string, min: number, max: number, kind: 'an integer' | 'a number of seconds'): number {
	const number = Number(value);
	if (value.trim() === '' || !(number >= min && number <= max) || (kind === 'an integer' && !Number.isInteger(number))) {
		throw new UsageError(`--${flag} must be ${kind} from ${min} to ${max}, got '${value}'`);
	}
	return number;
}

async function readStdin(): Promise<string> {
	return readUtf8Text(process.stdin, maxRequestBytes, 'the message on stdin');
}

/** The message from the arguments, or from stdin for `-`, whose one trailing newline is the shell's, not the sender's. */
async function messageArgument(words: readonly string[]): Promise<string> {
	if (words.length === 0) throw new UsageError('missing <message> (or - to read it from stdin)');
	const message = words.length === 1 && words[0] === '-' ? (await readStdin()).replace(/\r?\n$/, '') : words.join(' ');
	// A blank message is refused by sendMessage (a usage error below), so the CLI and the API apply one rule.
	return message;
}

function report(outcome: SendOutcome, peerId: string, json: boolean, addressHint: () => string | null): number {
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
	// An answer that is not the platform's blames the address, not the peer the canvas table would.
	const hint = addressHint() ?? hintForFailure(outcome.error);
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
		const { values, positionals } = parseUsage(() => parseArgs({ args: [...argv], options, allowPositionals: true, tokens: true }));
		const peerId = peerIdArgument(requirePositional(positionals, 0, '<peer-id>'));
		const maxAttempts = values['max-attempts'] === undefined ? undefined : numberFlag('max-attempts', values['max-attempts'], 1, 100, 'an integer');
		// Whole milliseconds: the client's timers and its messages count in them.
		const timeoutMs =
			values.timeout === undefined ? undefined : Math.max(1, Math.round(numberFlag('timeout', values.timeout, 0.001, maxTimeoutSeconds, 'a number of seconds') * 1000));
		const observer = observeFetch();
		const client = await clientFrom(values, { fetch: observer.fetch, ...(maxAttempts === undefined ? {} : { retry: { maxAttempts } }) });
		const message = await messageArgument(positionals.slice(1));
		const outcome = await client.sendMessage(peerId, message, {
			onRetry: (event) => printError(retryProgress(event)),
			...(timeoutMs !== undefined && { timeoutMs }),
		});
		// Nothing was delivered: the configuration or the message is at fault, not the peer.
		if (outcome.status === 'failed' && (isConfigError(outcome.error) || isInvalidMessageError(outcome.error))) throw outcome.error;
		return report(outcome, peerId, values.json === true, () => sendHint(observer.last(), client.workspaceId));
	},
};
