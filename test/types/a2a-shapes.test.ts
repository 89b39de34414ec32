// Issue 14: one set of hand-written public types for the ./a2a entry, tied to the schemas of both
// protocol versions by the fixture's compile-time assertions.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileErrors } from './compile.js';

const fixture = join(import.meta.dirname, 'a2a-shapes.fixture.ts');

describe('./a2a public shapes', () => {
	test('are what the v1.0 and v0.3 schemas produce, refuse misspelt members and narrow by kind, under tsc --strict', () => {
		expect(compileErrors(fixture)).toEqual([]);
	}, 60_000);

	test('hold the same with exactOptionalPropertyTypes', () => {
		expect(compileErrors(fixture, { exactOptionalPropertyTypes: true })).toEqual([]);
	}, 60_000);
});
