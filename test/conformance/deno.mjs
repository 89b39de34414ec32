// deno run --allow-net=127.0.0.1 --allow-read --allow-env test/conformance/deno.mjs
import { builtPackageResult, report, runConformance, servedDroppingOnRejection } from './suite.js';

async function serve(handler) {
	const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, servedDroppingOnRejection(handler));
	return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

const results = await runConformance({ serve });
results.push(builtPackageResult((specifier) => import.meta.resolve(specifier)));
report(`deno ${Deno.version.deno}`, results);
