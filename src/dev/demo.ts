import { agents } from './agents.js';
import type { DevWorkspace } from './types.js';

/** A ready-made organisation for examples and the CLI. */
export interface DemoOrg {
	workspaces: DevWorkspace[];
	/** Workspace ids by short name: `orchestrator`, `echo`, `researcher`, … */
	ids: Record<string, string>;
	/** The default caller: the Orchestrator. */
	caller: string;
}

const demoIds = {
	orchestrator: 'a2a00000-0000-4000-8000-000000000001',
	echo: 'a2a00000-0000-4000-8000-000000000002',
	researcher: 'a2a00000-0000-4000-8000-000000000003',
	flaky: 'a2a00000-0000-4000-8000-000000000004',
	crasher: 'a2a00000-0000-4000-8000-000000000005',
	busy: 'a2a00000-0000-4000-8000-000000000006',
	sleeper: 'a2a00000-0000-4000-8000-000000000007',
	archived: 'a2a00000-0000-4000-8000-000000000008',
	finance: 'a2a00000-0000-4000-8000-000000000009',
	auditor: 'a2a00000-0000-4000-8000-00000000000a',
} as const;

type DemoName = keyof typeof demoIds;

function member(name: DemoName, fields: Omit<DevWorkspace, 'id' | 'tokens'>): DevWorkspace {
	return { id: demoIds[name], tokens: [`dev-token-${name}`], ...fields };
}

/**
 * A root "Orchestrator" (the default caller) whose children each show one behaviour, and a second
 * root "Finance" whose child "Auditor" lies outside the Orchestrator's hierarchy. Ids and tokens
 * (`dev-token-<name>`) are fixed so examples can name them. Each call builds fresh workspaces.
 */
export function demoOrg(): DemoOrg {
	const orchestrator = demoIds.orchestrator;
	const workspaces: DevWorkspace[] = [
		member('orchestrator', { name: 'Orchestrator', role: 'coordinator', description: 'the default caller; replies "on it"', agent: agents.reply('on it') }),
		member('echo', { name: 'Echo', role: 'echo', parentId: orchestrator, description: 'echoes the text it receives', agent: agents.echo() }),
		member('researcher', {
			name: 'Researcher',
			role: 'research',
			parentId: orchestrator,
			description: 'replies with a completed Task holding one artifact',
			agent: agents.task('Findings: the platform routes every message through its A2A proxy.'),
		}),
		member('flaky', {
			name: 'Flaky',
			role: 'worker',
			parentId: orchestrator,
			description: 'answers a JSON-RPC error -32603 (model quota exhausted)',
			agent: agents.jsonRpcError(-32603, 'Internal error: model quota exhausted'),
		}),
		member('crasher', {
			name: 'Crasher',
			role: 'worker',
			parentId: orchestrator,
			description: 'replies "Agent error: …" as a crashing runtime does',
			agent: agents.agentError('RuntimeError: tool call failed'),
		}),
		member('busy', { name: 'Busy', role: 'worker', parentId: orchestrator, description: 'always busy: messages are queued (202)', agent: agents.busy() }),
		member('sleeper', {
			name: 'Sleeper',
			role: 'worker',
			parentId: orchestrator,
			status: 'hibernated',
			description: 'hibernated: answers 503 waking, then replies 15 s after the first message',
			agent: agents.reply('good morning: I was hibernating'),
		}),
		member('archived', {
			name: 'Archived',
			role: 'worker',
			parentId: orchestrator,
			status: 'removed',
			removedAt: '2026-01-01T00:00:00Z',
			description: 'removed: info answers 410 and its token no longer works',
			agent: agents.echo(),
		}),
		member('finance', { name: 'Finance', role: 'finance', description: 'a second root, reachable from the Orchestrator', agent: agents.reply('budget approved') }),
		member('auditor', {
			name: 'Auditor',
			role: 'audit',
			parentId: demoIds.finance,
			description: "outside the Orchestrator's hierarchy: 403 from discover and the proxy",
			agent: agents.echo('audited: '),
		}),
	];
	return { workspaces, ids: { ...demoIds }, caller: orchestrator };
}
