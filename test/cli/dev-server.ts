import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import { demoOrg } from '../../src/dev/index.js';
import { ensureBuilt } from './build.js';
import { firstLine, spawnCli, stop } from './process.js';

export const demo = demoOrg();

/** The demo workspace id of `name` (`echo`, `auditor`, …). */
export function demoId(name: string): string {
	const id = demo.ids[name];
	if (id === undefined) throw new Error(`no demo workspace '${name}'`);
	return id;
}

export interface DevWorkspaceSummary {
	id: string;
	name: string;
	role: string | null;
	token: string | null;
	agent: string | null;
}

export interface DevServer {
	platformUrl: string;
	workspaces: DevWorkspaceSummary[];
	process: ChildProcess;
	/** The environment of the demo caller, the Orchestrator. */
	callerEnv: Record<string, string>;
	stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `molecule-a2a dev --json --port 0` on 127.0.0.1, ready once its JSON line is out. */
export async function startDev(extraArgs: readonly string[] = []): Promise<DevServer> {
	const child = spawnCli(['dev', '--json', '--host', '127.0.0.1', '--port', '0', ...extraArgs]);
	try {
		const ready = JSON.parse(await firstLine(child)) as { platformUrl: string; workspaces: DevWorkspaceSummary[] };
		return {
			...ready,
			process: child,
			callerEnv: { PLATFORM_URL: ready.platformUrl, WORKSPACE_ID: demo.caller, MOLECULE_WORKSPACE_TOKEN: 'dev-token-orchestrator' },
			stop: () => stop(child),
		};
	} catch (error) {
		await stop(child, 'SIGKILL');
		throw error;
	}
}

/**
 * One `molecule-a2a dev` server for the whole test file (the CLI built first), stopped after its
 * tests; `use` receives it once it listens.
 */
export function useDevServer(use: (server: DevServer) => void): void {
	let server: DevServer | undefined;
	beforeAll(async () => {
		await ensureBuilt();
		server = await startDev();
		use(server);
	}, 180_000);
	afterAll(async () => {
		await server?.stop();
	});
}
