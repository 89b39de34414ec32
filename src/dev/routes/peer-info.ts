import type { DevContext } from '../context.js';
import { isRecord } from '../http.js';
import type { ActivityRow } from '../types.js';

/** What `include=peer_info` calls an attachment: the kind from the MIME type, then what the part names. */
function attachmentOf(part: Record<string, unknown>): Record<string, unknown> | null {
	if (part['kind'] !== 'file' || !isRecord(part['file'])) return null;
	const file = part['file'];
	const mimeType = typeof file['mimeType'] === 'string' ? file['mimeType'] : undefined;
	const family = mimeType?.split('/')[0];
	const kind = family === 'image' || family === 'audio' || family === 'video' ? family : 'file';
	return {
		kind,
		...(typeof file['uri'] === 'string' ? { uri: file['uri'] } : {}),
		...(mimeType === undefined ? {} : { mime_type: mimeType }),
		...(typeof file['name'] === 'string' ? { name: file['name'] } : {}),
	};
}

/** A poll-mode upload row's manifest `{uri, name, mimeType, size, file_id}` is one attachment. */
function manifestAttachment(manifest: Record<string, unknown>): Record<string, unknown> {
	return attachmentOf({ kind: 'file', file: manifest }) ?? {};
}

function attachmentsOf(row: ActivityRow): Record<string, unknown>[] {
	if (row.method === 'chat_upload_receive') return isRecord(row.request_body) ? [manifestAttachment(row.request_body)] : [];
	const params = isRecord(row.request_body) ? row.request_body['params'] : undefined;
	const message = isRecord(params) ? params['message'] : undefined;
	const parts = isRecord(message) && Array.isArray(message['parts']) ? message['parts'] : [];
	return parts.flatMap((part) => {
		const attachment = isRecord(part) ? attachmentOf(part) : null;
		return attachment ? [attachment] : [];
	});
}

/**
 * A row with `include=peer_info` (contract §9.2): the sending workspace's name and role (left out
 * when empty), where its agent card is, and the file parts of the message (or the manifest of a
 * `chat_upload_receive` row) as attachments.
 */
export function peerInfo(context: DevContext, url: URL, row: ActivityRow): Record<string, unknown> {
	const source = row.source_id === null ? undefined : context.model.get(row.source_id)?.workspace;
	return {
		...row,
		...(source?.name ? { peer_name: source.name } : {}),
		...(source?.role ? { peer_role: source.role } : {}),
		...(row.source_id === null ? {} : { agent_card_url: `${url.origin}/registry/discover/${row.source_id}` }),
		attachments: attachmentsOf(row),
	};
}
