import * as v from 'valibot';
import type { Part } from '../types/a2a.js';

// The public shapes are the interfaces in src/types/a2a.ts; these check untrusted values against them.

const optionalText = v.optional(v.string());
const metadata = v.optional(v.looseObject({}));

/** A `TextPart`. */
export const TextPartSchema = v.looseObject({ kind: v.literal('text'), text: v.string(), metadata });

/** A `FileRef`: a file by reference (`uri`) or inline (`bytes`, base64). */
export const FileRefSchema = v.looseObject({
	uri: optionalText,
	bytes: optionalText,
	name: optionalText,
	mimeType: optionalText,
	size: v.optional(v.number()),
});

/** A `FilePart`. */
export const FilePartSchema = v.looseObject({ kind: v.literal('file'), file: FileRefSchema, metadata });

/** A `DataPart`. */
export const DataPartSchema = v.looseObject({ kind: v.literal('data'), data: v.unknown(), metadata });

/** The schema of each part kind: picked by `kind` first, so a bad part gets one precise issue. */
export const partSchemas: Readonly<Record<string, v.GenericSchema<unknown, Part>>> = { text: TextPartSchema, file: FilePartSchema, data: DataPartSchema };

/** The outside of an `OutgoingMessage`; each part is then checked against `partSchemas`. */
export const OutgoingMessageSchema = v.looseObject({ parts: v.array(v.unknown()), metadata });
