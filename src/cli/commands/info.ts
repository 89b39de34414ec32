import { parseArgs } from 'node:util';
import { isRemovedWorkspace, isWorkspaceInfo, type RemovedWorkspace, type WorkspaceInfoFailure, type WorkspaceInfoResult } from '../../index.js';
import { parseUsage, refuseExtraPositionals } from '../args.js';
import { clientFrom } from '../client.js';
import type { Command } from '../command.js';
import { clientOptions, clientOptionsHelp } from '../config.js';
import { infoHint, observeFetch, type Exchange } from '../diagnosis.js';
import { exitCode, formatFields, printError, printJson, printLine } from '../output.js';

const help = `Usage: molecule-a2a info [options]

Shows this workspace as the platform describes it. With --json prints the platform's answer, or
{ "error": "removed", "id", "removed_at", "hint" } for a removed workspace (HTTP 410), or
{ "error" } for any other failure; both exit 1.

${clientOptionsHelp}`;

function reportFailure(result: RemovedWorkspace | WorkspaceInfoFailure, exchange: Exchange | undefined, workspaceId: string): void {
	if (!isRemovedWorkspace(result)) {
		printError(`cannot get workspace info: ${result.error}`);
		const hint = infoHint(exchange, workspaceId);
		if (hint !== null) printError(`hint: ${hint}`);
		return;
	}
	printError(`workspace ${result.id ?? ''} was removed${result.removed_at ? ` at ${result.removed_at}` : ''} (HTTP 410)`);
	if (result.hint) printError(`hint: ${result.hint}`);
}

export const infoCommand: Command = {
	name: 'info',
	summary: 'show this workspace as the platform describes it',
	help,
	async run(argv) {
		const { values, positionals } = parseUsage(() => parseArgs({ args: [...argv], options: clientOptions, allowPositionals: true }));
		refuseExtraPositionals(positionals, 0);
		const observer = observeFetch();
		const client = clientFrom(values, { fetch: observer.fetch });
		const info: WorkspaceInfoResult = await client.getWorkspaceInfo();
		if (values.json) printJson(info);
		if (!isWorkspaceInfo(info)) {
			reportFailure(info, observer.last(), client.workspaceId);
			return exitCode.remoteFailure;
		}
		if (!values.json) for (const line of formatFields(info)) printLine(line);
		return exitCode.ok;
	},
};
