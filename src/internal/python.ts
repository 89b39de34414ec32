// Byte-for-byte helpers for strings the Python client printed and the canvas or agents may parse.

/** Characters Python's `str.isprintable()` rejects: Unicode "Other" and "Separator" categories (space excepted). */
const nonPrintable = /[\p{C}\p{Z}]/gu;

function escapeChar(char: string): string {
	const code = char.codePointAt(0) ?? 0;
	if (char === ' ') return char;
	if (char === '\n') return '\\n';
	if (char === '\r') return '\\r';
	if (char === '\t') return '\\t';
	const hex = code.toString(16);
	if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
	return code <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`;
}

/** Python's `repr()` of a value, as the Python client put into its invalid-peer-id message. */
export function pythonRepr(value: unknown): string {
	if (value === null || value === undefined) return 'None';
	if (typeof value === 'boolean') return value ? 'True' : 'False';
	if (typeof value !== 'string') return typeof value === 'object' ? pythonTypeName(value) : String(value);
	const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
	const body = value
		.replaceAll('\\', '\\\\')
		.replaceAll(quote, `\\${quote}`)
		.replace(nonPrintable, escapeChar);
	return quote + body + quote;
}

/** Python's `type(x).__name__` for a parsed JSON value. */
export function pythonTypeName(value: unknown): string {
	if (value === null) return 'NoneType';
	if (Array.isArray(value)) return 'list';
	switch (typeof value) {
		case 'string':
			return 'str';
		case 'boolean':
			return 'bool';
		case 'number':
			return Number.isInteger(value) ? 'int' : 'float';
		default:
			return 'dict';
	}
}
