// The workerd entry: bundled by scripts/test-runtimes.mjs, served by the workerd binary; GET / runs the suite.
import { runConformance } from './suite.js';

export default {
	async fetch() {
		return Response.json(await runConformance());
	},
};
