// Issue 9, item 10: durations print as whole milliseconds, and a platformUrl's credentials never
// appear in an error.
import { describe, expect, test } from 'vitest';
import { configFromEnv, ConfigError, createA2AClient, formatA2AError, type A2AClientConfig } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { PEER_ID, WORKSPACE_ID } from '../helpers/ids.js';
import { networkError, scriptedFetch } from '../helpers/scripted-fetch.js';

function configError(config: unknown): ConfigError {
	try {
		createA2AClient(config as A2AClientConfig);
	} catch (error) {
		if (error instanceof ConfigError) return error;
		throw error;
	}
	throw new Error('expected a ConfigError');
}

describe('durations in error text are whole milliseconds', () => {
	// A jittered backoff of 811.5 ms leaves 4188.5 ms of a 5 s budget for the second attempt.
	const fractional = { retry: { budgetMs: 5000 }, random: () => 0.123 };

	test('a ReadTimeout cut to a fractional rest of the budget', async () => {
		const fetch = scriptedFetch(networkError(), () => new Promise<Response>(() => {}));
		const { client, clock } = testClient(fetch.fetch, fractional);
		const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 2, error: { kind: 'ReadTimeout', message: 'timed out after 4189 ms' } });
		expect(outcome.status === 'failed' && formatA2AError(outcome.error)).toMatch(/^\[A2A_ERROR\] ReadTimeout: timed out after 4189 ms \[target=/);
	});

	test('a token provider that does not answer within a fractional rest of the budget', async () => {
		let calls = 0;
		const token = (): Promise<string> => (++calls === 1 ? Promise.resolve('tok-1') : new Promise<string>(() => {}));
		const { client, clock } = testClient(scriptedFetch(networkError()).fetch, { ...fractional, token });
		const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 2, error: { name: 'ConfigError', message: 'token provider did not answer within 4189 ms' } });
	});
});

describe('a platformUrl with credentials', () => {
	test.each([
		['userinfo', 'http://alice:hunter2@platform.example'],
		['userinfo and a path', 'https://alice:hunter2@platform.example/api/'],
		['userinfo and a query', 'http://alice:hunter2@platform.example/?q=1'],
		['userinfo and a space', 'http://alice:hun ter2@platform.example'],
		['userinfo and a slash in the password', 'http://alice:hunter/2@platform.example'],
		['userinfo without a scheme', 'alice:hunter2@platform.example'],
		['only a user name', 'http://alice@platform.example'],
	])('is refused without quoting the credentials (%s)', (_case, platformUrl) => {
		const error = configError({ workspaceId: WORKSPACE_ID, platformUrl });
		expect(error.field).toBe('platformUrl');
		expect(error.message).not.toMatch(/alice|hunter|hun ter/);
	});

	test('the refusal shows where the credentials were', () => {
		expect(configError({ workspaceId: WORKSPACE_ID, platformUrl: 'http://alice:hunter2@platform.example' }).message).toBe(
			'platformUrl must be an http(s) URL without spaces, query, fragment or credentials, got "http://[redacted]@platform.example"',
		);
	});

	test('a URL object with credentials is refused without its href', () => {
		const error = configError({ workspaceId: WORKSPACE_ID, platformUrl: new URL('http://alice:hunter2@platform.example') });
		expect(error.message).toBe('platformUrl must be a string, got an object');
		expect(error.message).not.toContain('hunter2');
	});

	test('PLATFORM_URL with credentials is refused without them', () => {
		const error = configError(configFromEnv({ WORKSPACE_ID, PLATFORM_URL: 'http://alice:hunter2@platform.example' }));
		expect(error.field).toBe('platformUrl');
		expect(error.message).not.toMatch(/alice|hunter2/);
	});

	test('other refused URLs are still quoted', () => {
		expect(configError({ workspaceId: WORKSPACE_ID, platformUrl: 'ftp://platform.example' }).message).toBe(
			'platformUrl must be an http(s) URL without spaces, query, fragment or credentials, got "ftp://platform.example"',
		);
	});
});
