import { isRecord } from './internal/json.js';
import { parsePart } from './schemas/parse.js';
import type { FileRef, Part } from './types/a2a.js';

/**
 * What an agent said, whatever shape its result had: what `extractReply` returns and a `RepliedOutcome` carries.
 *
 * @example
 * const { text, files, taskState } = extractReply(result);
 */
export interface Reply {
	/** Every text part, in order, joined with `\n`. */
	text: string;
	/** Every recognised part, normalised to the `kind` discriminator. */
	parts: Part[];
	/** File parts that carry a `uri` (what a UI can link to). */
	files: FileRef[];
	/** The task state, lower-case without the v1.0 `TASK_STATE_` prefix, when the result was a Task: `completed`, `failed`, `input-required`, …. */
	taskState?: string;
}

type Json = Record<string, unknown>;

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asRecord = (value: unknown): Json => (isRecord(value) ? value : {});

/** The members that are set: `null` counts as absent, as servers such as the .NET A2A SDK write every unset field as `null`. */
const present = (record: Json): Json => Object.fromEntries(Object.entries(record).filter(([, value]) => value != null));

const texts = (parts: readonly Part[]): string[] => parts.flatMap((part) => (part.kind === 'text' ? [part.text] : []));

/**
 * Brings one part to the v0.3 shape: `type` (v0) becomes `kind`; a part without a discriminator
 * (v1.0 ProtoJSON: `{text}`, `{url, filename, mediaType}`, `{data}`) gets one; `root` wrappers are unwrapped.
 */
function normalisePart(raw: unknown): Part | undefined {
	if (!isRecord(raw)) return undefined;
	const { type, ...part } = present(isRecord(raw['root']) ? raw['root'] : raw);
	const kind = part['kind'] ?? type ?? (typeof part['text'] === 'string' ? 'text' : 'data' in part ? 'data' : 'url' in part || 'raw' in part ? 'file' : undefined);
	let candidate: Json = { ...part, kind };
	if (kind === 'file' && isRecord(part['file'])) candidate['file'] = present(part['file']);
	else if (kind === 'file') {
		const { url, raw: bytes, filename, mediaType, ...rest } = part;
		candidate = { ...rest, kind, file: present({ uri: url, bytes, name: filename, mimeType: mediaType }) };
	}
	// A text part without text reads as "", as the Python client's `.get("text", "")` did.
	if (kind === 'text' && part['text'] === undefined) candidate['text'] = '';
	const parsed = parsePart(candidate, '');
	return parsed.success ? parsed.output : undefined;
}

const normalised = (raws: readonly unknown[]): Part[] => raws.flatMap((raw) => normalisePart(raw) ?? []);

/** The parts of a Message, a Task (artifacts, then the status message) or a v1 `{message}` / `{task}` wrapper. */
function answerParts(result: Json): Part[] {
	const inner = isRecord(result['message']) ? result['message'] : isRecord(result['task']) ? result['task'] : result;
	const parts = normalised([
		...asList(inner['parts']),
		...asList(inner['artifacts']).flatMap((artifact) => asList(asRecord(artifact)['parts'])),
		...asList(asRecord(asRecord(inner['status'])['message'])['parts']),
	]);
	if (texts(parts).join('')) return parts;
	// Some agents leave the answer only in the Task's history (v0.3 role `agent`, v1.0 `ROLE_AGENT`). Its last
	// agent message counts only when it holds text: without, it is often the status message again.
	const agent = asList(inner['history'])
		.filter((message) => /^(ROLE_)?agent$/i.test(String(asRecord(message)['role'])))
		.pop();
	const answer = normalised(asList(asRecord(agent)['parts']));
	// The empty text parts it replaces would only put blank lines before its text.
	return texts(answer).join('') ? [...parts.filter((part) => part.kind !== 'text'), ...answer] : parts;
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
 * string. Accepts `kind` or `type` discriminators; a member that is `null` counts as absent. A Task
 * whose artifacts and status message hold no text gives the last agent message of its `history`.
 * Parts that match no kind are left out. Never throws, whatever JSON it is given.
 *
 * @param result A JSON-RPC `result` as received (an A2A v0.3 or v1.0 Message or Task, or a string).
 * @returns The reply: `text`, `parts`, `files` and, for a Task, `taskState`.
 * @example
 * extractReply({ kind: 'task', status: { state: 'completed' }, artifacts: [{ parts: [{ kind: 'text', text: 'done' }] }] });
 * // { text: 'done', parts: [{ kind: 'text', text: 'done' }], files: [], taskState: 'completed' }
 */
export function extractReply(result: unknown): Reply {
	if (typeof result === 'string') return { text: result, parts: [{ kind: 'text', text: result }], files: [] };
	if (!isRecord(result)) return { text: '', parts: [], files: [] };
	const parts = answerParts(result);
	const reply: Reply = {
		text: texts(parts).join('\n'),
		parts,
		files: parts.flatMap((part): FileRef[] => (part.kind === 'file' && part.file.uri !== undefined ? [part.file] : [])),
	};
	const taskState = taskStateOf(result);
	if (taskState !== undefined) reply.taskState = taskState;
	return reply;
}

/**
 * What a person reads of a reply: its text or, when no part holds text, its data parts as compact
 * JSON, one per line (an agent that answers with structured data only still says something).
 *
 * @example readableText(extractReply({ parts: [{ kind: 'data', data: { rows: 2 } }] })) // '{"rows":2}'
 */
export function readableText({ text, parts }: Pick<Reply, 'text' | 'parts'>): string {
	if (texts(parts).join('')) return text;
	return parts.flatMap((part) => (part.kind === 'data' && part.data !== undefined ? [JSON.stringify(part.data)] : [])).join('\n') || text;
}
