import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from './build.js';
import { demo, type DevServer, useDevServer } from './dev-server.js';
import { emptyConfigsDir, runCli } from './process.js';

let server: DevServer;
useDevServer((started) => {
	server = started;
});

const oneLine = (text: string): string[] => text.trim().split('\n');

describe('configuration', () => {
	test('a missing workspace id exits 2 with one line saying how to give it', async () => {
		const result = await runCli(['peers'], { env: { PLATFORM_URL: server.platformUrl, PATH: join(root, 'node_modules', '.bin') } });
		expect(result).toMatchObject({ code: 2, stdout: '' });
		expect(oneLine(result.stderr)).toEqual(['molecule-a2a peers: no workspace id: pass --workspace-id or set WORKSPACE_ID (run npx molecule-a2a peers --help)']);
	});

	test('a workspace id that is not a UUID exits 2, naming the flag and the variable, not the option', async () => {
		const result = await runCli(['info', '--workspace-id', 'orchestrator']);
		expect(result.code).toBe(2);
		expect(oneLine(result.stderr)).toHaveLength(1);
		expect(result.stderr).toContain('molecule-a2a info: --workspace-id (or WORKSPACE_ID) must be a UUID');
		expect(result.stderr).not.toContain('workspaceId');
	});

	test('a bad platform URL exits 2 with one line, naming the flag and the variable, not the option', async () => {
		const result = await runCli(['peers'], { env: { ...server.callerEnv, PLATFORM_URL: 'ftp://platform.example' } });
		expect(result.code).toBe(2);
		expect(oneLine(result.stderr)).toEqual([expect.stringContaining('--platform-url (or PLATFORM_URL) must be an http(s) URL') as unknown]);
		expect(result.stderr).not.toContain('platformUrl');
	});

	test('a token that cannot be sent in a header exits 2, naming the flag and the variable', async () => {
		const result = await runCli(['send', demo.ids['echo'] ?? '', 'hi'], { env: { ...server.callerEnv, MOLECULE_WORKSPACE_TOKEN: 'tök' } });
		expect(result.code).toBe(2);
		expect(oneLine(result.stderr)).toEqual([expect.stringContaining('--token (or MOLECULE_WORKSPACE_TOKEN, or the token file) contains') as unknown]);
	});

	test('flags win over the environment', async () => {
		const result = await runCli(['info', '--json', '--platform-url', server.platformUrl, '--workspace-id', demo.caller], {
			env: { PLATFORM_URL: 'http://127.0.0.1:1', WORKSPACE_ID: 'not-used' },
		});
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({ id: demo.caller });
	});

	test('--token is used as the bearer token', async () => {
		const result = await runCli(['peers', '--token', 'dev-token-orchestrator'], { env: { ...server.callerEnv, MOLECULE_WORKSPACE_TOKEN: '' } });
		expect(result.code).toBe(0);
	});

	test('without a token in flags or environment, the token file in CONFIGS_DIR is read and trimmed', async () => {
		const configsDir = emptyConfigsDir();
		writeFileSync(join(configsDir, '.auth_token'), '  dev-token-orchestrator\n');
		const result = await runCli(['peers', '--json'], { env: { PLATFORM_URL: server.platformUrl, WORKSPACE_ID: demo.caller, CONFIGS_DIR: configsDir } });
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({ diagnostic: null });
	});

	test('without any token the platform refuses the call, which exits 1', async () => {
		const result = await runCli(['peers'], { env: { PLATFORM_URL: server.platformUrl, WORKSPACE_ID: demo.caller } });
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('HTTP 401');
	});

	test('the environment token wins over the token file', async () => {
		const configsDir = emptyConfigsDir();
		writeFileSync(join(configsDir, '.auth_token'), 'stale-token');
		const result = await runCli(['peers'], { env: { ...server.callerEnv, CONFIGS_DIR: configsDir } });
		expect(result.code).toBe(0);
	});

	test('a token is never printed, even when it is refused', async () => {
		const token = 'tok_Secret-Value_0123456789';
		const results = await Promise.all([
			runCli(['peers', '--token', token], { env: { ...server.callerEnv, MOLECULE_WORKSPACE_TOKEN: '' } }),
			runCli(['send', '--token', token, demo.ids['echo'] ?? '', 'hi'], { env: { ...server.callerEnv, MOLECULE_WORKSPACE_TOKEN: '' } }),
			runCli(['peers', '--token', token, '--platform-url', 'nope'], { env: server.callerEnv }),
		]);
		for (const result of results) {
			expect(result.code).not.toBe(0);
			expect(result.stdout + result.stderr).not.toContain(token);
		}
	});
});
