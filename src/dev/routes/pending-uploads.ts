import { validatePeerId } from '../../peer-id.js';
import { workspaceAuth } from '../auth.js';
import type { DevContext } from '../context.js';
import { errorReply, json, type Reply } from '../http.js';
import type { RouteRequest } from '../router.js';
import type { PendingUpload } from '../uploads.js';

/** The ids of the path, or the 400 naming the one that is not a UUID. */
function idsOf(request: RouteRequest): { workspaceId: string; fileId: string } | Reply {
	const workspaceId = validatePeerId(request.params['id']);
	if (workspaceId === null) return errorReply(400, 'invalid workspace ID');
	const fileId = validatePeerId(request.params['file_id']);
	if (fileId === null) return errorReply(400, 'invalid file_id');
	return { workspaceId, fileId };
}

/** `Content-Disposition` for a name: quoted when it is plain ASCII, else RFC 5987 encoded (header values are bytes). */
function disposition(name: string): string {
	if (/^[\x20-\x7e]*$/.test(name)) return `attachment; filename="${name.replace(/["\\]/g, '\\$&')}"`;
	return `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Finds the file for the workspace, or answers `missing` / the other-workspace 404. */
function lookup(context: DevContext, request: RouteRequest, missing: string): PendingUpload | Reply {
	const ids = idsOf(request);
	if ('status' in ids) return ids;
	const upload = context.uploads.find(ids.fileId);
	if (!upload) return errorReply(404, missing);
	if (upload.workspaceId !== ids.workspaceId) return errorReply(404, 'pending upload not found');
	return upload;
}

/**
 * `GET /workspaces/:id/pending-uploads/:file_id/content` (contract §16.3), behind WorkspaceAuth: the
 * staged bytes with their type, as an attachment; the file is marked fetched. Acknowledged or
 * expired files are gone (404), and another workspace's file is not found either.
 */
export function pendingUploadContent(context: DevContext, request: RouteRequest): Reply {
	const denial = workspaceAuth(context, request.params['id'] ?? '', request.headers);
	if (denial) return denial;
	const found = lookup(context, request, 'pending upload not found or expired');
	if ('status' in found) return found;
	if (found.acked || !found.bytes) return errorReply(404, 'pending upload not found or expired');
	found.fetched = true;
	const headers = { 'Content-Type': found.mimeType, 'Content-Disposition': disposition(found.name), 'Content-Length': String(found.size) };
	return { status: 200, headers, body: null, binary: found.bytes };
}

/**
 * `POST /workspaces/:id/pending-uploads/:file_id/ack` (contract §16.3), behind WorkspaceAuth: the
 * agent has the file, so the platform may drop its bytes. Acknowledging again is still 200.
 */
export function ackPendingUpload(context: DevContext, request: RouteRequest): Reply {
	const denial = workspaceAuth(context, request.params['id'] ?? '', request.headers);
	if (denial) return denial;
	const found = lookup(context, request, 'pending upload not found, expired, or already acked');
	if ('status' in found) return found;
	context.uploads.ack(found);
	return json(200, { acked: true });
}
