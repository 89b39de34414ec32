import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, root } from './build.js';
import { runCli } from './process.js';

beforeAll(ensureBuilt, 180_000);

const commands = ['dev', 'demo', 'peers', 'discover', 'info', 'send', 'card-url'];

/** A PATH with the project's node_modules/.bin and nothing installed globally: the bin is not on it. */
const withoutBin = { PATH: join(root, 'node_modules', '.bin') };

/** A PATH with an executable `molecule-a2a`, as a global install leaves it. */
function withBin(): { PATH: string } {
	const directory = mkdtempSync(join(tmpdir(), 'a2a-global-bin-'));
	writeFileSync(join(directory, 'molecule-a2a'), '#!/bin/sh\n');
	chmodSync(join(directory, 'molecule-a2a'), 0o755);
	return { PATH: [directory, withoutBin.PATH].join(delimiter) };
}

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
		const result = await runCli(['frobnicate'], { env: withoutBin });
		expect(result).toMatchObject({ code: 2, stdout: '', stderr: "molecule-a2a: unknown command 'frobnicate' (run npx molecule-a2a --help)\n" });
	});

	test.each(commands)('%s with an unknown flag exits 2 with one line', async (command) => {
		const result = await runCli([command, '--frobnicate']);
		expect(result).toMatchObject({ code: 2, stdout: '' });
		expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining("'--frobnicate'") as unknown]);
	});

	test('an extra argument exits 2', async () => {
		const result = await runCli(['info', 'extra'], { env: { WORKSPACE_ID: '00000000-0000-4000-8000-000000000001', ...withoutBin } });
		expect(result).toMatchObject({ code: 2, stderr: "molecule-a2a info: unexpected argument 'extra' (run npx molecule-a2a info --help)\n" });
	});

	test('--version prints the version of the package and exits 0', async () => {
		const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
		expect(await runCli(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
	});

	test('help alone prints the list of commands and exits 0', async () => {
		const [help, flag] = await Promise.all([runCli(['help']), runCli(['--help'])]);
		expect(help).toMatchObject({ code: 0, stdout: flag.stdout });
	});

	test.each(commands)('help <command> prints what <command> --help prints: %s', async (command) => {
		const [help, flag] = await Promise.all([runCli(['help', command]), runCli([command, '--help'])]);
		expect(help).toMatchObject({ code: 0, stderr: '' });
		expect(help.stdout).toBe(flag.stdout);
	});

	test('help with an unknown command exits 2 with one line', async () => {
		const result = await runCli(['help', 'frobnicate'], { env: withoutBin });
		expect(result).toMatchObject({ code: 2, stdout: '', stderr: "molecule-a2a: unknown command 'frobnicate' (run npx molecule-a2a --help)\n" });
	});
});

describe('--json failures', () => {
	test.each([
		['an unknown flag', ['peers', '--json', '--frobnicate'], 2],
		['a missing workspace id', ['info', '--json'], 2],
		['an extra argument', ['info', '--json', 'extra'], 2],
		['a peer id that is not a UUID', ['discover', '--json', 'not-a-uuid'], 2],
		['an unknown command', ['frobnicate', '--json'], 2],
		['a port that is not a number', ['dev', '--json', '--port', 'eighty'], 2],
	])('print only one JSON document { error } on stdout: %s', async (_name, args, code) => {
		const result = await runCli(args);
		expect(result.code).toBe(code);
		expect(result.stdout.endsWith('\n')).toBe(true);
		expect(result.stdout.trim().split('\n')).toHaveLength(1);
		expect(JSON.parse(result.stdout)).toEqual({ error: expect.any(String) as unknown });
		expect(result.stderr).not.toBe('');
	});
});

describe('commands printed for people to run', () => {
	test('say npx molecule-a2a when the bin is not on the PATH', async () => {
		const [help, usage, demo] = await Promise.all([runCli(['--help'], { env: withoutBin }), runCli(['info', 'x'], { env: withoutBin }), runCli(['demo'], { env: withoutBin })]);
		expect(help.stdout).toContain('Run npx molecule-a2a help <command>');
		expect(usage.stderr).toContain('(run npx molecule-a2a info --help)');
		expect(demo.stdout).toContain('Run `npx molecule-a2a dev` to keep a platform running');
	});

	test('say molecule-a2a when it is installed on the PATH', async () => {
		const env = withBin();
		const [help, usage, demo] = await Promise.all([runCli(['--help'], { env }), runCli(['info', 'x'], { env }), runCli(['demo'], { env })]);
		expect(help.stdout).toContain('Run molecule-a2a help <command>');
		expect(usage.stderr).toContain('(run molecule-a2a info --help)');
		expect(demo.stdout).toContain('Run `molecule-a2a dev` to keep a platform running');
	});
});
