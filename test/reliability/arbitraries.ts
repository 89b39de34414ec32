// fast-check generators for hostile input: ids, JSON texts with prototype keys, tokens, header-breaking values.
import fc from 'fast-check';
import { expect } from 'vitest';
import { FIRST_REQUEST_ID } from '../helpers/ids.js';

const hexDigit = fc.constantFrom(...'0123456789abcdefABCDEF');
const hexRun = (length: number): fc.Arbitrary<string> => fc.string({ unit: hexDigit, minLength: length, maxLength: length });

/** A UUID in mixed case. */
export const uuid = fc.tuple(hexRun(8), hexRun(4), hexRun(4), hexRun(4), hexRun(12)).map((groups) => groups.join('-'));

/** What `String.prototype.trim` removes. */
export const padding = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\ufeff', '\u2028', '\u3000'), maxLength: 3 });

/** Characters an id must never smuggle into a URL path, and look-alikes of valid ones. */
export const hostileCharacter = fc.oneof(
	fc.constantFrom('/', '.', '%', '\\', '?', '#', ' ', '\n', '\r', '\t', '\0', '\u202e', '\u200b', '\u00a0', 'g', 'G', 'z', '-', '０', 'ａ', 'K'),
	fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/** True for a canonical UUID, checked character by character (independently of the client's regex). */
export function isUuid(text: string): boolean {
	if (text.length !== 36) return false;
	return [...text].every((char, index) => ([8, 13, 18, 23].includes(index) ? char === '-' : '0123456789abcdefABCDEF'.includes(char)));
}

const vocabulary = [
	'__proto__', 'constructor', 'prototype', 'polluted', 'toString', 'hasOwnProperty', 'result', 'error', 'message', 'parts', 'kind', 'type',
	'text', 'task', 'status', 'state', 'artifacts', 'file', 'uri', 'url', 'raw', 'root', 'data', 'queued', 'queue_id', 'delivery_mode',
	'code', 'retry_after', 'jsonrpc', 'id', 'metadata',
];
const stringValue = fc.oneof(fc.string(), fc.constantFrom('text', 'file', 'data', 'message', 'task', 'completed', 'failed', 'TASK_STATE_FAILED', 'queued', 'Agent error: x'));

/**
 * JSON texts written member by member, so an object may hold `"__proto__"` as an own key (as `JSON.parse`
 * makes it) and repeated keys; keys lean towards the A2A vocabulary to reach deep into the reply reader.
 */
export const hostileJsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; leaf: string; array: string; object: string }>((tie) => ({
	value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('array'), tie('object')),
	leaf: fc.oneof(
		fc.constantFrom('null', 'true', 'false', '0', '-1', '1e400', '{}', '[]'),
		fc.double({ noNaN: true, noDefaultInfinity: true }).map((number) => JSON.stringify(number)),
		stringValue.map((text) => JSON.stringify(text)),
	),
	array: fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
	object: fc
		.array(fc.tuple(fc.oneof(fc.constantFrom(...vocabulary), fc.string()), tie('value')), { maxLength: 5 })
		.map((members) => `{${members.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
})).value;

/** A whole answer body: any JSON value bare or as a result; hostile JSON bare, as a result or error (with the request's id or a hostile one), or behind a `__proto__` member. */
export const hostileBody = fc.oneof(
	fc.jsonValue().map((value) => JSON.stringify(value)),
	fc.jsonValue().map((value) => JSON.stringify({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, result: value })),
	hostileJsonText,
	hostileJsonText.map((value) => `{"jsonrpc":"2.0","id":"${FIRST_REQUEST_ID}","result":${value}}`),
	hostileJsonText.map((value) => `{"jsonrpc":"2.0","id":"${FIRST_REQUEST_ID}","error":${value}}`),
	fc.tuple(hostileJsonText, hostileJsonText, fc.constantFrom('result', 'error')).map(([id, value, member]) => `{"id":${id},"${member}":${value}}`),
	fc.tuple(hostileJsonText, hostileJsonText).map(([proto, value]) => `{"__proto__":${proto},"result":${value}}`),
	fc.string(),
);

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
const visible = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));

/** Any token a header can carry: printable ASCII, at least 8 characters, no outer spaces. */
export const token = fc.string({ unit: printable, minLength: 8, maxLength: 48 }).filter((text) => text === text.trim());
/** Text around an echoed token. */
export const noise = fc.string({ unit: printable, maxLength: 12 });

/** A character no header value may carry: controls but tab, DEL, anything beyond ASCII. */
export const headerBreaker = fc
	.oneof(fc.integer({ min: 0, max: 0x1f }).filter((code) => code !== 9), fc.constant(0x7f), fc.integer({ min: 0x80, max: 0x10ffff }))
	.filter((code) => code < 0xd800 || code > 0xdfff)
	.map((code) => String.fromCodePoint(code));
/** A header value with a breaker inside it (so trimming cannot remove it). */
export const brokenHeaderValue = fc
	.tuple(fc.string({ unit: visible, minLength: 1, maxLength: 10 }), headerBreaker, fc.string({ unit: visible, minLength: 1, maxLength: 10 }))
	.map(([before, breaker, after]) => before + breaker + after);

/** The token, anywhere in `text`, once the `[redacted]` markers are taken out (they cannot hide or form a token). */
export function leaks(text: string, secret: string): boolean {
	return text.replaceAll('[redacted]', '\u2588').includes(secret);
}

const objectPrototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const arrayPrototypeKeys = Object.getOwnPropertyNames(Array.prototype).sort();

/** `Object.prototype` and `Array.prototype` are as they were, and no object inherits a `polluted` key. */
export function expectUnpolluted(): void {
	expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
	expect(([] as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
	expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(objectPrototypeKeys);
	expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayPrototypeKeys);
}
