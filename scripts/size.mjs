// Measures an entry bundled with esbuild (minified, platform neutral) and gzipped at level 9.
// Usage: node scripts/size.mjs [entry] — prints "all <min> <gz>" and "own <min> <gz>" (ky and valibot external).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bundles an entry file, or `{ source }` (module text resolved from the repo root, as a user's
 * bundler would resolve it), and returns its minified and gzipped byte counts and esbuild's metafile.
 * `external` leaves packages out, to see what our own code weighs.
 */
export async function measure(entry, { external = [] } = {}) {
	const input = typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { contents: entry.source, resolveDir: root, loader: 'js', sourcefile: 'entry.mjs' } };
	const result = await build({
		...input,
		bundle: true,
		minify: true,
		format: 'esm',
		platform: 'neutral',
		mainFields: ['module', 'main'],
		external,
		// The repo's tsconfig maps the package name to src/ for type checking; users get dist/.
		tsconfigRaw: {},
		write: false,
		metafile: true,
		logLevel: 'silent',
	});
	const code = result.outputFiles[0].contents;
	return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength, metafile: result.metafile };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const entry = process.argv[2] ?? 'src/index.ts';
	const all = await measure(entry);
	const own = await measure(entry, { external: ['ky', 'valibot'] });
	console.log(`all ${all.minified} ${all.gzipped}`);
	console.log(`own ${own.minified} ${own.gzipped}`);
	if (process.argv.includes('--files')) {
		const inputs = Object.values(own.metafile.outputs)[0].inputs;
		for (const [file, { bytesInOutput }] of Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) console.log(bytesInOutput, file);
	}
}
