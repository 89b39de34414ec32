import { workspaceTokenGate } from '../auth.js';
import type { DevContext } from '../context.js';
import { drainOne } from '../drain.js';
import { bindJson, errorReply, isRecord, json, type Reply } from '../http.js';
import { workspaceKey, type WorkspaceEntry } from '../model.js';
import type { RouteRequest } from '../router.js';
import { isAcceptableAgentUrl } from '../url-safety.js';

const invalidBody = (): Reply => errorReply(400, 'invalid request body');
const maxMonthlySpend = 1_000_000_000_000;

/**
 * `POST /registry/register` (§3.6): bind, validate the URL, pass the token gate, upsert, and mint
 * a token only when the workspace has none. Poll-mode agents may register without a URL.
 */
export function register(context: DevContext, request: RouteRequest): Reply {
	const payload = bindJson(request.body, {
		id: { kind: 'string', required: true },
		url: { kind: 'string' },
		agent_card: { kind: 'any', required: true },
		delivery_mode: { kind: 'string' },
	});
	if (!payload) return invalidBody();
	const id = payload['id'] as string;
	const url = typeof payload['url'] === 'string' ? payload['url'] : '';
	const deliveryMode = payload['delivery_mode'];
	const pollMode = deliveryMode === 'poll';
	if ((url !== '' || !pollMode) && !isAcceptableAgentUrl(url)) return invalidBody();
	const denial = workspaceTokenGate(context.model, id, request.headers);
	if (denial) return denial;

	const { model } = context;
	const entry = model.get(id) ?? model.add({ id, name: id, url: null, status: 'online' });
	const { workspace, extras } = entry;
	if (workspace.status !== 'removed') {
		// A URL the provisioner set on the host is kept over what the agent reports.
		if (!workspace.url?.startsWith('http://127.0.0.1')) workspace.url = url === '' ? null : url;
		workspace.agentCard = payload['agent_card'];
		workspace.status = 'online';
		if (deliveryMode === 'poll' || deliveryMode === 'push') workspace.deliveryMode = deliveryMode;
		extras.wakeAt = null;
	}
	extras.internalUrl = url === '' ? null : url;

	const response: Record<string, unknown> = { status: 'registered' };
	if (!model.hasLiveToken(id)) {
		const token = context.settings.mintToken();
		model.addToken(id, token);
		response['auth_token'] = token;
	}
	if (typeof deliveryMode === 'string') response['delivery_mode'] = deliveryMode;
	return json(200, response);
}

/** The heartbeat's status transitions (§3.7). */
function nextStatus(status: string, errorRate: number, wedged: boolean): string {
	if (status === 'online' && (wedged || errorRate >= 0.5)) return 'degraded';
	if (status === 'degraded' && errorRate < 0.1 && !wedged) return 'online';
	if (status === 'offline' || status === 'provisioning') return 'online';
	return status;
}

function applyHeartbeat(entry: WorkspaceEntry, payload: Record<string, unknown>): void {
	const { workspace, extras } = entry;
	const number = (key: string): number => (typeof payload[key] === 'number' ? payload[key] : 0);
	const text = (key: string): string => (typeof payload[key] === 'string' ? payload[key] : '');
	extras.lastErrorRate = number('error_rate');
	extras.sampleError = text('sample_error');
	extras.uptimeSeconds = number('uptime_seconds');
	extras.currentTask = text('current_task');
	workspace.activeTasks = number('active_tasks');
	const spend = Math.min(Math.max(number('monthly_spend'), 0), maxMonthlySpend);
	if (spend > 0) workspace.monthlySpend = spend;
	const metadata = payload['runtime_metadata'];
	if (isRecord(metadata)) {
		const capabilities = metadata['capabilities'];
		if (isRecord(capabilities)) {
			workspace.capabilities = Object.fromEntries(Object.entries(capabilities).filter((pair): pair is [string, boolean] => typeof pair[1] === 'boolean'));
		}
		const idleSeconds = metadata['idle_timeout_seconds'];
		if (typeof idleSeconds === 'number' && idleSeconds > 0) extras.idleTimeoutMs = idleSeconds * 1000;
	}
	workspace.status = nextStatus(workspace.status ?? 'online', extras.lastErrorRate, text('runtime_state') === 'wedged');
}

/**
 * `POST /registry/heartbeat` (§3.7): records the report, moves the status, and when the workspace
 * has spare capacity drains one queued request in the background. Unknown ids still get 200.
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
	});
	if (!payload) return invalidBody();
	const id = payload['workspace_id'] as string;
	const denial = workspaceTokenGate(context.model, id, request.headers);
	if (denial) return denial;
	const entry = context.model.get(id);
	if (entry && entry.workspace.status !== 'removed') {
		applyHeartbeat(entry, payload);
		const { activeTasks = 0, maxConcurrentTasks = 1 } = entry.workspace;
		if (activeTasks < maxConcurrentTasks) context.background(() => drainOne(context, workspaceKey(id)));
	}
	return json(200, { status: 'ok' });
}

/** `POST /registry/update-card` (§3.8). */
export function updateCard(context: DevContext, request: RouteRequest): Reply {
	const payload = bindJson(request.body, {
		workspace_id: { kind: 'string', required: true },
		agent_card: { kind: 'any', required: true },
	});
	if (!payload) return invalidBody();
	const id = payload['workspace_id'] as string;
	const denial = workspaceTokenGate(context.model, id, request.headers);
	if (denial) return denial;
	const entry = context.model.get(id);
	if (entry) entry.workspace.agentCard = payload['agent_card'];
	return json(200, { status: 'updated' });
}
