import { UsageError } from './args.js';

/**
 * The offset of the first byte that does not start a well-formed UTF-8 sequence, or `-1` when every
 * byte does. "Well-formed" as the WHATWG decoder (and `TextDecoder` with `fatal`) reads it: no
 * overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut short.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
	let index = 0;
	while (index < bytes.length) {
		const lead = bytes[index] ?? 0;
		let length: number;
		// The range the second byte must fall in; later continuation bytes are 0x80–0xBF.
		let low = 0x80;
		let high = 0xbf;
		if (lead < 0x80) length = 1;
		else if (lead >= 0xc2 && lead <= 0xdf) length = 2;
		else if (lead >= 0xe0 && lead <= 0xef) {
			length = 3;
			if (lead === 0xe0) low = 0xa0;
			if (lead === 0xed) high = 0x9f;
		} else if (lead >= 0xf0 && lead <= 0xf4) {
			length = 4;
			if (lead === 0xf0) low = 0x90;
			if (lead === 0xf4) high = 0x8f;
		} else return index;
		for (let next = 1; next < length; next++) {
			const byte = bytes[index + next];
			if (byte === undefined || byte < (next === 1 ? low : 0x80) || byte > (next === 1 ? high : 0xbf)) return index;
		}
		index += length;
	}
	return -1;
}

/**
 * Whether the sequence at `offset` is well-formed as far as it goes but the input ends before it
 * does (`ab\xe2\x82`): some run of continuation bytes completes it, which no fill can do for a bad byte.
 */
export function endsMidSequence(bytes: Uint8Array, offset: number): boolean {
	const tail = bytes.subarray(offset);
	if (tail.length === 0 || tail.length > 3) return false;
	// 0x80 fits every continuation except the second byte after 0xE0 (0xA0–) and 0xF0 (0x90–).
	return [0x80, 0x90, 0xa0].some((fill) => firstInvalidUtf8Offset(Uint8Array.from([...tail, fill, fill, fill])) !== 0);
}

/**
 * Reads a whole stream as UTF-8 text, refusing (with a `UsageError`) more than `limitBytes` bytes or
 * bytes that are not UTF-8. Reading stops as soon as the limit is passed, so an endless input
 * (`< /dev/zero`) costs one chunk over the limit, not the machine's memory.
 *
 * @param input - the bytes, e.g. `process.stdin` (strings are taken as UTF-8)
 * @param limitBytes - the most bytes accepted
 * @param what - names the input in the error messages, e.g. `the message on stdin`
 * @throws UsageError naming the limit, or the byte offset of the first invalid sequence
 */
export async function readUtf8Text(input: AsyncIterable<Uint8Array | string>, limitBytes: number, what: string): Promise<string> {
	const chunks: Uint8Array[] = [];
	let total = 0;
	for await (const chunk of input) {
		const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
		total += bytes.byteLength;
		// Leaving the loop ends the iteration, which destroys a Node stream and closes its file.
		if (total > limitBytes) throw new UsageError(`${what} is over ${limitBytes} bytes, the most the platform accepts in one request`);
		chunks.push(bytes);
	}
	const bytes = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		const at = firstInvalidUtf8Offset(bytes);
		const byte = (bytes[at] ?? 0).toString(16).padStart(2, '0');
		if (endsMidSequence(bytes, at)) throw new UsageError(`${what} is not UTF-8: it ends mid-sequence (the sequence starting with byte 0x${byte} at offset ${at} is cut short)`);
		throw new UsageError(`${what} is not UTF-8: byte 0x${byte} at offset ${at} does not start a valid sequence`);
	}
}
