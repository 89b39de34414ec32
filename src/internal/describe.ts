/**
 * The value a caller passed, described for error text: numbers and booleans as themselves, anything
 * else by kind (`undefined`, `null`, `an array`, `a string`, `a bigint`, …). Never the text of a string
 * or an object, which may be a secret, or may not even turn into a string.
 */
export function kindOf(value: unknown): string {
	const type = Array.isArray(value) ? 'array' : typeof value;
	if (value === null || type === 'undefined' || type === 'number' || type === 'boolean') return String(value);
	return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/**
 * A value that is not a secret, for error text: a string quoted (at most 80 characters, with any
 * URL credentials, query and fragment left out, as a URL may carry a key there); anything else as
 * `kindOf` says it.
 */
export function shownValue(value: unknown): string {
	if (typeof value !== 'string') return kindOf(value);
	const shown = value.replace(/\/\/[^/?#]*@/, '//…@').replace(/[?#][^]*$/, '?…');
	return JSON.stringify(shown.length > 80 ? `${shown.slice(0, 80)}…` : shown);
}
