// Issue 12 trial: every agent call checks its arguments before anything is sent, and a bad one is a
// ConfigError naming the field (not a TransportError from ky, nor a 400 from the platform naming nothing).
import { describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../src/agent/index.js';
import { isConfigError } from '../../src/index.js';
import { AGENT, PEER, PLATFORM, scriptedAgent } from './helpers.js';
import { json, routes } from './routes.js';

/** A 20 MiB string: over the platform's 16 MiB request limit. */
const huge = 'x'.repeat(20 << 20);

/** Answers every call the agent may make, so a refusal can only come from the agent itself. */
function anything() {
	return routes({
		'POST /registry/register': () => json({ status: 'registered', delivery_mode: 'poll' }),
		'POST /registry/heartbeat': () => json({ status: 'ok', generation: 1 }),
		'POST /registry/update-card': () => json({ status: 'updated' }),
		'POST /workspaces/:id/delegate': () => json({ delegation_id: 'd-1', status: 'delegated' }, 202),
		'GET /workspaces/:id/delegations': () => json([]),
		'POST /workspaces/:id/notify': () => json({ status: 'sent' }),
		'POST /workspaces/:id/activity': () => json({ status: 'logged' }),
		'POST /workspaces/:id/memories': () => json({ id: 'm-1', scope: 'LOCAL' }, 201),
		'GET /workspaces/:id/memories': () => json([]),
		'GET /uploads/limits': () => json({ per_file_bytes: 100, per_request_bytes: 100, max_attachments_per_message: 3 }),
	});
}

/** The field of the ConfigError `call` rejects with, having sent nothing; fails otherwise. */
async function refusedField(call: (agent: Agent) => Promise<unknown>, options: Record<string, unknown> = {}): Promise<string> {
	const { fetch, calls } = anything();
	const { agent } = scriptedAgent(fetch, options);
	const error = await call(agent).then(
		() => new Error('not refused'),
		(caught: unknown) => caught,
	);
	expect(calls.map((sent) => `${sent.method} ${sent.path}`)).toEqual([]);
	if (!isConfigError(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
	return error.field;
}

const cycle = (): Record<string, unknown> => {
	const value: Record<string, unknown> = { name: 'loop' };
	value['self'] = value;
	return value;
};

describe('a value JSON cannot carry is a ConfigError naming where it is, before anything is sent', () => {
	it.each([
		['a BigInt in the card', () => ({ n: 1n }), 'card.n'],
		['a cycle in the card', cycle, 'card.self'],
		['a function in the card', () => ({ name: 'f', run: () => 1 }), 'card.run'],
		['a symbol deep in the card', () => ({ skills: [{ id: Symbol('s') }] }), 'card.skills.0.id'],
	])('updateCard with %s', async (_, card, field) => {
		expect(await refusedField((agent) => agent.updateCard(card()))).toBe(field);
	});

	it('createAgent with a BigInt in the card', () => {
		let error: unknown;
		try {
			createAgent({ workspaceId: AGENT, platformUrl: PLATFORM, card: { n: 1n } });
		} catch (caught) {
			error = caught;
		}
		expect(isConfigError(error) && error.field).toBe('card.n');
	});

	it('logActivity with a BigInt in the metadata or a cycle in the request body', async () => {
		expect(await refusedField((agent) => agent.logActivity({ type: 'agent_log', metadata: { x: 1n } }))).toBe('entry.metadata.x');
		expect(await refusedField((agent) => agent.logActivity({ type: 'agent_log', requestBody: cycle() }))).toBe('entry.requestBody.self');
	});
});

describe('a body over the platform request limit (16 MiB) is refused naming the field, not sent', () => {
	it.each([
		['notifyUser', (agent: Agent) => agent.notifyUser(huge), 'message'],
		['delegate', (agent: Agent) => agent.delegate(PEER, huge), 'task'],
		['memories.commit', (agent: Agent) => agent.memories.commit(huge), 'content'],
		['logActivity', (agent: Agent) => agent.logActivity({ type: 'agent_log', summary: huge }), 'entry.summary'],
		['heartbeat', (agent: Agent) => agent.heartbeat({ currentTask: huge }), 'report.currentTask'],
		['updateCard', (agent: Agent) => agent.updateCard({ name: huge }), 'card'],
	])('%s', async (_, call, field) => {
		expect(await refusedField(call)).toBe(field);
	});
});

describe('createAgent options', () => {
	const base = { workspaceId: AGENT, platformUrl: PLATFORM };
	const refusal = (options: Record<string, unknown>): { field: string; message: string } => {
		try {
			createAgent({ ...base, ...options } as never);
		} catch (caught) {
			if (isConfigError(caught)) return { field: caught.field, message: caught.message };
			throw caught;
		}
		throw new Error('not refused');
	};

	it("names the agent's own options among those a misspelt one could be", () => {
		const { field, message } = refusal({ deliverymode: 'push' });
		expect(field).toBe('deliverymode');
		for (const option of ['workspaceId', 'platformUrl', 'deliveryMode', 'url', 'card', 'onMessage', 'store', 'heartbeat', 'inbox']) expect(message).toContain(option);
	});

	it('refuses a push URL with credentials, without quoting them', () => {
		const { field, message } = refusal({ deliveryMode: 'push', onMessage: () => 'ok', url: 'https://u:hunter2pw@agent.example/in' });
		expect(field).toBe('url');
		expect(message).toMatch(/credentials/);
		expect(message).not.toContain('hunter2pw');
	});

	it('refuses a push URL over 2,048 characters', () => {
		const url = `https://agent.example/${'x'.repeat(2048)}`;
		expect(refusal({ deliveryMode: 'push', onMessage: () => 'ok', url })).toEqual({ field: 'url', message: `url must be at most 2048 characters, got ${url.length}` });
	});

	it('takes a push URL of exactly 2,048 characters', () => {
		const url = `https://agent.example/${'x'.repeat(2048 - 'https://agent.example/'.length)}`;
		expect(createAgent({ ...base, deliveryMode: 'push', onMessage: () => 'ok', url }).deliveryMode).toBe('push');
	});

	it('refuses a fixed heartbeat report with a member of the wrong type, naming it', () => {
		expect(refusal({ heartbeat: { report: { activeTasks: 'lots' } } }).field).toBe('heartbeat.report.activeTasks');
	});

	it('quotes neither a configured token given as the push URL nor as the workspace id', () => {
		const token = 'tok-SECRETVALUE';
		const url = refusal({ token, deliveryMode: 'push', onMessage: () => 'ok', url: token });
		expect(url.field).toBe('url');
		expect(url.message).not.toContain('SECRETVALUE');
		const id = refusal({ token, workspaceId: token });
		expect(id.field).toBe('workspaceId');
		expect(id.message).not.toContain('SECRETVALUE');
	});
});

describe('the arguments of every call', () => {
	it.each([
		['delegate with an unknown option', (agent: Agent) => agent.delegate(PEER, 'task', { key: 'x' } as never), 'options.key'],
		['register with an unknown option', (agent: Agent) => agent.register({ signl: 1 } as never), 'options.signl'],
		['heartbeat with an unknown option', (agent: Agent) => agent.heartbeat({}, { timeoutMs: 5 } as never), 'options.timeoutMs'],
		['delegations with an unknown option', (agent: Agent) => agent.delegations({ limit: 5 } as never), 'options.limit'],
		['waitForDelegation with an unknown option', (agent: Agent) => agent.waitForDelegation('d-1', { timeout: 5 } as never), 'options.timeout'],
		['notifyUser with an unknown option', (agent: Agent) => agent.notifyUser('hi', { attachment: [] } as never), 'options.attachment'],
		['notifyUser with an attachment size that is not a number', (agent: Agent) => agent.notifyUser('hi', { attachments: [{ uri: 'u', name: 'n', size: '5' as never }] }), 'options.attachments.0.size'],
		['uploadChatFiles with an unknown option', (agent: Agent) => agent.uploadChatFiles([new Blob(['a'])], { limits: {} } as never), 'options.limits'],
		['memories.commit with an unknown option', (agent: Agent) => agent.memories.commit('note', { scpe: 'TEAM' } as never), 'options.scpe'],
		['memories.recall with an unknown option', (agent: Agent) => agent.memories.recall('note', { limit: 1 } as never), 'options.limit'],
		['logActivity with a misspelt member', (agent: Agent) => agent.logActivity({ type: 'agent_log', sumary: 'typo' } as never), 'entry.sumary'],
		['logActivity with a negative duration', (agent: Agent) => agent.logActivity({ type: 'agent_log', durationMs: -1 }), 'entry.durationMs'],
		['logActivity with a fractional duration', (agent: Agent) => agent.logActivity({ type: 'agent_log', durationMs: 1.5 }), 'entry.durationMs'],
		['logActivity with a target that is not a workspace id', (agent: Agent) => agent.logActivity({ type: 'agent_log', targetId: 'nope' }), 'entry.targetId'],
		['logActivity with a summary that is not a string', (agent: Agent) => agent.logActivity({ type: 'agent_log', summary: 5 as never }), 'entry.summary'],
		['logActivity with metadata that is an array', (agent: Agent) => agent.logActivity({ type: 'agent_log', metadata: [1] as never }), 'entry.metadata'],
		['heartbeat with an error rate over 1', (agent: Agent) => agent.heartbeat({ errorRate: 5 }), 'report.errorRate'],
		['heartbeat with active tasks that are not a number', (agent: Agent) => agent.heartbeat({ activeTasks: 'lots' as never }), 'report.activeTasks'],
		['heartbeat with a fractional active task count', (agent: Agent) => agent.heartbeat({ activeTasks: 1.5 }), 'report.activeTasks'],
		['heartbeat with a runtime state the platform does not know', (agent: Agent) => agent.heartbeat({ runtimeState: 'stuck' as never }), 'report.runtimeState'],
		['heartbeat with isBusy that is not a boolean', (agent: Agent) => agent.heartbeat({ isBusy: 'yes' as never }), 'report.isBusy'],
	])('%s is refused, naming it', async (_, call, field) => {
		expect(await refusedField(call)).toBe(field);
	});

	it('a heartbeat.report function returning a bad member is refused before the heartbeat is sent', async () => {
		expect(await refusedField((agent) => agent.heartbeat(), { heartbeat: { report: () => ({ errorRate: -0.5 }) } })).toBe('heartbeat.report.errorRate');
	});

	it('a target id that is not a UUID is refused before delegating', async () => {
		const { fetch, calls } = anything();
		const error = await scriptedAgent(fetch).agent.delegate('nope', 'task').catch((caught: unknown) => caught);
		expect((error as Error).name).toBe('InvalidPeerIdError');
		expect(calls).toEqual([]);
	});

	it('what the JSDoc promises is sent as it is (a full report, a full entry)', async () => {
		const { fetch, calls } = anything();
		const { agent } = scriptedAgent(fetch);
		await agent.heartbeat({ activeTasks: 2, currentTask: 'triage', errorRate: 0.1, sampleError: 'e', uptimeSeconds: 5, monthlySpend: 12, runtimeState: 'wedged', isBusy: true, observedGeneration: 1 });
		await agent.logActivity({ type: 'task_update', method: 'm', summary: 's', targetId: PEER.toUpperCase(), status: 'error', errorDetail: 'e', durationMs: 5, requestBody: { a: 1 }, responseBody: [1], metadata: { k: 1 } });
		expect(calls.map((call) => call.json)).toEqual([
			{ workspace_id: AGENT, active_tasks: 2, current_task: 'triage', error_rate: 0.1, sample_error: 'e', uptime_seconds: 5, monthly_spend: 12, runtime_state: 'wedged', is_busy: true, observed_generation: 1 },
			{ activity_type: 'task_update', source_id: AGENT, method: 'm', summary: 's', target_id: PEER, status: 'error', error_detail: 'e', duration_ms: 5, request_body: { a: 1 }, response_body: [1], metadata: { k: 1 } },
		]);
	});
});
