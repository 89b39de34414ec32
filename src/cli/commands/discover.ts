import { parseArgs } from 'node:util';
import { parseUsage, refuseExtraPositionals, requirePositional } from '../args.js';
import { clientFrom, peerIdArgument } from '../client.js';
import type { Command } from '../command.js';
import { clientOptions, clientOptionsHelp } from '../config.js';
import { discoverFailure, observeFetch } from '../diagnosis.js';
import { exitCode, formatFields, printError, printJson, printLine } from '../output.js';

const help = `Usage: molecule-a2a discover <peer-id> [options]

Resolves a peer: its id, name and agent URL as the registry gives them. With --json prints the
record. Exits 1, printing why and a hint ({ "error", "hint" } with --json), when the platform
refuses the token (HTTP 401), cannot be reached, or refuses the peer as outside this workspace's
reach (HTTP 403, also for an id that does not exist), or when the peer is not found.

${clientOptionsHelp}`;

export const discoverCommand: Command = {
	name: 'discover',
	summary: "resolve a peer's registry record",
	help,
	async run(argv) {
		const { values, positionals } = parseUsage(() => parseArgs({ args: [...argv], options: clientOptions, allowPositionals: true, tokens: true }));
		const peerId = peerIdArgument(requirePositional(positionals, 0, '<peer-id>'));
		refuseExtraPositionals(positionals, 1);
		const observer = observeFetch();
		const peer = await (await clientFrom(values, { fetch: observer.fetch })).discoverPeer(peerId);
		if (peer === null) {
			const failure = discoverFailure(observer.last(), peerId);
			if (values.json) printJson(failure);
			printError(failure.error);
			if (failure.hint !== null) printError(`hint: ${failure.hint}`);
			return exitCode.remoteFailure;
		}
		if (values.json) printJson(peer);
		else for (const line of formatFields(peer)) printLine(line);
		return exitCode.ok;
	},
};
