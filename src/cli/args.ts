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
	try {
		return parse();
	} catch (error) {
		if (!isParseArgsFailure(error)) throw error;
		throw new UsageError(error.message.split(/\.\s/)[0]?.replace(/\.$/, '') ?? error.message);
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
