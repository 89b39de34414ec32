import { parseArgs } from 'node:util';
import type { PeerRecord } from '../../index.js';
import { parseUsage, refuseExtraPositionals } from '../args.js';
import { clientFrom } from '../client.js';
import type { Command } from '../command.js';
import { clientOptions, clientOptionsHelp } from '../config.js';
import { exitCode, formatTable, printError, printJson, printLine } from '../output.js';

const help = `Usage: molecule-a2a peers [--q TEXT] [options]

Lists the workspaces this workspace may message. With --json prints { "peers", "diagnostic" }.
Exits 1 when the platform could not give the list (the diagnostic says why).

  --q TEXT             only peers whose name or role contains TEXT (case-insensitive)
${clientOptionsHelp}`;

const cell = (value: string | null | undefined): string => value ?? '-';

function peerRows(peers: readonly PeerRecord[]): string[] {
	return formatTable(
		['ID', 'NAME', 'ROLE', 'STATUS'],
		peers.map((peer) => [peer.id, cell(peer.name), cell(peer.role), cell(peer.status)]),
	);
}

export const peersCommand: Command = {
	name: 'peers',
	summary: 'list the peers this workspace may message',
	help,
	async run(argv) {
		const { values, positionals } = parseUsage(() =>
			parseArgs({ args: [...argv], options: { ...clientOptions, q: { type: 'string' } }, allowPositionals: true }),
		);
		refuseExtraPositionals(positionals, 0);
		const listing = await clientFrom(values).listPeers({ q: values.q });
		if (values.json) printJson(listing);
		else if (listing.diagnostic === null) {
			if (listing.peers.length === 0) printLine(values.q ? `No peers match '${values.q}'.` : 'No peers.');
			else for (const line of peerRows(listing.peers)) printLine(line);
		}
		if (listing.diagnostic === null) return exitCode.ok;
		printError(listing.diagnostic);
		return exitCode.remoteFailure;
	},
};
