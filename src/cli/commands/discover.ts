import { parseArgs } from 'node:util';
import { parseUsage, refuseExtraPositionals, requirePositional } from '../args.js';
import { clientFrom, peerIdArgument } from '../client.js';
import type { Command } from '../command.js';
import { clientOptions, clientOptionsHelp } from '../config.js';
import { exitCode, formatFields, printError, printJson, printLine } from '../output.js';

const help = `Usage: molecule-a2a discover <peer-id> [options]

Resolves a peer: its id, name and agent URL as the registry gives them. With --json prints the
record, or null. Exits 1 when the peer is unknown or outside this workspace's reach.

${clientOptionsHelp}`;

export const discoverCommand: Command = {
	name: 'discover',
	summary: "resolve a peer's registry record",
	help,
	async run(argv) {
		const { values, positionals } = parseUsage(() => parseArgs({ args: [...argv], options: clientOptions, allowPositionals: true }));
		const peerId = peerIdArgument(requirePositional(positionals, 0, '<peer-id>'));
		refuseExtraPositionals(positionals, 1);
		const peer = await clientFrom(values).discoverPeer(peerId);
		if (values.json) printJson(peer);
		if (peer === null) {
			printError(`peer ${peerId} was not found, or this workspace may not reach it`);
			return exitCode.remoteFailure;
		}
		if (!values.json) for (const line of formatFields(peer)) printLine(line);
		return exitCode.ok;
	},
};
