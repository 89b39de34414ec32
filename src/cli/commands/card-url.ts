import { parseArgs } from 'node:util';
import { parseUsage, refuseExtraPositionals, requirePositional, UsageError } from '../args.js';
import { clientFrom } from '../client.js';
import type { Command } from '../command.js';
import { clientOptions, clientOptionsHelp } from '../config.js';
import { exitCode, printJson, printLine } from '../output.js';

const help = `Usage: molecule-a2a card-url <peer-id> [options]

Prints the URL of a peer's agent card on the platform (no request is made). With --json prints
{ "url" }. Exits 2 when the peer id is not a UUID.

${clientOptionsHelp}`;

export const cardUrlCommand: Command = {
	name: 'card-url',
	summary: "print the URL of a peer's agent card",
	help,
	async run(argv) {
		const { values, positionals } = parseUsage(() => parseArgs({ args: [...argv], options: clientOptions, allowPositionals: true }));
		const peerId = requirePositional(positionals, 0, '<peer-id>');
		refuseExtraPositionals(positionals, 1);
		const url = (await clientFrom(values)).agentCardUrl(peerId);
		if (url === null) throw new UsageError(`invalid peer id '${peerId}' (expected a UUID)`);
		if (values.json) printJson({ url });
		else printLine(url);
		return exitCode.ok;
	},
};
