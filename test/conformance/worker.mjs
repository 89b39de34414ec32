// The workerd entry: bundled by scripts/test-runtimes.mjs, served by the workerd binary; GET /__conformance
// runs the suite. The socket cases reach the platform through workerd's own socket: every other path
// is answered by the platform a case is serving.
import { runConformance, servedDroppingOnRejection } from './suite.js';

let served;

export default {
	async fetch(request) {
		const { origin, pathname } = new URL(request.url);
		if (pathname === '/__conformance') {
			const serve = async (handler) => {
				served = servedDroppingOnRejection(handler);
				return { url: origin, close: async () => (served = undefined) };
			};
			return Response.json(await runConformance({ serve }));
		}
		return served ? served(request) : new Response('no platform is being served', { status: 503 });
	},
};
