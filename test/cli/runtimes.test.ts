import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { cliPath, ensureBuilt, root } from './build.js';
import { runCli } from './process.js';

beforeAll(ensureBuilt, 180_000);

const bin = (name: string): string => join(root, 'node_modules', '.bin', name);

describe('the built CLI runs in other runtimes', () => {
	test('deno run -A dist/bin.js demo', async () => {
		const result = await runCli(['demo'], { command: [bin('deno'), 'run', '-A', cliPath] });
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('8. Ask for the info of the removed Archived workspace');
	});

	test('bun dist/bin.js demo', async () => {
		const result = await runCli(['demo'], { command: [bin('bun'), cliPath] });
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('8. Ask for the info of the removed Archived workspace');
	});

	test('deno runs dev -- <command> and returns its exit code', async () => {
		const result = await runCli(['dev', '--', 'node', '-e', 'process.exit(process.env.WORKSPACE_ID ? 5 : 1)'], { command: [bin('deno'), 'run', '-A', cliPath] });
		expect(result.code).toBe(5);
	});
});
