import process from 'node:process';

/** The exit codes every command shares. */
export const exitCode = {
	ok: 0,
	/** The platform or the agent said no: a failed send, an unknown peer, an error from info. */
	remoteFailure: 1,
	/** The command line or the configuration is wrong; nothing was asked of the platform. */
	usage: 2,
} as const;

export function printLine(text = ''): void {
	process.stdout.write(`${text}\n`);
}

export function printError(text: string): void {
	process.stderr.write(`${text}\n`);
}

/** Scripts read exactly one JSON document, on one line, from stdout. */
export function printJson(value: unknown): void {
	printLine(JSON.stringify(value));
}

/** Left-aligned columns, two spaces apart; the last column is not padded. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
	const line = (cells: readonly string[]): string =>
		cells
			.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
			.join('  ')
			.trimEnd();
	return [line(header), ...rows.map(line)];
}

/** `key: value` lines for every field that has a value, keys aligned. */
export function formatFields(record: Readonly<Record<string, unknown>>): string[] {
	const entries = Object.entries(record).filter(([, value]) => value !== null && value !== undefined && value !== '');
	const width = Math.max(0, ...entries.map(([key]) => key.length));
	return entries.map(([key, value]) => `${`${key}:`.padEnd(width + 1)} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
}
