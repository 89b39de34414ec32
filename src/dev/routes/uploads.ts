import { validatePeerId } from '../../peer-id.js';
import { within } from '../../internal/within.js';
import { workspaceAuth } from '../auth.js';
import type { DevContext } from '../context.js';
import { errorReply, json, type Reply } from '../http.js';
import { lookupFails, type WorkspaceEntry } from '../model.js';
import type { RouteRequest } from '../router.js';
import { agentUrlProblem } from '../url-safety.js';

/** The most files one poll-mode upload may stage. */
export const maxFilesPerUpload = 64;

/** `GET /uploads/limits` (contract §16.1): open, the limits the platform enforces. */
export function uploadLimits(context: DevContext): Reply {
	const { perFileBytes, perRequestBytes, maxAttachmentsPerMessage } = context.settings.uploadLimits;
	return json(200, { per_file_bytes: perFileBytes, per_request_bytes: perRequestBytes, max_attachments_per_message: maxAttachmentsPerMessage });
}

/** The request's multipart form, or `null` when it is not one. */
async function formOf(request: RouteRequest): Promise<FormData | null> {
	const type = request.headers.get('Content-Type') ?? '';
	if (!/^multipart\/form-data/i.test(type) || !request.bodyBytes) return null;
	try {
		return await new Response(request.bodyBytes, { headers: { 'Content-Type': type } }).formData();
	} catch {
		return null;
	}
}

/** A MIME type safe to send back as a header; anything else is a plain byte stream. */
function mimeTypeOf(file: File): string {
	return file.type !== '' && /^[\x21-\x7e]+(\s*;.*)?$/.test(file.type) ? file.type : 'application/octet-stream';
}

/**
 * A poll-mode workspace's upload (contract §16.2): every `files` part is checked before any is
 * staged, then each becomes a pending upload with a `platform-pending:` URI and one
 * `chat_upload_receive` row, which the agent's inbox poller sees.
 */
async function stageForPoll(context: DevContext, entry: WorkspaceEntry, request: RouteRequest): Promise<Reply> {
	const form = await formOf(request);
	if (!form) return errorReply(400, 'malformed multipart body');
	const parts = form.getAll('files');
	if (parts.length === 0) return errorReply(400, 'no files field in request');
	if (parts.length > maxFilesPerUpload) return errorReply(400, `too many files (limit ${maxFilesPerUpload})`);
	const files: File[] = [];
	for (const part of parts) {
		if (typeof part === 'string') return errorReply(400, 'could not read file part');
		files.push(part);
	}
	const max = context.settings.uploadLimits.perFileBytes;
	const tooLarge = files.find((file) => file.size > max);
	if (tooLarge) return errorReply(413, 'file exceeds per-file cap', { filename: tooLarge.name, size: tooLarge.size, max });

	const workspaceId = entry.workspace.id;
	const staged: Record<string, unknown>[] = [];
	for (const file of files) {
		const upload = context.uploads.stage(workspaceId, { name: file.name, mimeType: mimeTypeOf(file), bytes: new Uint8Array(await file.arrayBuffer()) });
		const manifest = { uri: `platform-pending:${workspaceId}/${upload.fileId}`, name: upload.name, mimeType: upload.mimeType, size: upload.size };
		context.model.activity.record({
			workspaceId,
			activityType: 'a2a_receive',
			sourceId: null,
			targetId: workspaceId,
			method: 'chat_upload_receive',
			summary: `chat_upload_receive: ${upload.name}`,
			requestBody: { ...manifest, file_id: upload.fileId },
			durationMs: null,
			status: 'ok',
			errorDetail: null,
		});
		staged.push(manifest);
	}
	return json(200, { files: staged });
}

/**
 * A push-mode workspace's upload (contract §16.2): the multipart body goes on unchanged to
 * `<url>/internal/chat/uploads/ingest` with the inbound secret as bearer, and the workspace's
 * answer comes back. No URL is 422; an unsafe one 400; no answer 502 `workspace unreachable`.
 */
async function forwardToAgent(context: DevContext, entry: WorkspaceEntry, request: RouteRequest): Promise<Reply> {
	const { workspace } = entry;
	const url = typeof workspace.agent === 'string' ? workspace.agent : workspace.url;
	if (!url) {
		const detail = 'this workspace has no URL to receive files: register it in push mode with a public url, or in poll mode to stage uploads';
		return errorReply(422, 'workspace has no callback URL — upload requires push-mode + a public URL', { detail });
	}
	if (agentUrlProblem(url, context.settings.orgId !== undefined) !== null) return errorReply(400, 'workspace URL not allowed');
	if (lookupFails(entry, 'inboundSecret')) {
		const detail = "the platform could not read this workspace's inbound secret, so it cannot authenticate itself to the agent";
		return errorReply(503, 'workspace not yet enrolled in inbound auth (RFC #2312)', { detail });
	}
	const { secret, minted } = context.model.inboundSecret(entry);
	if (minted) {
		const detail = "the platform minted this workspace's inbound secret just now; the agent receives it on its next register or heartbeat";
		return errorReply(503, 'workspace re-registering — please retry in 30 seconds', { detail, retry_after_seconds: 30 });
	}
	const control = new AbortController();
	const timer = new AbortController();
	context.settings.clock.sleep(context.settings.idleTimeoutMs, timer.signal).then(
		() => control.abort(new Error('context deadline exceeded')),
		() => {},
	);
	try {
		const headers = { 'Content-Type': request.headers.get('Content-Type') ?? 'application/octet-stream', Authorization: `Bearer ${secret}` };
		const target = `${url.replace(/\/+$/, '')}/internal/chat/uploads/ingest`;
		const send = context.settings.fetch;
		const forwarded = new Request(target, { method: 'POST', headers, body: request.bodyBytes ?? new Uint8Array(), signal: control.signal, redirect: 'manual' });
		const response = await within(send(forwarded), control.signal);
		const body = new Uint8Array(await within(response.arrayBuffer(), control.signal));
		return { status: response.status, headers: { 'Content-Type': response.headers.get('Content-Type') ?? 'application/json' }, body: null, binary: body };
	} catch {
		return errorReply(502, 'workspace unreachable');
	} finally {
		timer.abort();
	}
}

/**
 * `POST /workspaces/:id/chat/uploads` (contract §16.2), behind WorkspaceAuth: a human's files for
 * the agent. A poll-mode workspace gets them staged on the platform; a push-mode one has them
 * forwarded to its own URL. A request over the per-request cap is 413 before anything is read.
 */
export async function chatUploads(context: DevContext, request: RouteRequest): Promise<Reply> {
	const id = request.params['id'] ?? '';
	const denial = workspaceAuth(context, id, request.headers);
	if (denial) return denial;
	if (validatePeerId(id) === null) return errorReply(400, 'invalid workspace ID');
	const entry = context.model.get(id);
	if (!entry || entry.workspace.status === 'removed') return errorReply(404, 'workspace not found');
	if (request.bodyTooLarge) return errorReply(413, 'request body exceeds the per-request cap', { max: context.settings.uploadLimits.perRequestBytes });
	if (lookupFails(entry, 'deliveryMode')) return errorReply(500, 'delivery_mode lookup failed');
	return entry.workspace.deliveryMode === 'poll' ? stageForPoll(context, entry, request) : forwardToAgent(context, entry, request);
}
