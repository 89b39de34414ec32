import { registryGate } from '../auth.js';
import { announceStatus } from '../broadcasts.js';
import { recordMonthlySpend } from '../budget.js';
import type { DevContext } from '../context.js';
import { drain } from '../drain.js';
import { isRecord } from '../../internal/json.js';
import { bindJson, json, type Reply } from '../http.js';
import type { WorkspaceEntry } from '../model.js';
import type { RouteRequest } from '../router.js';
import { invalidBody } from './registry.js';

const maxMonthlySpend = 1_000_000_000_000;

/** The heartbeat's status transitions (contract §5.2). */
function nextStatus(entry: WorkspaceEntry, errorRate: number, wedged: boolean, toolsReady: boolean): string {
	const status = entry.workspace.status ?? 'online';
	if (status === 'online' && (wedged || errorRate >= 0.5)) return 'degraded';
	if (status === 'degraded' && errorRate < 0.1 && !wedged) return 'online';
	// A platform agent comes online only once its management tools are ready.
	if (status === 'provisioning' && entry.workspace.kind === 'platform') return toolsReady ? 'online' : status;
	if (status === 'offline' || status === 'provisioning' || status === 'awaiting_agent') return 'online';
	return status;
}

function applyHeartbeat(context: DevContext, entry: WorkspaceEntry, payload: Record<string, unknown>): void {
	const { workspace, extras } = entry;
	const number = (key: string): number => (typeof payload[key] === 'number' ? payload[key] : 0);
	const text = (key: string): string => (typeof payload[key] === 'string' ? payload[key] : '');
	const previous = { status: workspace.status ?? 'online', task: extras.currentTask };
	extras.lastErrorRate = number('error_rate');
	extras.sampleError = text('sample_error');
	extras.uptimeSeconds = number('uptime_seconds');
	extras.currentTask = text('current_task');
	extras.wedged = text('runtime_state') === 'wedged';
	extras.lastHeartbeatAt = context.settings.wallClock().toISOString();
	workspace.activeTasks = number('active_tasks');
	const spend = Math.min(Math.max(number('monthly_spend'), 0), maxMonthlySpend);
	if (spend > 0) recordMonthlySpend(workspace, spend);
	if ((workspace.agentCard === undefined || workspace.agentCard === null) && payload['agent_card'] !== undefined) workspace.agentCard = payload['agent_card'];
	const metadata = payload['runtime_metadata'];
	if (isRecord(metadata)) {
		const capabilities = metadata['capabilities'];
		if (isRecord(capabilities)) {
			workspace.capabilities = Object.fromEntries(Object.entries(capabilities).filter((pair): pair is [string, boolean] => typeof pair[1] === 'boolean'));
		}
		const idleSeconds = metadata['idle_timeout_seconds'];
		if (typeof idleSeconds === 'number' && idleSeconds > 0) extras.idleTimeoutMs = idleSeconds * 1000;
	}
	workspace.status = nextStatus(entry, extras.lastErrorRate, extras.wedged, payload['mcp_tools_ready'] === true);
	const details = workspace.status === 'degraded' ? { error_rate: extras.lastErrorRate, sample_error: extras.sampleError } : {};
	announceStatus(context.events, workspace.id, previous.status, workspace.status, details);
	if (extras.currentTask !== previous.task) context.events.record('TASK_UPDATED', workspace.id, { current_task: extras.currentTask, active_tasks: workspace.activeTasks });
}

/**
 * `POST /registry/heartbeat` (contract §5.2): records the report, moves the status, answers the
 * desired generation and the inbound secret, and drains as many queued turns as the workspace has
 * spare capacity for, in the background. Unknown ids still get 200, with generation 0.
 */
export function heartbeat(context: DevContext, request: RouteRequest): Reply {
	const payload = bindJson(request.body, {
		workspace_id: { kind: 'string', required: true },
		error_rate: { kind: 'number' },
		sample_error: { kind: 'string' },
		active_tasks: { kind: 'integer' },
		uptime_seconds: { kind: 'integer' },
		current_task: { kind: 'string' },
		monthly_spend: { kind: 'integer' },
		runtime_state: { kind: 'string' },
		runtime_metadata: { kind: 'object' },
		is_busy: { kind: 'boolean' },
		observed_generation: { kind: 'integer' },
		schema_version: { kind: 'string' },
		agent_card: { kind: 'any' },
		mcp_server_present: { kind: 'boolean' },
		loaded_mcp_tools: { kind: 'strings' },
		mcp_tools_ready: { kind: 'boolean' },
		first_ready_at: { kind: 'string' },
	});
	if (!payload) return invalidBody();
	const id = payload['workspace_id'] as string;
	const denial = registryGate(context.model, id, request.headers);
	if (denial) return denial;
	const entry = context.model.get(id);
	if (!entry) return json(200, { status: 'ok', generation: 0 });
	if (entry.workspace.status !== 'removed') {
		applyHeartbeat(context, entry, payload);
		const { activeTasks = 0, maxConcurrentTasks = 1 } = entry.workspace;
		const spare = maxConcurrentTasks - activeTasks;
		if (spare > 0) context.background(() => drain(context, entry.workspace.id, spare));
	}
	return json(200, { status: 'ok', generation: entry.workspace.generation ?? 1, platform_inbound_secret: context.model.inboundSecret(entry).secret });
}
