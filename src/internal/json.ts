export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * `JSON.parse` that reports failure as a value. The reason is our own words plus the position the
 * engine gives: engines quote a piece of the text in their messages, and the text may echo a secret
 * that redaction, which only recognises whole values, would miss.
 */
export function parseJson(text: string): JsonParse {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		if (!text.trim()) return { ok: false, error: 'empty body' };
		const where = /at position \d+(?: \(line \d+ column \d+\))?|at line \d+ column \d+/.exec(String((error as Error).message))?.[0];
		return { ok: false, error: where ? `invalid JSON ${where}` : 'invalid JSON' };
	}
}

/** A plain JSON object (not an array, not null). */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value of a JSON text, or `undefined` when it is not JSON, for callers that need no reason. */
export function jsonValue(text: string): unknown {
	const parsed = parseJson(text);
	return parsed.ok ? parsed.value : undefined;
}
