/** The command line is wrong: the message is printed as one line and the exit code is 2. */
export class UsageError extends Error {
	override name = 'UsageError';
}

interface ParseArgsFailure {
	code: string;
	message: string;
}

function isParseArgsFailure(error: unknown): error is ParseArgsFailure {
	const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
	return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/**
 * Runs a `node:util` `parseArgs` call, turning its errors into a `UsageError` holding only the
 * first sentence: Node appends advice about `--` that reads as noise in a one-line message.
 */
export function parseUsage<T>(parse: () => T): T {
	let parsed: T;
	try {
		parsed = parse();
	} catch (error) {
		if (!isParseArgsFailure(error)) throw error;
		throw new UsageError(error.message.split(/\.\s/)[0]?.replace(/\.$/, '') ?? error.message);
	}
	refuseRepeatedValues(parsed);
	return parsed;
}

interface OptionToken {
	kind: string;
	name?: string;
	rawName?: string;
	value?: string | undefined;
}

/**
 * A flag that takes one value given twice (`--timeout 1 --timeout 5`) is a mistake parseArgs
 * settles silently by keeping the last; refused here instead. Needs `tokens: true` in the parse.
 */
function refuseRepeatedValues(parsed: unknown): void {
	const tokens: unknown = typeof parsed === 'object' && parsed !== null ? (parsed as { tokens?: unknown }).tokens : undefined;
	if (!Array.isArray(tokens)) return;
	const seen = new Set<string>();
	for (const token of tokens as OptionToken[]) {
		if (token.kind !== 'option' || token.value === undefined || token.name === undefined) continue;
		if (seen.has(token.name)) throw new UsageError(`${token.rawName ?? `--${token.name}`} is given more than once; give it once`);
		seen.add(token.name);
	}
}

/** The one positional a command needs, or a `UsageError` naming it. */
export function requirePositional(positionals: readonly string[], index: number, name: string): string {
	const value = positionals[index];
	if (value === undefined || value === '') throw new UsageError(`missing ${name}`);
	return value;
}

/** Refuses positionals beyond the `count` a command takes. */
export function refuseExtraPositionals(positionals: readonly string[], count: number): void {
	const extra = positionals[count];
	if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
}
