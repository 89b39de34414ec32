// The runtime-neutral entries must bundle for any platform: no Node built-in, no Buffer, no process.
import { build } from 'esbuild';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { requireBuild, root } from './helpers.js';

beforeAll(requireBuild);

/** Bundles with platform neutral and nothing external; free uses of Node globals are renamed so they can be found. */
async function neutralBundle(entry: string): Promise<{ errors: string[]; code: string }> {
	try {
		const result = await build({
			entryPoints: [join(root, entry)],
			bundle: true,
			write: false,
			platform: 'neutral',
			format: 'esm',
			mainFields: ['module', 'main'],
			logLevel: 'silent',
			tsconfigRaw: {},
			define: { Buffer: 'FORBIDDEN_GLOBAL_Buffer', process: 'FORBIDDEN_GLOBAL_process', global: 'FORBIDDEN_GLOBAL_global', require: 'FORBIDDEN_GLOBAL_require' },
		});
		return { errors: [], code: result.outputFiles[0]?.text ?? '' };
	} catch (error) {
		return { errors: (error as { errors?: { text: string }[] }).errors?.map((item) => item.text) ?? [String(error)], code: '' };
	}
}

describe.each(['dist/index.js', 'dist/dev.js', 'dist/agent.js', 'dist/a2a.js', 'dist/canvas.js', 'dist/hints.js'])('%s', (entry) => {
	test('bundles with esbuild --platform=neutral without any Node built-in', async () => {
		const { errors } = await neutralBundle(entry);
		expect(errors).toEqual([]);
	});

	test('uses no Buffer, process, global or require', async () => {
		const { code } = await neutralBundle(entry);
		expect(code.match(/FORBIDDEN_GLOBAL_\w+/g) ?? []).toEqual([]);
	});
});

test('the check itself catches a Node built-in', async () => {
	const { errors } = await neutralBundle('dist/node.js');
	expect(errors.join('\n')).toMatch(/node:http/);
});

test('importing . and ./dev together keeps one copy of every shared module', async () => {
	const result = await build({
		stdin: { contents: "export * from '@molecule-ai/a2a-client'; export * as dev from '@molecule-ai/a2a-client/dev';", resolveDir: root },
		bundle: true,
		write: false,
		platform: 'neutral',
		format: 'esm',
		mainFields: ['module', 'main'],
		metafile: true,
		external: ['ky', 'valibot'],
		logLevel: 'silent',
		tsconfigRaw: {},
	});
	expect(Object.keys(result.metafile.inputs).every((file) => !file.startsWith('src/'))).toBe(true);
	const code = result.outputFiles[0]?.text ?? '';
	expect(code.match(/\/\^\[0-9a-f\]\{8\}-\[0-9a-f\]\{4\}/g)).toHaveLength(1);
	expect(code.match(/class(?: \w+)? extends Error\b/g)).toHaveLength(1);
});
