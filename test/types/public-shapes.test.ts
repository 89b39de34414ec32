// Issue 10, "Public types that teach": the public shapes are hand-written types with exact members, tied to
// their internal schemas by the fixture's compile-time assertions.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileErrors } from './compile.js';

const fixture = join(import.meta.dirname, 'public-shapes.fixture.ts');

describe('public shapes', () => {
	test('equal what their schemas check, refuse misspelt members and narrow by kind, under tsc --strict', () => {
		expect(compileErrors(fixture)).toEqual([]);
	}, 60_000);

	test('hold the same with exactOptionalPropertyTypes', () => {
		expect(compileErrors(fixture, { exactOptionalPropertyTypes: true })).toEqual([]);
	}, 60_000);
});
