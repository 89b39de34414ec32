// Issue 9 trial, item 15: the command line forgives the order a person types flags in, but not a
// flag given twice, and card-url needs no workspace id.
import { describe, expect, test } from 'vitest';
import { demo, demoId, type DevServer, useDevServer } from './dev-server.js';
import { runCli } from './process.js';

let server: DevServer;
useDevServer((started) => {
	server = started;
});

describe('flags before the command', () => {
	test('--json before the command is taken as the command\'s own: `--json peers` prints the JSON listing', async () => {
		const result = await runCli(['--json', 'peers'], { env: server.callerEnv });
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({ diagnostic: null });
	});

	test('a client flag with its value before the command is taken too', async () => {
		const result = await runCli(['--workspace-id', demo.caller, 'info', '--json'], { env: { ...server.callerEnv, WORKSPACE_ID: '' } });
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({ id: demo.caller });
	});

	test('an unknown option before the command says options go after the command', async () => {
		const result = await runCli(['--verbose', 'peers'], { env: server.callerEnv });
		expect(result.code).toBe(2);
		expect(result.stderr).toContain("unknown option '--verbose' before the command; options go after it");
	});
});

describe('repeated flags', () => {
	test('a flag that takes a value, given twice, exits 2 naming it instead of keeping the last', async () => {
		const result = await runCli(['send', demoId('echo'), 'hi', '--timeout', '1', '--timeout', '5'], { env: server.callerEnv });
		expect(result).toMatchObject({ code: 2, stdout: '' });
		expect(result.stderr).toContain('--timeout is given more than once');
	});

	test('--flag=value and --flag value count as the same flag', async () => {
		const result = await runCli(['peers', '--q=echo', '--q', 'busy'], { env: server.callerEnv });
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--q is given more than once');
	});

	test('a boolean flag given twice is harmless', async () => {
		const result = await runCli(['peers', '--json', '--json'], { env: server.callerEnv });
		expect(result.code).toBe(0);
	});
});

describe('card-url', () => {
	test('needs no workspace id: the card URL depends only on the platform and the peer', async () => {
		const result = await runCli(['card-url', demoId('echo')], { env: { PLATFORM_URL: server.platformUrl } });
		expect(result).toMatchObject({ code: 0, stdout: `${server.platformUrl}/registry/discover/${demoId('echo')}\n` });
	});
});
