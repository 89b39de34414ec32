import * as v from 'valibot';

const optionalText = v.optional(v.string());
const metadata = v.optional(v.looseObject({}));

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
export type Part = TextPart | FilePart | DataPart;

/** The schema of each part kind: picked by `kind` first, so a bad part gets one precise issue. */
export const partSchemas: Readonly<Record<string, v.GenericSchema<unknown, Part>>> = { text: TextPart, file: FilePart, data: DataPart };

/** What `sendMessage` accepts besides a plain string; each part is then checked against `partSchemas`. */
export const OutgoingMessage = v.looseObject({ parts: v.array(v.unknown()), metadata });

/** What `sendMessage` accepts besides a plain string. */
export interface OutgoingMessage {
	/** At least one part. */
	parts: Part[];
	/** Sent as the A2A message's `metadata`. */
	metadata?: Record<string, unknown> | undefined;
}
