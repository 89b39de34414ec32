import { ConfigError } from './errors/config-error.js';
import { kindOf, shownValue } from './internal/describe.js';
import { isRecord } from './internal/json.js';

/**
 * Per member of an options object: its test, what it must be in words (`an AbortSignal`), and whether
 * a bad string may be quoted back (one of a few words: `'Push'` for `deliveryMode`). Only a string of
 * at most `maxQuoted` characters is: a longer one cannot be a misspelt word, and may be a token put
 * in the wrong option.
 */
export type OptionChecks = Readonly<Record<string, readonly [test: (value: unknown) => boolean, expected: string, quote?: boolean]>>;

/**
 * Checks the members of `value` named in `checks`, but those `absent` says are not there, and throws
 * `ConfigError` naming the first bad one: `<prefix>.<member>`, or `<member>` with no prefix.
 */
export function checkMembers(value: Record<string, unknown>, checks: OptionChecks, prefix: string, absent = (member: unknown): boolean => member === undefined): void {
	for (const [name, [test, expected, quote]] of Object.entries(checks)) {
		const member = value[name];
		if (!absent(member) && !test(member)) throw new ConfigError(prefix ? `${prefix}.${name}` : name, `must be ${expected}, got ${quote ? quotedIfShort(member) : kindOf(member)}`);
	}
}

/** The longest string an option error quotes back. */
const maxQuoted = 12;

function quotedIfShort(value: unknown): string {
	if (typeof value !== 'string') return kindOf(value);
	return value.length <= maxQuoted ? shownValue(value) : `a string of ${value.length} characters`;
}

/**
 * Refuses a member of `value` that `known` does not name: a misspelt option would otherwise do
 * nothing, silently. Throws `ConfigError` naming `<prefix>.<member>`, or `<member>` with no prefix.
 */
export function refuseUnknown(value: object, known: readonly string[], prefix: string): void {
	const unknown = Object.keys(value).find((key) => !known.includes(key));
	if (unknown !== undefined) throw new ConfigError(prefix ? `${prefix}.${unknown}` : unknown, `is not an option (${known.join(', ')})`);
}

/**
 * The options object of a call, checked before anything starts: `undefined` and `null` mean none;
 * anything else must be a plain object whose members pass `checks`, and has no other member (`null`
 * and `undefined` members mean the default). Throws `ConfigError` naming `options` or `options.<member>`.
 */
export function checkOptions<T extends object>(options: T | null | undefined, checks: OptionChecks): Partial<T> {
	if (options === undefined || options === null) return {};
	if (!isRecord(options)) throw new ConfigError('options', `must be an object, got ${kindOf(options)}`);
	refuseUnknown(options, Object.keys(checks), 'options');
	checkMembers(options, checks, 'options', (member) => member === undefined || member === null);
	return options;
}

/** An `AbortSignal`, from this realm or another (a test runner's, a framework's polyfill). */
export const isAbortSignal = (value: unknown): value is AbortSignal =>
	isRecord(value) && typeof value['aborted'] === 'boolean' && typeof value['addEventListener'] === 'function' && typeof value['removeEventListener'] === 'function';

/** The options of a call that takes only a `signal`. */
export const signalOnly: OptionChecks = { signal: [isAbortSignal, 'an AbortSignal'] };
