import type { AgentHandler } from './agent-types.js';
import { agents } from './agents.js';
import type { DevWorkspace } from './types.js';

/**
 * A ready-made organisation for examples, tests and the CLI, as `demoOrg()` builds it.
 *
 * @example
 * const { workspaces, ids, caller } = demoOrg();
 */
export interface DemoOrg {
	/** Fresh workspaces, ready for `createDevPlatform({ workspaces })`; each has the token `dev-token-<short name>`. */
	workspaces: DevWorkspace[];
	/** Workspace ids by short name: `orchestrator`, `echo`, `researcher`, … */
	ids: Record<string, string>;
	/** The default caller: the Orchestrator. */
	caller: string;
	/**
	 * The platform's admin token, for canvas-class calls (a human at the canvas): pass it as
	 * `createDevPlatform({ adminToken })` and send it as `Authorization: Bearer …`.
	 */
	adminToken: string;
}

/**
 * The admin token `demoOrg()` and `molecule-a2a dev` use: a canvas-class credential (contract §2.6).
 *
 * @example
 * createDevPlatform({ workspaces: demoOrg().workspaces, adminToken: demoAdminToken });
 */
export const demoAdminToken = 'dev-admin-token';

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
	inbox: 'a2a00000-0000-4000-8000-00000000000b',
} as const;

type DemoName = keyof typeof demoIds;

interface Member extends Omit<DevWorkspace, 'id' | 'tokens' | 'description'> {
	description: string;
	agent?: AgentHandler;
}

function member(name: DemoName, fields: Member): DevWorkspace {
	return { id: demoIds[name], tokens: [`dev-token-${name}`], ...fields };
}

/**
 * A root "Orchestrator" (the default caller) whose children each show one behaviour of today's
 * platform, and a second root "Finance" with its child "Auditor": another organisation, which the
 * Orchestrator cannot reach (roots are not siblings). Ids, tokens (`dev-token-<name>`) and the
 * admin token (`dev-admin-token`) are fixed so examples can name them. Each call builds fresh workspaces.
 *
 * @example
 * const org = demoOrg();
 * const platform = createDevPlatform({ workspaces: org.workspaces, adminToken: org.adminToken });
 * const client = createA2AClient({ workspaceId: org.caller, token: 'dev-token-orchestrator', fetch: platform.fetch });
 */
export function demoOrg(): DemoOrg {
	const orchestrator = demoIds.orchestrator;
	const child = { parentId: orchestrator, role: 'worker' };
	const workspaces: DevWorkspace[] = [
		member('orchestrator', { name: 'Orchestrator', role: 'coordinator', description: 'the default caller; replies "on it"', agent: agents.reply('on it') }),
		member('echo', { ...child, name: 'Echo', role: 'echo', description: 'echoes the text it receives', agent: agents.echo() }),
		member('researcher', {
			...child,
			name: 'Researcher',
			role: 'research',
			description: 'replies with a completed Task holding one artifact',
			agent: agents.task('Findings: the platform routes every message through its A2A proxy.'),
		}),
		member('flaky', {
			...child,
			name: 'Flaky',
			description: 'answers a JSON-RPC error -32603 (model quota exhausted)',
			agent: agents.jsonRpcError(-32603, 'Internal error: model quota exhausted'),
		}),
		member('crasher', { ...child, name: 'Crasher', description: 'replies "Agent error: …" as a crashing runtime does', agent: agents.agentError('RuntimeError: tool call failed') }),
		member('busy', { ...child, name: 'Busy', description: 'always busy: messages are queued (202)', agent: agents.busy() }),
		member('sleeper', {
			...child,
			name: 'Sleeper',
			status: 'hibernated',
			description: 'hibernated: answers 503 waking, then replies 15 s after the first message',
			agent: agents.reply('good morning: I was hibernating'),
		}),
		member('archived', {
			...child,
			name: 'Archived',
			status: 'removed',
			removedAt: '2026-01-01T00:00:00Z',
			description: 'removed: info answers 410 and its token no longer works',
			agent: agents.echo(),
		}),
		member('inbox', {
			...child,
			name: 'Inbox',
			role: 'inbox',
			deliveryMode: 'poll',
			description: 'poll mode: messages wait in its activity feed (200 queued)',
		}),
		member('finance', {
			name: 'Finance',
			role: 'finance',
			description: 'a second root, its own organisation: not reachable from the Orchestrator (403)',
			agent: agents.reply('budget approved'),
		}),
		member('auditor', {
			name: 'Auditor',
			role: 'audit',
			parentId: demoIds.finance,
			description: "Finance's child: reachable from Finance, not from the Orchestrator",
			agent: agents.echo('audited: '),
		}),
	];
	return { workspaces, ids: { ...demoIds }, caller: orchestrator, adminToken: demoAdminToken };
}
