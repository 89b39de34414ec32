// deno run --allow-net=127.0.0.1 --allow-read --allow-env test/conformance/deno.mjs [--a2a-peer=<url> --a2a-no-push=<url>]
import { a2aPeersFromArgs, runA2AConformance } from './a2a-suite.js';
import { builtPackageResult, report, runConformance, servedDroppingOnRejection } from './suite.js';

async function serve(handler) {
	const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, servedDroppingOnRejection(handler));
	return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

const results = await runConformance({ serve });
results.push(builtPackageResult((specifier) => import.meta.resolve(specifier)), ...(await runA2AConformance(a2aPeersFromArgs(Deno.args))));
report(`deno ${Deno.version.deno}`, results);
