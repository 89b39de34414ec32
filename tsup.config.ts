import { defineConfig, type Options } from 'tsup';

// One build per module format, each holding every entry, so shared modules (errors, schemas, id
// validation) land in one chunk and a class has one identity whichever entries a user imports.
const shared = {
	entry: {
		index: 'src/index.ts',
		dev: 'src/dev/index.ts',
		node: 'src/node/index.ts',
	},
	platform: 'neutral',
	target: 'es2022',
	sourcemap: true,
	splitting: true,
	dts: true,
	// The Node-only entries may use Node built-ins; the neutral ones are checked not to.
	external: [/^node:/],
} satisfies Options;

export default defineConfig([
	{ ...shared, format: ['esm'] },
	{
		...shared,
		format: ['cjs'],
		// ky is ESM-only: a CJS consumer gets it inlined (its types stay out of ours).
		noExternal: ['ky'],
	},
	{
		entry: { cli: 'src/cli/main.ts' },
		format: ['esm'],
		platform: 'node',
		target: 'node22',
		sourcemap: true,
		splitting: false,
		dts: false,
		external: ['ky', 'valibot'],
		banner: { js: '#!/usr/bin/env node' },
	},
]);
