import { describe, expect, test } from 'vitest';
import { base64url } from '../../src/dev/context.js';
import { goJson, normaliseEnvelope } from '../../src/dev/envelope.js';

describe('goJson', () => {
	test('sorts keys at every depth and escapes HTML characters, as Go marshals a map', () => {
		expect(goJson({ b: 1, a: { d: ['<&>'], c: null } })).toBe('{"a":{"c":null,"d":["\\u003c\\u0026\\u003e"]},"b":1}');
	});
});

describe('normaliseEnvelope', () => {
	test('a JSON null body becomes an envelope with null method and params, as in Go', () => {
		expect(normaliseEnvelope('null', () => 'new-id')).toMatchObject({ request: { jsonrpc: '2.0', id: 'new-id', method: null, params: null } });
	});

	test('a body starting with a byte-order mark is invalid JSON, as in Go', () => {
		expect(normaliseEnvelope('\uFEFF{}', () => 'new-id')).toEqual({ error: 'invalid JSON' });
	});

	test('a present messageId, even null, is left alone', () => {
		const parts = [{ kind: 'text', text: 'hi' }];
		const body = JSON.stringify({ jsonrpc: '2.0', params: { message: { messageId: null, role: 'user', parts } } });
		expect(normaliseEnvelope(body, () => 'new-id')).toMatchObject({ request: { jsonrpc: '2.0', params: { message: { messageId: null, role: 'user', parts } } } });
	});
});

describe('base64url', () => {
	test.each([
		[[], ''],
		[[0xff], '_w'],
		[[0xfb, 0xff], '-_8'],
		[[0, 0, 0], 'AAAA'],
		[[0x4d, 0x61, 0x6e, 0x20], 'TWFuIA'],
	])('%j encodes to %s without padding', (bytes, expected) => {
		expect(base64url(new Uint8Array(bytes))).toBe(expected);
	});
});
