import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt } from '../cli/build.js';
import { runCli } from '../cli/process.js';

beforeAll(ensureBuilt, 180_000);

describe('examples/node', () => {
	test('molecule-a2a dev -- node examples/node/index.mjs lists the peers and prints two replies', async () => {
		const result = await runCli(['dev', '--', 'node', 'examples/node/index.mjs']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^7 peers reachable from a2a00000-0000-4000-8000-000000000001:\n/);
		expect(result.stdout).toContain('Echo replied:\n  echo: Summarise how a message reaches another agent.');
		expect(result.stdout).toContain('Researcher replied:\n  Findings: the platform routes every message through its A2A proxy.');
	});

	test('exits 1 with the diagnostic when the platform refuses the token', async () => {
		const result = await runCli(['dev', '--', 'node', '-e', 'process.env.MOLECULE_WORKSPACE_TOKEN = "wrong"; await import("./examples/node/index.mjs")', '--input-type=module']);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('Authentication to platform failed (HTTP 401)');
	});
});
