import { measure } from '../../scripts/size.mjs';

/**
 * Bundles `source` (module text, resolved from the repo root so both the package's own name and
 * @a2a-js/sdk resolve as a user's would) the way the issue states it: esbuild --bundle --minify
 * --platform=neutral, ESM out, then gzip level 9. Returns byte counts and the bundled inputs.
 * `external` leaves packages out, to show how much of a bundle they are.
 */
export async function bundleSize(source, { external = [] } = {}) {
	const result = await measure({ source }, { external });
	const inputs = Object.keys(result.metafile.inputs);
	// Minified bytes each package contributes ('own' is this repo's dist/), from esbuild's metafile.
	const byPackage = {};
	for (const [file, { bytesInOutput }] of Object.entries(Object.values(result.metafile.outputs).find((output) => output.entryPoint).inputs)) {
		const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? 'own';
		byPackage[name] = (byPackage[name] ?? 0) + bytesInOutput;
	}
	return { minified: result.minified, gzipped: result.gzipped, inputs, byPackage };
}
