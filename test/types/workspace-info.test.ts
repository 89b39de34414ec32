import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const fixture = join(import.meta.dirname, 'workspace-info.fixture.ts');

const base: ts.CompilerOptions = {
	strict: true,
	noEmit: true,
	skipLibCheck: true,
	target: ts.ScriptTarget.ES2022,
	module: ts.ModuleKind.ESNext,
	moduleResolution: ts.ModuleResolutionKind.Bundler,
	lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
	types: ['node'],
};

// Both programs read the same files: parse them once.
const host = ts.createCompilerHost(base);
const parsed = new Map<string, ts.SourceFile | undefined>();
const { getSourceFile } = host;
host.getSourceFile = (fileName, languageVersion, ...rest) => {
	if (!parsed.has(fileName)) parsed.set(fileName, getSourceFile.call(host, fileName, languageVersion, ...rest));
	return parsed.get(fileName);
};

/** The fixture's compile errors under `options`, one line each. */
function compileErrors(options: ts.CompilerOptions): string[] {
	const program = ts.createProgram([fixture], { ...base, ...options }, host);
	return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
		const where = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
		const file = diagnostic.file ? `${diagnostic.file.fileName}:${(where?.line ?? 0) + 1} ` : '';
		return `${file}TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
	});
}

describe('getWorkspaceInfo result types', () => {
	test('narrow under tsc --strict: info.removed_at type-checks after info.error === "removed", the guards narrow to one shape', () => {
		expect(compileErrors({})).toEqual([]);
	}, 60_000);

	test('narrow the same way with exactOptionalPropertyTypes', () => {
		expect(compileErrors({ exactOptionalPropertyTypes: true })).toEqual([]);
	}, 60_000);
});
