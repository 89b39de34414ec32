import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { UsageError } from '../../src/cli/args.js';
import { firstInvalidUtf8Offset, readUtf8Text } from '../../src/cli/stdin.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

async function* chunksOf(...chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
	yield* chunks;
}

async function refusal(read: Promise<string>): Promise<string> {
	const error: unknown = await read.then(
		() => undefined,
		(reason: unknown) => reason,
	);
	expect(error).toBeInstanceOf(UsageError);
	return (error as UsageError).message;
}

describe('the first invalid UTF-8 byte', () => {
	test.each([
		['a lone continuation byte', bytes(0x68, 0x80), 1],
		['a byte that never starts a sequence', bytes(0x68, 0x69, 0xff), 2],
		['an overlong two-byte form', bytes(0xc0, 0x80), 0],
		['an overlong three-byte form', bytes(0x41, 0xe0, 0x80, 0x80), 1],
		['a UTF-16 surrogate', bytes(0xed, 0xa0, 0x80), 0],
		['a code point above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
		['a lead byte above 0xF4', bytes(0xf5, 0x80, 0x80, 0x80), 0],
		['a sequence cut short by an ASCII byte', bytes(0x61, 0xe2, 0x82, 0x61), 1],
		['a sequence cut short by the end', bytes(0x61, 0x62, 0xe2, 0x82), 2],
	])('is found at its offset: %s', (_name, input, offset) => {
		expect(firstInvalidUtf8Offset(input)).toBe(offset);
	});

	test('is -1 for well-formed text of every sequence length', () => {
		expect(firstInvalidUtf8Offset(new TextEncoder().encode('a é € 𝄞'))).toBe(-1);
	});

	test('is -1 exactly when a fatal TextDecoder accepts the bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 24 }), (input) => {
				let decodes = true;
				try {
					new TextDecoder('utf-8', { fatal: true }).decode(input);
				} catch {
					decodes = false;
				}
				expect(firstInvalidUtf8Offset(input) === -1).toBe(decodes);
			}),
			{ numRuns: 2000 },
		);
	});
});

describe('reading a message from a stream', () => {
	test('joins the chunks, even when a character is split between two', async () => {
		const euro = new TextEncoder().encode('€');
		const text = await readUtf8Text(chunksOf(bytes(0x61, euro[0] ?? 0), bytes(euro[1] ?? 0, euro[2] ?? 0, 0x62)), 100, 'stdin');
		expect(text).toBe('a€b');
	});

	test('accepts exactly the limit', async () => {
		expect(await readUtf8Text(chunksOf(new Uint8Array(4).fill(0x61), new Uint8Array(4).fill(0x62)), 8, 'stdin')).toBe('aaaabbbb');
	});

	test('refuses one byte over the limit, naming the limit', async () => {
		const message = await refusal(readUtf8Text(chunksOf(new Uint8Array(8).fill(0x61), bytes(0x62)), 8, 'the message on stdin'));
		expect(message).toBe('the message on stdin is over 8 bytes, the most the platform accepts in one request');
	});

	test('stops reading an endless stream at the first chunk past the limit, and closes it', async () => {
		let pulled = 0;
		let closed = false;
		async function* endless(): AsyncGenerator<Uint8Array> {
			try {
				for (;;) {
					pulled++;
					yield new Uint8Array(1024);
				}
			} finally {
				closed = true;
			}
		}
		await refusal(readUtf8Text(endless(), 10 * 1024, 'stdin'));
		expect(pulled).toBe(11);
		expect(closed).toBe(true);
	});

	test('refuses bytes that are not UTF-8, naming the byte and its offset', async () => {
		const message = await refusal(readUtf8Text(chunksOf(bytes(0x68, 0x69), bytes(0x20, 0xc3, 0x28)), 100, 'the message on stdin'));
		expect(message).toBe('the message on stdin is not UTF-8: byte 0xc3 at offset 3 does not start a valid sequence');
	});

	test('input that ends in the middle of a sequence says it ends mid-sequence, not that the byte starts no sequence', async () => {
		const message = await refusal(readUtf8Text(chunksOf(bytes(0x61, 0x62, 0xe2, 0x82)), 100, 'the message on stdin'));
		expect(message).toBe('the message on stdin is not UTF-8: it ends mid-sequence (the sequence starting with byte 0xe2 at offset 2 is cut short)');
	});

	test.each([[[0xf0, 0x9f]], [[0xe0, 0xa0]], [[0xed]], [[0xf4, 0x8f, 0xbf]]])('%j at the end is a sequence cut short', async (tail) => {
		expect(await refusal(readUtf8Text(chunksOf(bytes(0x61, ...tail)), 100, 'input'))).toContain('ends mid-sequence');
	});

	test.each([[[0xe0, 0x80]], [[0xed, 0xa0]], [[0xff]], [[0xc3, 0x28]]])('%j at the end is an invalid byte, not a short sequence', async (tail) => {
		expect(await refusal(readUtf8Text(chunksOf(bytes(0x61, ...tail)), 100, 'input'))).toContain('does not start a valid sequence');
	});
});
