import type { FileRef, Part } from './schemas/a2a.js';
import { isRecord } from './internal/json.js';
import { parsePart } from './schemas/parse.js';

/** What an agent said, whatever shape its result had. */
export interface Reply {
	/** Every text part, in order, joined with `\n`. */
	text: string;
	/** Every recognised part, normalised to the `kind` discriminator. */
	parts: Part[];
	/** File parts that carry a `uri` (what a UI can link to). */
	files: FileRef[];
	/** The task state, when the result was a Task: `completed`, `failed`, `input-required`, …. */
	taskState?: string;
}

type Json = Record<string, unknown>;

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * Brings one part to the v0.3 shape: `type` (v0) becomes `kind`; a part without a discriminator
 * (v1.0 ProtoJSON: `{text}`, `{url, filename, mediaType}`, `{data}`) gets one; `root` wrappers are unwrapped.
 */
function normalisePart(raw: unknown): Part | undefined {
	if (!isRecord(raw)) return undefined;
	const { type, ...part } = isRecord(raw['root']) ? raw['root'] : raw;
	const kind = part['kind'] ?? type ?? (typeof part['text'] === 'string' ? 'text' : 'data' in part ? 'data' : 'url' in part || 'raw' in part ? 'file' : undefined);
	let candidate: Json = { ...part, kind };
	if (kind === 'file' && !isRecord(part['file'])) {
		const { url, raw: bytes, filename, mediaType, ...rest } = part;
		const file = Object.entries({ uri: url, bytes, name: filename, mimeType: mediaType }).filter(([, value]) => value !== undefined);
		candidate = { ...rest, kind, file: Object.fromEntries(file) };
	}
	// A text part without text reads as "", as the Python client's `.get("text", "")` did.
	if (kind === 'text' && part['text'] === undefined) candidate['text'] = '';
	const parsed = parsePart(candidate, '');
	return parsed.success ? parsed.output : undefined;
}

/** The part lists of a Message, a Task (artifacts, then the status message) or a v1 `{message}` / `{task}` wrapper. */
function partLists(result: Json): unknown[] {
	const inner = isRecord(result['message']) ? result['message'] : isRecord(result['task']) ? result['task'] : result;
	const status = isRecord(inner['status']) ? inner['status'] : {};
	const statusMessage = isRecord(status['message']) ? status['message'] : {};
	return [
		...asList(inner['parts']),
		...asList(inner['artifacts']).flatMap((artifact) => (isRecord(artifact) ? asList(artifact['parts']) : [])),
		...asList(statusMessage['parts']),
	];
}

/** The task state of a Task result, lower-cased and without the v1.0 `TASK_STATE_` prefix. */
function taskStateOf(result: Json): string | undefined {
	const task = isRecord(result['task']) ? result['task'] : result;
	const status = task['status'];
	const state = isRecord(status) ? status['state'] : typeof status === 'string' ? status : undefined;
	return typeof state === 'string' ? state.replace(/^TASK_STATE_/, '').toLowerCase().replaceAll('_', '-') : undefined;
}

/**
 * Pulls text, parts and files out of a JSON-RPC `result`: a Message, a Task, a v1 wrapper, or a bare
 * string. Accepts `kind` or `type` discriminators. Never throws, whatever JSON it is given.
 */
export function extractReply(result: unknown): Reply {
	if (typeof result === 'string') return { text: result, parts: [{ kind: 'text', text: result }], files: [] };
	if (!isRecord(result)) return { text: '', parts: [], files: [] };
	const parts = partLists(result).flatMap((raw) => normalisePart(raw) ?? []);
	const reply: Reply = {
		text: parts.flatMap((part) => (part.kind === 'text' ? [part.text] : [])).join('\n'),
		parts,
		files: parts.flatMap((part): FileRef[] => (part.kind === 'file' && part.file.uri !== undefined ? [part.file] : [])),
	};
	const taskState = taskStateOf(result);
	if (taskState !== undefined) reply.taskState = taskState;
	return reply;
}
