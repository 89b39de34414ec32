import { defineConfig, type Options } from 'tsup';

// One build per module format, each holding every entry, so shared modules (errors, schemas, id
// validation) land in one chunk and a class has one identity whichever entries a user imports.
const entries = {
	index: 'src/index.ts',
	dev: 'src/dev/index.ts',
	agent: 'src/agent/index.ts',
	a2a: 'src/a2a/index.ts',
	canvas: 'src/canvas/index.ts',
	hints: 'src/hints.ts',
	node: 'src/node/index.ts',
};

const shared = {
	entry: entries,
	platform: 'neutral',
	target: 'es2022',
	sourcemap: true,
	splitting: true,
	dts: false,
	// The Node-only entries may use Node built-ins (kept as `node:` specifiers, which Deno needs);
	// the neutral ones are checked not to.
	external: [/^node:/],
	removeNodeProtocol: false,
} satisfies Options;

export default defineConfig([
	{ ...shared, format: ['esm'] },
	// Declarations per entry, each self-contained: a shared declaration chunk would be imported as
	// `./chunk.js`, which only TypeScript maps to `.d.ts` (Deno's checker does not).
	...Object.entries(entries).map(([name, file]): Options => ({ entry: { [name]: file }, format: ['esm', 'cjs'], dts: { only: true } })),
	{
		...shared,
		format: ['cjs'],
		// ky is ESM-only: a CJS consumer gets it inlined (its types stay out of ours).
		noExternal: ['ky'],
	},
	// The CLI as functions (`./cli`, importing it runs nothing) and as the program `molecule-a2a`
	// (`bin`, ESM only: package.json says `"type": "module"`), sharing one chunk.
	...(['esm', 'cjs'] as const).map(
		(format): Options => ({
			entry: format === 'esm' ? { cli: 'src/cli/index.ts', bin: 'src/cli/bin.ts' } : { cli: 'src/cli/index.ts' },
			format: [format],
			platform: 'node',
			target: 'node22',
			sourcemap: true,
			splitting: format === 'esm',
			dts: { entry: { cli: 'src/cli/index.ts' } },
			removeNodeProtocol: false,
			noExternal: format === 'cjs' ? ['ky'] : [],
		}),
	),
]);
