// Compiled by public-shapes.test.ts under `tsc --strict`, and by `npm run typecheck` with the repo's flags.
// Each `expectTypeOf` line and each `@ts-expect-error` is a compile-time assertion: a public type that
// drifts from its schema, or that lets a misspelt member through, fails to compile.
import type * as v from 'valibot';
import { expectTypeOf } from 'vitest';
import type { A2AClient, DataPart, FilePart, FileRef, OutgoingMessage, Part, PeerRecord, TextPart, WorkspaceInfo } from '../../src/index.js';
import type { DataPartSchema, FilePartSchema, FileRefSchema, OutgoingMessageSchema, TextPartSchema } from '../../src/schemas/a2a.js';
import type { PeerRecordSchema } from '../../src/schemas/peer.js';
import type { WorkspaceInfoSchema } from '../../src/schemas/workspace.js';

/** The members of a loose object, without the index signature through which unknown fields pass. */
type Known<T> = { [K in keyof T as string extends K ? never : K]: Checked<T[K]> };
/** What a schema checks: its output with every loose object reduced to its known members (a pure record such as `metadata` stays a record). */
type Checked<T> = T extends readonly (infer Item)[]
	? Checked<Item>[]
	: T extends object
		? [keyof Known<T>] extends [never]
			? { [K in keyof T]: T[K] }
			: Known<T>
		: T;
type Output<TSchema extends v.GenericSchema> = Checked<v.InferOutput<TSchema>>;

// Each public shape has exactly the members its schema checks, with the same types and optionality.
expectTypeOf<Output<typeof TextPartSchema>>().toEqualTypeOf<TextPart>();
expectTypeOf<Output<typeof FileRefSchema>>().toEqualTypeOf<FileRef>();
expectTypeOf<Output<typeof FilePartSchema>>().toEqualTypeOf<FilePart>();
expectTypeOf<Output<typeof DataPartSchema>>().toEqualTypeOf<DataPart>();
expectTypeOf<Output<typeof TextPartSchema> | Output<typeof FilePartSchema> | Output<typeof DataPartSchema>>().toEqualTypeOf<Part>();
expectTypeOf<Output<typeof PeerRecordSchema>>().toEqualTypeOf<PeerRecord>();
// `error` is the result's discriminant, which the description never carries.
expectTypeOf<Output<typeof WorkspaceInfoSchema>>().toEqualTypeOf<Omit<WorkspaceInfo, 'error'>>();
expectTypeOf<WorkspaceInfo['error']>().toEqualTypeOf<undefined>();
// The schema checks the outside of a message; each part is checked by the schema of its kind.
expectTypeOf<keyof OutgoingMessage>().toEqualTypeOf<keyof Output<typeof OutgoingMessageSchema>>();
expectTypeOf<Omit<OutgoingMessage, 'parts'>>().toEqualTypeOf<Omit<Output<typeof OutgoingMessageSchema>, 'parts'>>();
expectTypeOf<OutgoingMessage['parts']>().toEqualTypeOf<Part[]>();

/** A misspelt member does not type-check on a part, a peer or a description. */
export function misspelt(part: TextPart, peer: PeerRecord, info: WorkspaceInfo): unknown[] {
	return [
		// @ts-expect-error `txet` is no member of a text part
		part.txet,
		// @ts-expect-error `nmae` is no member of a peer record
		peer.nmae,
		// @ts-expect-error `runtme` is no member of a workspace description
		info.runtme,
	];
}

/** A message literal with a misspelt member or kind does not type-check. */
export async function badMessages(client: A2AClient, peerId: string): Promise<void> {
	// @ts-expect-error `txet` is no member of a text part
	await client.sendMessage(peerId, { parts: [{ kind: 'text', txet: 'hi' }] });
	// @ts-expect-error `txt` is no part kind
	await client.sendMessage(peerId, { parts: [{ kind: 'txt', text: 'hi' }] });
	// @ts-expect-error a file part holds its file under `file`
	await client.sendMessage(peerId, { parts: [{ kind: 'file', uri: 'https://files.example.com/a.pdf' }] });
	// @ts-expect-error `meta` is no member of a message
	await client.sendMessage(peerId, { parts: [{ kind: 'text', text: 'hi' }], meta: {} });
}

/** `kind` narrows a reply's parts to one shape. */
export async function readParts(client: A2AClient, peerId: string): Promise<string[]> {
	const outcome = await client.sendMessage(peerId, { parts: [{ kind: 'data', data: { rows: 2 } }], metadata: { ticket: 'OPS-42' } });
	if (outcome.status !== 'replied') return [];
	expectTypeOf(outcome.files).toEqualTypeOf<FileRef[]>();
	return outcome.parts.map((part) => {
		if (part.kind === 'text') return part.text;
		if (part.kind === 'file') return part.file.uri ?? part.file.name ?? '';
		expectTypeOf(part).toEqualTypeOf<DataPart>();
		return JSON.stringify(part.data);
	});
}

/** The shapes are plain JSON data: assignable to a record of unknown values, as a logger or table printer takes them. */
export function asRecords(part: Part, peer: PeerRecord, info: WorkspaceInfo, message: OutgoingMessage): Readonly<Record<string, unknown>>[] {
	return [part, peer, info, message];
}
