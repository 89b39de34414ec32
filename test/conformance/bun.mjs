// bun test/conformance/bun.mjs
import { builtPackageResult, report, runConformance, servedDroppingOnRejection } from './suite.js';

async function serve(handler) {
	const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: servedDroppingOnRejection(handler) });
	return { url: `http://127.0.0.1:${server.port}`, close: () => server.stop(true) };
}

const results = await runConformance({ serve });
results.push(builtPackageResult((specifier) => import.meta.resolve(specifier)));
report(`bun ${Bun.version}`, results);
