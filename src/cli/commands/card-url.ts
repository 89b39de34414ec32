import { parseArgs } from 'node:util';
import { validatePeerId } from '../../index.js';
import { parseUsage, refuseExtraPositionals, requirePositional, UsageError } from '../args.js';
import { clientFrom } from '../client.js';
import type { Command } from '../command.js';
import { clientOptions, clientOptionsHelp } from '../config.js';
import { exitCode, printJson, printLine } from '../output.js';

const help = `Usage: molecule-a2a card-url <peer-id> [options]

Prints the URL of a peer's agent card on the platform (no request is made; no workspace id is
needed). With --json prints { "url" }. Exits 2 when the peer id is not a UUID.

${clientOptionsHelp}`;

export const cardUrlCommand: Command = {
	name: 'card-url',
	summary: "print the URL of a peer's agent card",
	help,
	async run(argv) {
		const { values, positionals } = parseUsage(() => parseArgs({ args: [...argv], options: clientOptions, allowPositionals: true, tokens: true }));
		const peerId = requirePositional(positionals, 0, '<peer-id>');
		refuseExtraPositionals(positionals, 1);
		// The card's URL is the platform's and the peer's: no workspace id is needed to print it.
		const canonicalId = validatePeerId(peerId);
		if (canonicalId === null) throw new UsageError(`invalid peer id '${peerId}' (expected a UUID)`);
		const url = (await clientFrom(values, {}, canonicalId)).agentCardUrl(canonicalId);
		if (url === null) throw new UsageError(`invalid peer id '${peerId}' (expected a UUID)`);
		if (values.json) printJson({ url });
		else printLine(url);
		return exitCode.ok;
	},
};
