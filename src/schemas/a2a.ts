import * as v from 'valibot';

const optionalText = v.optional(v.string());
const metadata = v.optional(v.record(v.string(), v.unknown()));

/** Plain text content. */
export const TextPart = v.looseObject({ kind: v.literal('text'), text: v.string(), metadata });
export type TextPart = v.InferOutput<typeof TextPart>;

/** A file by reference (`uri`) or inline (`bytes`, base64). */
export const FileRef = v.looseObject({
	uri: optionalText,
	bytes: optionalText,
	name: optionalText,
	mimeType: optionalText,
	size: v.optional(v.number()),
});
export type FileRef = v.InferOutput<typeof FileRef>;

/** A file content part. */
export const FilePart = v.looseObject({ kind: v.literal('file'), file: FileRef, metadata });
export type FilePart = v.InferOutput<typeof FilePart>;

/** Structured JSON content. */
export const DataPart = v.looseObject({ kind: v.literal('data'), data: v.unknown(), metadata });
export type DataPart = v.InferOutput<typeof DataPart>;

/** One piece of A2A message content, discriminated by `kind`. */
export const Part = v.variant('kind', [TextPart, FilePart, DataPart]);
export type Part = v.InferOutput<typeof Part>;

/** What `sendMessage` accepts besides a plain string. */
export const OutgoingMessage = v.looseObject({
	parts: v.pipe(v.array(Part), v.minLength(1, 'must hold at least one part')),
	metadata,
});
export type OutgoingMessage = v.InferInput<typeof OutgoingMessage>;
