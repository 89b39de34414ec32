// The workerd entry: bundled by scripts/test-runtimes.mjs, served by the workerd binary; GET /__conformance
// runs the suite. The socket cases reach the platform through workerd's own socket: every other path
// is answered by the platform a case is serving. `?peer=<url>&noPush=<url>` are the ./a2a suite's peers,
// in Node on 127.0.0.1, reached through the config's "internet" service (which allows local addresses).
import { runA2AConformance } from './a2a-suite.js';
import { runConformance, servedDroppingOnRejection } from './suite.js';

let served;

export default {
	async fetch(request) {
		const { origin, pathname, searchParams } = new URL(request.url);
		if (pathname === '/__conformance') {
			const serve = async (handler) => {
				served = servedDroppingOnRejection(handler);
				return { url: origin, close: async () => (served = undefined) };
			};
			const results = await runConformance({ serve });
			results.push(...(await runA2AConformance({ peer: searchParams.get('peer') ?? undefined, noPush: searchParams.get('noPush') ?? undefined })));
			return Response.json(results);
		}
		return served ? served(request) : new Response('no platform is being served', { status: 503 });
	},
};
