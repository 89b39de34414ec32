// The size budget of the core entry (`dist/index.js`), bundled with esbuild (minified, platform
// neutral) and gzipped at level 9: with its dependencies, and alone (ky and valibot external).
// The issue asked for 15 KB in all and 5 KB of our own; the README's Size section says why the
// budget held is higher (ky alone is 8.9 KB) and what would close the gap. This guards against growth.
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { measure } from '../../scripts/size.mjs';
import { requireBuild, root } from './helpers.js';

const budget = { allGzipped: 19_500, ownGzipped: 10_000 };

beforeAll(requireBuild);

test(`the core entry with its dependencies stays within ${budget.allGzipped} bytes gzipped`, async () => {
	const { gzipped } = await measure(join(root, 'dist/index.js'));
	expect(gzipped).toBeLessThanOrEqual(budget.allGzipped);
});

test(`our own code in the core entry stays within ${budget.ownGzipped} bytes gzipped`, async () => {
	const { gzipped } = await measure(join(root, 'dist/index.js'), { external: ['ky', 'valibot'] });
	expect(gzipped).toBeLessThanOrEqual(budget.ownGzipped);
});

test('the dev platform, the hints and the CLI are not part of the core entry', async () => {
	const { metafile } = await measure(join(root, 'dist/index.js'), { external: ['ky', 'valibot'] });
	const inputs = Object.keys(metafile.inputs);
	expect(inputs.some((file) => /dev|hints|cli/.test(file))).toBe(false);
});
