import { registryGate } from '../auth.js';
import type { DevContext } from '../context.js';
import { isRecord } from '../../internal/json.js';
import { bindJson, errorReply, json, type Reply } from '../http.js';
import type { WorkspaceEntry } from '../model.js';
import type { RouteRequest } from '../router.js';
import { agentUrlProblem } from '../url-safety.js';

export const invalidBody = (): Reply => errorReply(400, 'invalid request body');

/** Rows the register leaves as they are, though it still answers 200 (contract §5.1). */
const frozenStatuses = new Set(['removed', 'paused', 'hibernated']);

/** The agent card's own `url`, when it has a string one. */
function cardUrl(card: unknown): string {
	return isRecord(card) && typeof card['url'] === 'string' ? card['url'] : '';
}

/** The URL a push-mode agent registers with, or the 400 explaining why it cannot (contract §5.1). */
function pushUrl(payloadUrl: string, card: unknown, saas: boolean): string | Reply {
	const fromCard = cardUrl(card);
	if (fromCard !== '' && agentUrlProblem(fromCard, saas) !== null) return errorReply(400, 'workspace agent_card URL not allowed');
	const url = payloadUrl === '' ? fromCard : payloadUrl;
	if (url === '') return errorReply(400, 'url is required for push-mode workspaces');
	const problem = agentUrlProblem(url, saas);
	return problem === null ? url : errorReply(400, problem);
}

function upsert(context: DevContext, id: string, url: string, card: unknown, mode: 'push' | 'poll'): WorkspaceEntry {
	const { model } = context;
	const entry = model.get(id) ?? model.add({ id, name: id, url: null, status: 'online' });
	const { workspace, extras } = entry;
	if (frozenStatuses.has(workspace.status ?? 'online')) return entry;
	// A URL the provisioner set on the host is kept over what the agent reports.
	if (!workspace.url?.startsWith('http://127.0.0.1')) workspace.url = url === '' ? null : url;
	workspace.agentCard = card;
	workspace.deliveryMode = mode;
	extras.internalUrl = url === '' ? null : url;
	// A platform agent stays provisioning until a heartbeat says its tools are ready, and is announced then.
	if (workspace.kind !== 'platform') {
		workspace.status = 'online';
		context.events.record('WORKSPACE_ONLINE', workspace.id, { url: extras.internalUrl ?? '', agent_card: card, delivery_mode: mode });
	}
	return entry;
}

/**
 * `POST /registry/register` (contract §5.1): bind and check the mode and kind, pass the token
 * gate, check a push-mode agent's URL, upsert, and answer the effective delivery mode, the
 * inbound secret, and a token only when the workspace has none yet.
 */
export function register(context: DevContext, request: RouteRequest): Reply {
	const payload = bindJson(request.body, {
		id: { kind: 'string', required: true },
		url: { kind: 'string' },
		agent_card: { kind: 'any', required: true },
		delivery_mode: { kind: 'string' },
		kind: { kind: 'string' },
		mcp_server_present: { kind: 'boolean' },
	});
	if (!payload) return invalidBody();
	const id = payload['id'] as string;
	const requestedMode = typeof payload['delivery_mode'] === 'string' ? payload['delivery_mode'] : '';
	if (requestedMode !== '' && requestedMode !== 'push' && requestedMode !== 'poll') return errorReply(400, "delivery_mode must be 'push' or 'poll'");
	const kind = typeof payload['kind'] === 'string' ? payload['kind'] : '';
	if (kind !== '' && kind !== 'workspace' && kind !== 'platform') return errorReply(400, "kind must be 'workspace' or 'platform'");
	const denial = registryGate(context.model, id, request.headers);
	if (denial) return denial;
	const existing = context.model.get(id);
	if (kind === 'platform' && existing?.workspace.kind !== 'platform') {
		return errorReply(403, "kind='platform' may only be assigned by the platform-agent install path");
	}
	// An external runtime with no stored mode has no container to push to: it polls (contract §5.1).
	const mode = requestedMode || existing?.workspace.deliveryMode || (existing?.workspace.runtime === 'external' ? 'poll' : 'push');
	const payloadUrl = typeof payload['url'] === 'string' ? payload['url'] : '';
	let url = payloadUrl;
	if (mode === 'push') {
		const checked = pushUrl(payloadUrl, payload['agent_card'], context.settings.orgId !== undefined);
		if (typeof checked !== 'string') return checked;
		url = checked;
	}

	const entry = upsert(context, id, url, payload['agent_card'], mode);
	const { model } = context;
	const response: Record<string, unknown> = { status: 'registered', delivery_mode: mode };
	if (!model.hasLiveToken(id)) {
		const token = context.settings.mintToken();
		model.addToken(id, token);
		response['auth_token'] = token;
	}
	response['platform_inbound_secret'] = model.inboundSecret(entry).secret;
	return json(200, response);
}

/** `POST /registry/update-card` (contract §5.3): not allowlisted by TenantGuard; a card URL must be safe. */
export function updateCard(context: DevContext, request: RouteRequest): Reply {
	const payload = bindJson(request.body, {
		workspace_id: { kind: 'string', required: true },
		agent_card: { kind: 'any', required: true },
	});
	if (!payload) return invalidBody();
	const id = payload['workspace_id'] as string;
	const denial = registryGate(context.model, id, request.headers);
	if (denial) return denial;
	const url = cardUrl(payload['agent_card']);
	if (url !== '' && agentUrlProblem(url, context.settings.orgId !== undefined) !== null) return errorReply(400, 'workspace URL not allowed');
	const entry = context.model.get(id);
	if (entry) entry.workspace.agentCard = payload['agent_card'];
	return json(200, { status: 'updated' });
}
