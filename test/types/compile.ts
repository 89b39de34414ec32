import ts from 'typescript';

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

// Programs built in one test file read the same files: parse each once.
const host = ts.createCompilerHost(base);
const parsed = new Map<string, ts.SourceFile | undefined>();
const { getSourceFile } = host;
host.getSourceFile = (fileName, languageVersion, ...rest) => {
	if (!parsed.has(fileName)) parsed.set(fileName, getSourceFile.call(host, fileName, languageVersion, ...rest));
	return parsed.get(fileName);
};

/**
 * The compile errors of `file` under `tsc --strict` plus `options`, one line each (`file:line TS1234: …`).
 * A fixture's `expectTypeOf` lines and `@ts-expect-error` comments are its assertions: an empty list means they all hold.
 */
export function compileErrors(file: string, options: ts.CompilerOptions = {}): string[] {
	const program = ts.createProgram([file], { ...base, ...options }, host);
	return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
		const where = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
		const name = diagnostic.file ? `${diagnostic.file.fileName}:${(where?.line ?? 0) + 1} ` : '';
		return `${name}TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
	});
}
