import { parseArgs } from 'node:util';
import type { PeerRecord } from '../../index.js';
import { parseUsage, refuseExtraPositionals } from '../args.js';
import { clientFrom } from '../client.js';
import type { Command } from '../command.js';
import { clientOptions, clientOptionsHelp } from '../config.js';
import { observeFetch, peersHint } from '../diagnosis.js';
import { exitCode, formatTable, printError, printJson, printLine } from '../output.js';

const help = `Usage: molecule-a2a peers [--q TEXT] [options]

Lists the workspaces this workspace may message. With --json prints { "peers", "diagnostic", "hint" }.
Exits 1 when the platform could not give the list: the diagnostic says why, the hint what to check
(the token for HTTP 401, the platform URL when nothing answers or for HTTP 404).

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
			parseArgs({ args: [...argv], options: { ...clientOptions, q: { type: 'string' } }, allowPositionals: true, tokens: true }),
		);
		refuseExtraPositionals(positionals, 0);
		const observer = observeFetch();
		const client = await clientFrom(values, { fetch: observer.fetch });
		const listing = await client.listPeers({ q: values.q });
		const hint = listing.diagnostic === null ? null : peersHint(observer.last(), client.workspaceId);
		if (values.json) printJson({ ...listing, hint });
		else if (listing.diagnostic === null) {
			if (listing.peers.length === 0) printLine(values.q ? `No peers match '${values.q}'.` : 'No peers.');
			else for (const line of peerRows(listing.peers)) printLine(line);
		}
		if (listing.diagnostic === null) return exitCode.ok;
		printError(listing.diagnostic);
		if (hint !== null) printError(`hint: ${hint}`);
		return exitCode.remoteFailure;
	},
};
