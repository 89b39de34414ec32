// The CLI as the package ships it: `./cli` is a module of functions, `bin` is the program.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, root } from './build.js';

beforeAll(ensureBuilt, 180_000);

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

/** Runs Node on `code` from the package root, where the package's name resolves to its own exports. */
function node(args: readonly string[], code: string, extraArgs: readonly string[] = []): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, [...args, '-e', code, ...extraArgs], { cwd: root, encoding: 'utf8', timeout: 30_000 });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the ./cli entry', () => {
	test('import() runs nothing, even with a command on the importer\'s command line, and gives runCli and main', () => {
		const code = "const cli = await import('@molecule-ai/a2a-client/cli'); console.log(Object.keys(cli).sort().join(' '));";
		const result = node(['--input-type=module'], code, ['demo', 'demo']);
		expect(result).toEqual({ status: 0, stdout: 'main runCli\n', stderr: '' });
	});

	test('require() of the CommonJS build runs nothing either', () => {
		const code = "const cli = require('@molecule-ai/a2a-client/cli'); console.log(Object.keys(cli).sort().join(' '));";
		const result = node(['--input-type=commonjs'], code, ['demo', 'demo']);
		expect(result).toEqual({ status: 0, stdout: 'main runCli\n', stderr: '' });
	});

	test('runCli runs one command line and resolves with its exit code', () => {
		const code = "const { runCli } = await import('@molecule-ai/a2a-client/cli'); const codes = [await runCli(['--version']), await runCli(['frobnicate'])]; console.log(codes.join(' '));";
		const result = node(['--input-type=module'], code);
		expect(result.stdout).toBe(`${manifest.version}\n0 2\n`);
		expect(result.stderr).toContain("unknown command 'frobnicate'");
	});

	test('its declarations type runCli and main for a TypeScript consumer', () => {
		const dir = join(root, '.tmp', 'cli-consumer');
		mkdirSync(dir, { recursive: true });
		writeFileSync(
			join(dir, 'consumer.mts'),
			"import { main, runCli } from '@molecule-ai/a2a-client/cli';\nconst code: Promise<number> = runCli(['peers', '--json']);\nconst started: Promise<number> = main();\n// @ts-expect-error the arguments are strings\nvoid runCli([42]);\nexport { code, started };\n",
		);
		writeFileSync(
			join(dir, 'tsconfig.json'),
			JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: ['node'], typeRoots: [join(root, 'node_modules/@types')] }, files: ['consumer.mts'] }),
		);
		const result = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { cwd: root, encoding: 'utf8', timeout: 120_000 });
		expect(result.stdout + result.stderr).toBe('');
		expect(result.status).toBe(0);
	}, 120_000);
});

describe('the molecule-a2a bin', () => {
	test('package.json names a program that runs the command line it is given', () => {
		const program = manifest.bin['molecule-a2a'];
		expect(program).toBeDefined();
		const result = spawnSync(process.execPath, [join(root, program ?? ''), '--version'], { cwd: root, encoding: 'utf8' });
		expect(result).toMatchObject({ status: 0, stdout: `${manifest.version}\n`, stderr: '' });
	});

	test('starts with a #! line, so it runs as a command once installed', () => {
		expect(readFileSync(join(root, manifest.bin['molecule-a2a'] ?? ''), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
	});
});
