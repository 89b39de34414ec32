import { describe, expect, test } from 'vitest';
import { extractReply } from '../../src/index.js';

describe('extractReply', () => {
	test('reads a Message: every text part joined with newlines', () => {
		expect(extractReply({ kind: 'message', parts: [{ kind: 'text', text: 'a' }, { kind: 'text', text: 'b' }] }).text).toBe('a\nb');
	});

	test('accepts the v0 "type" discriminator and reports it as "kind"', () => {
		expect(extractReply({ parts: [{ type: 'text', text: 'v0' }] }).parts).toEqual([{ kind: 'text', text: 'v0' }]);
	});

	test('reads v1.0 parts without a discriminator', () => {
		const reply = extractReply({ message: { parts: [{ text: 'hi' }, { url: 'https://x/f.png', filename: 'f.png', mediaType: 'image/png' }, { data: { a: 1 } }] } });
		expect(reply.parts).toEqual([
			{ kind: 'text', text: 'hi' },
			{ kind: 'file', file: { uri: 'https://x/f.png', name: 'f.png', mimeType: 'image/png' } },
			{ kind: 'data', data: { a: 1 } },
		]);
		expect(reply.files).toEqual([{ uri: 'https://x/f.png', name: 'f.png', mimeType: 'image/png' }]);
	});

	test('unwraps parts[].root as the canvas does', () => {
		expect(extractReply({ parts: [{ root: { kind: 'text', text: 'rooted' } }] }).text).toBe('rooted');
	});

	test('reads a Task: artifacts first, then the status message, and its state', () => {
		const reply = extractReply({
			id: 't',
			status: { state: 'input-required', message: { parts: [{ kind: 'text', text: 'which region?' }] } },
			artifacts: [{ parts: [{ kind: 'text', text: 'draft' }] }],
		});
		expect(reply).toMatchObject({ text: 'draft\nwhich region?', taskState: 'input-required' });
	});

	test('normalises a v1.0 task state', () => {
		expect(extractReply({ task: { status: { state: 'TASK_STATE_INPUT_REQUIRED' } } }).taskState).toBe('input-required');
	});

	test('lists only file parts that carry a uri', () => {
		const reply = extractReply({ parts: [{ kind: 'file', file: { bytes: 'aGk=', name: 'inline.txt' } }, { kind: 'file', file: { uri: 'workspace:/a' } }] });
		expect(reply.files).toEqual([{ uri: 'workspace:/a' }]);
		expect(reply.parts).toHaveLength(2);
	});

	test('skips parts it cannot read instead of failing', () => {
		expect(extractReply({ parts: [null, 5, 'x', { kind: 'text', text: 7 }, { kind: 'text', text: 'kept' }] }).parts).toEqual([{ kind: 'text', text: 'kept' }]);
	});

	test.each([null, undefined, 42, true, [], [1, 2]])('gives an empty reply for %j', (result) => {
		expect(extractReply(result)).toEqual({ text: '', parts: [], files: [] });
	});

	test('reads a bare string result as text', () => {
		expect(extractReply('plain')).toEqual({ text: 'plain', parts: [{ kind: 'text', text: 'plain' }], files: [] });
	});

	test('does not let a __proto__ key reach any prototype', () => {
		const hostile = JSON.parse('{"parts":[{"kind":"text","text":"x","__proto__":{"polluted":true}}],"__proto__":{"polluted":true}}');
		const reply = extractReply(hostile);
		expect(reply.text).toBe('x');
		expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
		expect(Object.getPrototypeOf(reply.parts[0])).toBe(Object.prototype);
	});
});
