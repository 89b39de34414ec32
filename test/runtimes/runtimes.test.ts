// Issue 3's conformance matrix inside `npm test`: one test per runtime, each running the same suite
// against the built package, and issue 14's ./a2a suite in the same run against @a2a-js/sdk's own
// server. A runtime that cannot start fails; nothing is skipped.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { requireBuild, root } from '../package/helpers.js';

beforeAll(requireBuild);

const runtimes = ['node24', 'node22', 'deno', 'bun', 'workerd', 'chromium'];
const runs = new Map<string, { output: string; status: number | null }>();

/** The runner's output for `runtime`, run once for both of its tests. */
function runnerOutput(runtime: string): { output: string; status: number | null } {
	let result = runs.get(runtime);
	if (!result) {
		const spawned = spawnSync(process.execPath, [join(root, 'scripts/test-runtimes.mjs'), runtime], { cwd: root, encoding: 'utf8', timeout: 240_000 });
		result = { output: `${spawned.stdout}${spawned.stderr}`, status: spawned.status };
		runs.set(runtime, result);
	}
	return result;
}

test.each(runtimes)('the conformance suite passes in %s', (runtime) => {
	const { output, status } = runnerOutput(runtime);
	const line = output.match(new RegExp(`^${runtime}: (\\d+) passed, (\\d+) failed$`, 'm'));
	expect(output).toMatch(new RegExp(`^${runtime}: \\d+ passed, 0 failed$`, 'm'));
	expect(Number(line?.[1])).toBeGreaterThanOrEqual(14);
	expect(status).toBe(0);
}, 300_000);

test.each(runtimes)('the ./a2a suite passes in %s against @a2a-js/sdk in v1.0 JSON-RPC, v1.0 HTTP+JSON and v0.3 JSON-RPC', (runtime) => {
	const { output } = runnerOutput(runtime);
	const line = output.match(/^ {2}of which \.\/a2a against @a2a-js\/sdk \(v1\.0 JSON-RPC, v1\.0 HTTP\+JSON, v0\.3 JSON-RPC\): (\d+) of (\d+) passed$/m);
	expect(line, output.slice(-3000)).not.toBeNull();
	// 12 cases in each of the three modes.
	expect(Number(line?.[2])).toBeGreaterThanOrEqual(36);
	expect(line?.[1]).toBe(line?.[2]);
}, 300_000);
