// bun test/conformance/bun.mjs [--a2a-peer=<url> --a2a-no-push=<url>]
import { a2aPeersFromArgs, runA2AConformance } from './a2a-suite.js';
import { builtPackageResult, report, runConformance, servedDroppingOnRejection } from './suite.js';

async function serve(handler) {
	const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: servedDroppingOnRejection(handler) });
	return { url: `http://127.0.0.1:${server.port}`, close: () => server.stop(true) };
}

const results = await runConformance({ serve });
results.push(builtPackageResult((specifier) => import.meta.resolve(specifier)), ...(await runA2AConformance(a2aPeersFromArgs(Bun.argv.slice(2)))));
report(`bun ${Bun.version}`, results);
