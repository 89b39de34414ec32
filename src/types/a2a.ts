// The A2A message content this package sends and reads: what users see in their editor. Each has a
// schema of the same name plus `Schema` in src/schemas/a2a.ts, and test/types/schemas.fixture.ts fails
// to compile when the two disagree. Object types rather than interfaces, so a value stays assignable
// to `Record<string, unknown>` (a logger's fields, a table printer) as the JSON it came from is.

/**
 * Plain text content: A2A v0.3 `TextPart`.
 *
 * @example
 * const part: TextPart = { kind: 'text', text: 'Summarise the open incidents' };
 */
export type TextPart = {
	/** The discriminator: always `'text'`. Replies that said `type` (A2A v0) or nothing (v1.0) are normalised to it. */
	kind: 'text';
	/** The text; a reply's text part without one reads as `''`. */
	text: string;
	/** Part metadata, passed through as the agent sent it. */
	metadata?: Record<string, unknown> | undefined;
};

/**
 * A file, by reference (`uri`) or inline (`bytes`): A2A v0.3 `FileWithUri` / `FileWithBytes`.
 * `sendMessage` requires one of the two; a reply's v1.0 `{url, raw, filename, mediaType}` is read into these names.
 *
 * @example
 * const report: FileRef = { uri: 'https://files.example.com/q3.pdf', name: 'q3.pdf', mimeType: 'application/pdf' };
 */
export type FileRef = {
	/** Where the file can be fetched. */
	uri?: string | undefined;
	/** The file's content, base64-encoded. */
	bytes?: string | undefined;
	/** The file name, e.g. `report.pdf`. */
	name?: string | undefined;
	/** The media type, e.g. `application/pdf`. */
	mimeType?: string | undefined;
	/** The size in bytes, when the sender gave it. */
	size?: number | undefined;
};

/**
 * File content: A2A v0.3 `FilePart`.
 *
 * @example
 * const part: FilePart = { kind: 'file', file: { uri: 'https://files.example.com/q3.pdf', mimeType: 'application/pdf' } };
 */
export type FilePart = {
	/** The discriminator: always `'file'`. */
	kind: 'file';
	/** The file, by `uri` or inline `bytes`. */
	file: FileRef;
	/** Part metadata, passed through as the agent sent it. */
	metadata?: Record<string, unknown> | undefined;
};

/**
 * Structured JSON content: A2A v0.3 `DataPart`.
 *
 * @example
 * const part: DataPart = { kind: 'data', data: { open: 3, severity: 'high' } };
 */
export type DataPart = {
	/** The discriminator: always `'data'`. */
	kind: 'data';
	/** Any JSON value. `sendMessage` refuses `undefined`, which JSON would drop. */
	data: unknown;
	/** Part metadata, passed through as the agent sent it. */
	metadata?: Record<string, unknown> | undefined;
};

/**
 * One piece of A2A message content, told apart by `kind`.
 *
 * @example
 * const show = (part: Part): string => (part.kind === 'text' ? part.text : part.kind === 'file' ? (part.file.uri ?? '(inline file)') : JSON.stringify(part.data));
 */
export type Part = TextPart | FilePart | DataPart;

/**
 * What `sendMessage` accepts besides a plain string: the parts and metadata of an A2A v0.3 `Message`
 * (the client adds `role`, `messageId` and the JSON-RPC `message/send` envelope). Its JSON must fit the
 * platform proxy's request limit, else `InvalidMessageError`.
 *
 * @example
 * const message: OutgoingMessage = {
 *   parts: [{ kind: 'text', text: 'Review this' }, { kind: 'file', file: { uri: 'https://files.example.com/q3.pdf' } }],
 *   metadata: { ticket: 'OPS-42' },
 * };
 * await client.sendMessage(peerId, message);
 */
export type OutgoingMessage = {
	/** At least one part, and at least one with content: a message of blank text parts only is refused. */
	parts: Part[];
	/** Sent as the A2A message's `metadata`. */
	metadata?: Record<string, unknown> | undefined;
};
