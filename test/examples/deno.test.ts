import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt } from '../cli/build.js';
import { runCli } from '../cli/process.js';

beforeAll(ensureBuilt, 180_000);

describe('examples/deno', () => {
	test('molecule-a2a dev -- deno run … examples/deno/main.ts lists the peers and prints two replies', async () => {
		const result = await runCli(['dev', '--', 'deno', 'run', '--allow-net', '--allow-env', '--allow-read', 'examples/deno/main.ts']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^7 peers reachable from a2a00000-0000-4000-8000-000000000001:\n/);
		expect(result.stdout).toContain('Echo replied:\n  echo: Summarise how a message reaches another agent.');
		expect(result.stdout).toContain('Researcher replied:\n  Findings: the platform routes every message through its A2A proxy.');
	});
});
