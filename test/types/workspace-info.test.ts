import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileErrors } from './compile.js';

const fixture = join(import.meta.dirname, 'workspace-info.fixture.ts');

describe('getWorkspaceInfo result types', () => {
	test('narrow under tsc --strict: info.removed_at type-checks after info.error === "removed", the guards narrow to one shape', () => {
		expect(compileErrors(fixture)).toEqual([]);
	}, 60_000);

	test('narrow the same way with exactOptionalPropertyTypes', () => {
		expect(compileErrors(fixture, { exactOptionalPropertyTypes: true })).toEqual([]);
	}, 60_000);
});
