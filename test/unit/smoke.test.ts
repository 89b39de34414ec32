import { expect, test } from 'vitest';
import { validatePeerId } from '../../src/index.js';

test('validatePeerId lower-cases a UUID', () => {
	expect(validatePeerId(' 11111111-AAAA-1111-1111-111111111111 ')).toBe('11111111-aaaa-1111-1111-111111111111');
});
