// The built package, as users install it: lint, types for every resolution mode, and both module systems.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { requireBuild, root, runTool } from './helpers.js';

beforeAll(requireBuild);

describe('package metadata', () => {
	test('publint finds nothing to fix', () => {
		const { status, output } = runTool('node_modules/publint/src/cli.js', ['--strict']);
		expect(output).toContain('All good!');
		expect(status).toBe(0);
	});

	test('attw --pack finds no type resolution problem in any mode', () => {
		const { status, output } = runTool('node_modules/@arethetypeswrong/cli/dist/index.js', ['--pack', '.', '--format', 'table-flipped']);
		expect(output).toContain('No problems found');
		expect(status).toBe(0);
	});

	test('declares ESM, no side effects, Node 22+, and ships only what users need', () => {
		const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		expect(manifest).toMatchObject({ type: 'module', sideEffects: false, engines: { node: '>=22' }, files: ['dist', '!dist/**/*.map', 'README.md'] });
		for (const entry of ['.', './dev', './agent', './a2a', './canvas', './hints', './node', './cli']) {
			expect(Object.keys(manifest.exports[entry])).toEqual(['import', 'require']);
			expect(Object.keys(manifest.exports[entry].import)[0]).toBe('types');
			expect(Object.keys(manifest.exports[entry].require)[0]).toBe('types');
		}
		expect(manifest.exports['./package.json']).toBe('./package.json');
	});
});

describe('consumer type tests', () => {
	test.each([
		['node16', 'node16'],
		['nodenext', 'nodenext'],
		['esnext', 'bundler'],
	])('a .cts and a .mts consumer compile with module %s, moduleResolution %s, without skipLibCheck', (module, moduleResolution) => {
		const dir = mkdtempSync(join(tmpdir(), 'a2a-consumer-'));
		writeFileSync(
			join(dir, 'tsconfig.json'),
			JSON.stringify({
				compilerOptions: { module, moduleResolution, target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [join(root, 'node_modules/@types')], lib: ['es2022', 'dom'] },
				files: [join(root, 'test/package/consumers/consumer.cts'), join(root, 'test/package/consumers/consumer.mts')],
			}),
		);
		const { status, output } = runTool('node_modules/typescript/bin/tsc', ['-p', join(dir, 'tsconfig.json')]);
		expect(output).toBe('');
		expect(status).toBe(0);
		// tsc without skipLibCheck takes 5 s alone and a minute on a loaded 2-core machine.
	}, 120_000);
});

describe('the built package runs in Node', () => {
	const script = `
		const id = '11111111-1111-4111-8111-111111111111';
		const check = async ({ createA2AClient, isHttpError }, { createDevPlatform, agents }, how) => {
			const platform = createDevPlatform({ workspaces: [{ id, name: 'Echo', tokens: ['echo-token'], agent: agents.echo() }] });
			const client = createA2AClient({ workspaceId: id, token: 'echo-token', fetch: platform.fetch });
			const outcome = await client.sendMessage(id, how);
			if (outcome.text !== 'echo: ' + how || isHttpError(outcome)) throw new Error(how + ' failed: ' + JSON.stringify(outcome));
			console.log(how + ' ok');
		};`;

	test('require() of the CommonJS build gives a working client', () => {
		const code = `${script} check(require('@molecule-ai/a2a-client'), require('@molecule-ai/a2a-client/dev'), 'require').catch((e) => { console.error(e); process.exit(1); });`;
		const result = spawnSync(process.execPath, ['--input-type=commonjs', '-e', code], { cwd: root, encoding: 'utf8' });
		expect(result.stderr).toBe('');
		expect(result.stdout.trim()).toBe('require ok');
	});

	test('import() of the ES module build gives a working client', () => {
		const code = `${script} await check(await import('@molecule-ai/a2a-client'), await import('@molecule-ai/a2a-client/dev'), 'import');`;
		const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
		expect(result.stderr).toBe('');
		expect(result.stdout.trim()).toBe('import ok');
	});

	test('the CommonJS build inlines ky (ESM-only) and requires valibot', () => {
		const cjs = readdirSync(join(root, 'dist'))
			.filter((file) => file.endsWith('.cjs') && !file.startsWith('cli'))
			.map((file) => readFileSync(join(root, 'dist', file), 'utf8'))
			.join('\n');
		expect(cjs).not.toMatch(/require\(['"]ky['"]\)/);
		expect(cjs).toMatch(/require\(['"]valibot['"]\)/);
	});

	test('the public types do not mention ky', () => {
		for (const file of ['index.d.ts', 'index.d.cts', 'dev.d.ts', 'dev.d.cts']) expect(readFileSync(join(root, 'dist', file), 'utf8')).not.toMatch(/from ['"]ky['"]/);
	});
});
