// The size budget of every entry (table in scripts/size.mjs), each bundled with esbuild (minified,
// platform neutral) and gzipped at level 9: with its dependencies, and our own code alone. The
// leak check traces every bundle back to src/ through the source maps of dist/, so dev-platform
// code is found whichever chunk carries it; the fixtures below prove it fails on a real leak.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	budgets,
	dependencies,
	distFileOf,
	duplicatedModules,
	exportedEntries,
	foreignSources,
	measure,
	measureEntries,
	sourcesOf,
	type MeasuredEntry,
} from '../../scripts/size.mjs';
import { requireBuild, root } from './helpers.js';

const core = budgets.find((row) => row.entry === '.');

describe('the budget table', () => {
	test('every exported entry has a budget line, and every budget line names an export', () => {
		expect(budgets.map((row) => row.entry).sort()).toEqual([...exportedEntries].sort());
	});

	test('a budget line for an entry that is not exported fails instead of passing', () => {
		expect(() => distFileOf('./no-such-entry')).toThrow('./no-such-entry has a size budget but is not in package.json exports');
	});
});

describe('each entry', () => {
	let measured: MeasuredEntry[] = [];
	beforeAll(async () => {
		requireBuild();
		measured = await measureEntries();
	}, 120_000);
	const entry = (name: string): MeasuredEntry => {
		const found = measured.find((row) => row.entry === name);
		if (!found) throw new Error(`${name} was not measured`);
		return found;
	};

	describe.each(budgets)('$entry', ({ entry: name, allGzipped, ownGzipped }) => {
		test(`with its dependencies stays within ${allGzipped} bytes gzipped`, () => {
			expect(entry(name).all.gzipped).toBeLessThanOrEqual(allGzipped);
		});

		test(`our own code in it stays within ${ownGzipped} bytes gzipped`, () => {
			expect(entry(name).own.gzipped).toBeLessThanOrEqual(ownGzipped);
		});

		test('holds no code that belongs to another entry (dev platform, CLI, Node adapter, hints)', () => {
			expect(entry(name).sources.length).toBeGreaterThan(0);
			expect(entry(name).foreign).toEqual([]);
		});
	});

	test('the core is traced to its own modules, so an empty trace cannot pass as clean', () => {
		expect(entry('.').sources).toEqual(expect.arrayContaining(['src/client.ts', 'src/transport.ts', 'src/messaging.ts']));
	});

	test('the library entries share chunks: no module is built into two dist files', () => {
		expect(duplicatedModules(measured)).toEqual([]);
	});
});

describe('the checks fail when they should', () => {
	let scratch: string;
	beforeAll(() => {
		mkdirSync(join(root, '.tmp'), { recursive: true });
		scratch = mkdtempSync(join(root, '.tmp', 'size-fixture-'));
	});
	afterAll(() => rmSync(scratch, { recursive: true, force: true }));

	/** Builds entries the way tsup builds dist/ (esbuild, ESM, shared chunks, linked source maps) into `out`. */
	async function buildFixture(out: string, entryPoints: Record<string, string>, { splitting = true, sourcemap = true } = {}): Promise<void> {
		await build({
			entryPoints,
			outdir: join(scratch, out),
			bundle: true,
			splitting,
			format: 'esm',
			platform: 'neutral',
			target: 'es2022',
			sourcemap,
			external: [...dependencies, 'node:*'],
			logLevel: 'silent',
		});
	}

	/** A core entry that re-exports one dev-platform helper: the leak a stray export would cause. */
	function leakyCore(): string {
		const file = join(scratch, 'leaky-core.ts');
		writeFileSync(file, `export * from '${join(root, 'src/index.ts')}';\nexport { agents } from '${join(root, 'src/dev/index.ts')}';\n`);
		return file;
	}

	test('dev-platform code reaching the core through a shared chunk is reported, though no bundled file is named after it', async () => {
		await buildFixture('leak', { index: leakyCore(), dev: join(root, 'src/dev/index.ts') });
		const file = join(scratch, 'leak', 'index.js');
		const { metafile } = await measure(file, { external: dependencies });
		const bundled = Object.keys(metafile.inputs).map((input) => basename(input));
		// What the old check looked at: file names. They say nothing of the dev platform.
		expect(bundled.some((name) => /dev|hints|cli/.test(name))).toBe(false);
		expect(bundled).toContainEqual(expect.stringMatching(/^chunk-\w+\.js$/));
		if (!core) throw new Error('no budget line for the core');
		expect(foreignSources(core, await sourcesOf(file))).toContainEqual(expect.stringMatching(/^src\/dev\//));
	});

	test('a built file without a source map cannot be traced, so it fails the check instead of passing it', async () => {
		await buildFixture('unmapped', { index: join(root, 'src/index.ts') }, { sourcemap: false });
		await expect(sourcesOf(join(scratch, 'unmapped', 'index.js'))).rejects.toThrow(/cannot trace .*index\.js to src\//);
	});

	test('a module built into two entries instead of a shared chunk is reported', async () => {
		await buildFixture('apart', { first: join(root, 'src/peer-id.ts'), second: join(root, 'src/index.ts') }, { splitting: false });
		const rows = await Promise.all(['first', 'second'].map(async (name) => ({ own: await measure(join(scratch, 'apart', `${name}.js`), { external: dependencies }) })));
		expect(duplicatedModules(rows)).toContainEqual({ source: 'src/peer-id.ts', files: [expect.stringMatching(/first\.js$/), expect.stringMatching(/second\.js$/)] });
	});
});
