import { isRecord } from '../internal/json.js';

/** A file a chat message carries, as chat history and `USER_MESSAGE` show it (addendum §9.8). */
export interface ChatAttachment {
	name: string;
	uri: string;
	mimeType?: string;
	size?: number;
}

const records = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** `params.message` of an A2A request body, when it is an object. */
export function messageOf(body: unknown): Record<string, unknown> | undefined {
	const params = isRecord(body) ? body['params'] : undefined;
	const message = isRecord(params) ? params['message'] : undefined;
	return isRecord(message) ? message : undefined;
}

/** The first part with a non-empty string `text`, as the canvas renders a user's turn. */
export function firstText(parts: unknown): string {
	for (const part of records(parts)) if (typeof part['text'] === 'string' && part['text'] !== '') return part['text'];
	return '';
}

/** The last path segment of a URI, without the schemes the platform strips (`workspace:`, http(s)). */
function basename(uri: string): string {
	const cleaned = uri.replace(/^workspace:/, '').replace(/^https?:\/\//, '');
	if (cleaned === '') return 'file';
	const segments = cleaned.split('/').filter((segment) => segment !== '');
	return segments.at(-1) ?? '/';
}

/**
 * The file parts of `parts`: v0.3 `{kind|type: "file", file: {uri, name?, mimeType?, size?}}` (or the
 * fields flat on the part), and v1 `{url, filename?, mediaType?}`. A file without a URI is skipped.
 */
export function filesOf(parts: unknown): ChatAttachment[] {
	const files: ChatAttachment[] = [];
	for (const part of records(parts)) {
		const v0 = part['kind'] === 'file' || part['type'] === 'file';
		const url = typeof part['url'] === 'string' ? part['url'] : '';
		if (!v0 && url === '') continue;
		const file = v0 ? (isRecord(part['file']) ? part['file'] : part) : { uri: url, name: part['filename'], mimeType: part['mediaType'] };
		const uri = typeof file['uri'] === 'string' ? file['uri'] : '';
		if (uri === '') continue;
		const name = typeof file['name'] === 'string' && file['name'] !== '' ? file['name'] : basename(uri);
		const size = file['size'];
		files.push({
			name,
			uri,
			...(typeof file['mimeType'] === 'string' ? { mimeType: file['mimeType'] } : {}),
			...(typeof size === 'number' && Number.isFinite(size) ? { size: Math.trunc(size) } : {}),
		});
	}
	return files;
}

/** Texts of the text parts (`kind` or `type` "text"), joined by newlines. */
function joinTexts(parts: unknown): string {
	return records(parts)
		.filter((part) => (part['kind'] === 'text' || part['type'] === 'text') && typeof part['text'] === 'string' && part['text'] !== '')
		.map((part) => part['text'] as string)
		.join('\n');
}

/**
 * The agent's reply text as chat history reads it: `{result: "<text>"}`; else everything collected
 * from `result.parts`, the older `parts[].root.text`, and `result.artifacts[].parts`; else `task`.
 */
export function replyTextOf(body: unknown): string {
	if (!isRecord(body)) return '';
	const result = body['result'];
	if (typeof result === 'string' && result !== '') return result;
	const collected: string[] = [];
	if (isRecord(result)) {
		const partsText = joinTexts(result['parts']);
		if (partsText !== '') collected.push(partsText);
		const roots = records(result['parts'])
			.map((part) => (isRecord(part['root']) ? part['root']['text'] : undefined))
			.filter((text): text is string => typeof text === 'string' && text !== '');
		if (roots.length > 0) collected.push(roots.join('\n'));
		for (const artifact of records(result['artifacts'])) {
			const text = joinTexts(artifact['parts']);
			if (text !== '') collected.push(text);
		}
	}
	if (collected.length > 0) return collected.join('\n');
	return typeof body['task'] === 'string' ? body['task'] : '';
}

/** The files of a reply: those of `result` when it is an object (else of the body), its parts, artifacts, status message and message. */
export function replyFilesOf(body: unknown): ChatAttachment[] {
	if (!isRecord(body)) return [];
	const task = isRecord(body['result']) ? body['result'] : body;
	const status = isRecord(task['status']) ? task['status'] : undefined;
	const statusMessage = status && isRecord(status['message']) ? status['message'] : undefined;
	const message = isRecord(task['message']) ? task['message'] : undefined;
	return [
		...filesOf(task['parts']),
		...records(task['artifacts']).flatMap((artifact) => filesOf(artifact['parts'])),
		...filesOf(statusMessage?.['parts']),
		...filesOf(message?.['parts']),
	];
}
