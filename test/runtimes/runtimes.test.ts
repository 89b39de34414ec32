// Issue 3's conformance matrix inside `npm test`: one test per runtime, each running the same suite
// against the built package. A runtime that cannot start fails; nothing is skipped.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { requireBuild, root } from '../package/helpers.js';

beforeAll(requireBuild);

test.each(['node24', 'node22', 'deno', 'bun', 'workerd', 'chromium'])('the conformance suite passes in %s', (runtime) => {
	const result = spawnSync(process.execPath, [join(root, 'scripts/test-runtimes.mjs'), runtime], { cwd: root, encoding: 'utf8', timeout: 240_000 });
	const output = `${result.stdout}${result.stderr}`;
	const line = output.match(new RegExp(`^${runtime}: (\\d+) passed, (\\d+) failed$`, 'm'));
	expect(output).toMatch(new RegExp(`^${runtime}: \\d+ passed, 0 failed$`, 'm'));
	expect(Number(line?.[1])).toBeGreaterThanOrEqual(14);
	expect(result.status).toBe(0);
}, 300_000);
