// The canvas's public shapes are hand-written types tied to their internal schemas by the fixture's
// compile-time assertions (as test/types/public-shapes.test.ts does for the core).
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileErrors } from '../types/compile.js';

const fixture = join(import.meta.dirname, 'shapes.fixture.ts');

describe('canvas public shapes', () => {
	test('equal what their schemas check, refuse misspelt members and narrow by type, under tsc --strict', () => {
		expect(compileErrors(fixture)).toEqual([]);
	}, 60_000);

	test('hold the same with exactOptionalPropertyTypes', () => {
		expect(compileErrors(fixture, { exactOptionalPropertyTypes: true })).toEqual([]);
	}, 60_000);
});
