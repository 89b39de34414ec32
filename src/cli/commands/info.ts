import { parseArgs } from 'node:util';
import { isRemovedWorkspace, isWorkspaceInfo, type RemovedWorkspace, type WorkspaceInfoFailure, type WorkspaceInfoResult } from '../../index.js';
import { parseUsage, refuseExtraPositionals } from '../args.js';
import { clientFrom } from '../client.js';
import type { Command } from '../command.js';
import { clientOptions, clientOptionsHelp } from '../config.js';
import { infoFailure, observeFetch, type Exchange } from '../diagnosis.js';
import { exitCode, formatFields, printError, printJson, printLine } from '../output.js';

const help = `Usage: molecule-a2a info [options]

Shows this workspace as the platform describes it. With --json prints the platform's answer, or
{ "error": "removed", "id", "removed_at", "hint" } for a removed workspace (HTTP 410), or
{ "error", "hint" } for any other failure (the error tells a refused token, HTTP 401 or 403, from
an unknown workspace, HTTP 404, and a platform error, 5xx); both exit 1.

${clientOptionsHelp}`;

function reportFailure(result: RemovedWorkspace | WorkspaceInfoFailure, exchange: Exchange | undefined, workspaceId: string): void {
	if (!isRemovedWorkspace(result)) {
		const { error, hint } = infoFailure(exchange, workspaceId, result.error);
		printError(`cannot get workspace info: ${error}`);
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
		const { values, positionals } = parseUsage(() => parseArgs({ args: [...argv], options: clientOptions, allowPositionals: true, tokens: true }));
		refuseExtraPositionals(positionals, 0);
		const observer = observeFetch();
		const client = await clientFrom(values, { fetch: observer.fetch });
		const info: WorkspaceInfoResult = await client.getWorkspaceInfo();
		if (values.json) printJson(isWorkspaceInfo(info) || isRemovedWorkspace(info) ? info : infoFailure(observer.last(), client.workspaceId, info.error));
		if (!isWorkspaceInfo(info)) {
			reportFailure(info, observer.last(), client.workspaceId);
			return exitCode.remoteFailure;
		}
		if (!values.json) for (const line of formatFields(info)) printLine(line);
		return exitCode.ok;
	},
};
