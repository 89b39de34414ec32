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
