import { workspaceAuth } from '../auth.js';
import type { DevContext } from '../context.js';
import { bindJson, errorReply, isRecord, json, type Reply } from '../http.js';
import type { RouteRequest } from '../router.js';

/** A file the agent attaches to its message, as `/chat/uploads` answered it. */
interface NotifyAttachment {
	uri: string;
	name: string;
	mimeType?: string;
	size?: number;
}

const talkToUserHint =
	'this workspace may not message the user directly; send your update to a parent workspace (POST /workspaces/:id/delegate), which may be allowed to';

/** The attachments as Go binds them: an array of objects whose fields have the right types; `null` when they do not bind. */
function attachmentsOf(value: unknown): NotifyAttachment[] | null {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) return null;
	const attachments: NotifyAttachment[] = [];
	for (const item of value) {
		if (!isRecord(item)) return null;
		const { uri = '', name = '', mimeType = '', size = 0 } = item;
		if (typeof uri !== 'string' || typeof name !== 'string' || typeof mimeType !== 'string' || !Number.isSafeInteger(size)) return null;
		attachments.push({ uri, name, ...(mimeType === '' ? {} : { mimeType }), ...((size as number) > 0 ? { size: size as number } : {}) });
	}
	return attachments;
}

/** The first 80 characters of the message, as the row's summary shows it. */
function preview(message: string): string {
	const characters = [...message];
	return characters.length <= 80 ? message : `${characters.slice(0, 80).join('')}…`;
}

/**
 * `POST /workspaces/:id/notify` (contract §15), behind WorkspaceAuth: the agent talks to its user.
 * Broadcasts `AGENT_MESSAGE` and writes an `a2a_receive` row with method `notify` and no source,
 * which the agent's own inbox poller sees and must skip. A removed or unknown workspace is 404;
 * one with `talkToUserEnabled: false` is 403 `talk_to_user_disabled`.
 */
export function notify(context: DevContext, request: RouteRequest): Reply {
	const id = request.params['id'] ?? '';
	const denial = workspaceAuth(context, id, request.headers);
	if (denial) return denial;
	const body = bindJson(request.body, { message: { kind: 'string', required: true }, attachments: { kind: 'any' } });
	const attachments = body ? attachmentsOf(body['attachments']) : null;
	if (!body || !attachments) return errorReply(400, 'message is required');
	const incomplete = attachments.findIndex((attachment) => attachment.uri === '' || attachment.name === '');
	if (incomplete !== -1) return errorReply(400, `attachment[${incomplete}]: uri and name are required`);
	const entry = context.model.get(id);
	if (!entry || entry.workspace.status === 'removed') return errorReply(404, 'workspace not found');
	const { workspace } = entry;
	if (workspace.talkToUserEnabled === false) return errorReply(403, 'talk_to_user_disabled', { hint: talkToUserHint });

	const message = body['message'] as string;
	const withFiles = attachments.length > 0;
	context.events.record('AGENT_MESSAGE', workspace.id, { message, workspace_id: workspace.id, name: workspace.name, ...(withFiles ? { attachments } : {}) });
	const parts = attachments.map((file) => ({ kind: 'file', file }));
	context.model.activity.record({
		workspaceId: workspace.id,
		activityType: 'a2a_receive',
		sourceId: null,
		targetId: null,
		method: 'notify',
		summary: `Agent message: ${preview(message)}`,
		responseBody: { result: message, ...(withFiles ? { parts } : {}) },
		durationMs: null,
		status: 'ok',
		errorDetail: null,
	});
	return json(200, { status: 'sent' });
}
