import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt } from './build.js';
import { runCli } from './process.js';

beforeAll(ensureBuilt, 180_000);

const commands = ['dev', 'demo', 'peers', 'discover', 'info', 'send', 'card-url'];

describe('help and usage errors', () => {
	test('--help lists every command and exits 0', async () => {
		const result = await runCli(['--help']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^Usage: molecule-a2a <command> \[options\]/);
		for (const command of commands) expect(result.stdout).toMatch(new RegExp(`^  ${command}\\s+\\S`, 'm'));
	});

	test('no command prints the help and exits 2', async () => {
		const result = await runCli([]);
		expect(result.code).toBe(2);
		expect(result.stdout).toContain('Usage: molecule-a2a');
	});

	test.each(commands)('%s --help prints its usage and exits 0', async (command) => {
		for (const flag of ['--help', '-h']) {
			const result = await runCli([command, flag]);
			expect(result).toMatchObject({ code: 0, stderr: '' });
			expect(result.stdout).toMatch(new RegExp(`^Usage: molecule-a2a ${command}`));
		}
	});

	test('an unknown command exits 2 with one line', async () => {
		const result = await runCli(['frobnicate']);
		expect(result).toMatchObject({ code: 2, stdout: '', stderr: "molecule-a2a: unknown command 'frobnicate' (run molecule-a2a --help)\n" });
	});

	test.each(commands)('%s with an unknown flag exits 2 with one line', async (command) => {
		const result = await runCli([command, '--frobnicate']);
		expect(result).toMatchObject({ code: 2, stdout: '' });
		expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining("'--frobnicate'") as unknown]);
	});

	test('an extra argument exits 2', async () => {
		const result = await runCli(['info', 'extra'], { env: { WORKSPACE_ID: '00000000-0000-4000-8000-000000000001' } });
		expect(result).toMatchObject({ code: 2, stderr: "molecule-a2a info: unexpected argument 'extra' (run molecule-a2a info --help)\n" });
	});
});
