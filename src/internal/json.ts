export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

/** `JSON.parse` that reports failure as a value, with the parser's message. */
export function parseJson(text: string): JsonParse {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		return { ok: false, error: error instanceof Error ? error.message : String(error) };
	}
}

/** At most `limit` characters of `text`, for error messages. */
export function snippet(text: string, limit = 200): string {
	return text.length > limit ? text.slice(0, limit) : text;
}
