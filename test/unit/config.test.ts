import { describe, expect, test } from 'vitest';
import { configFromEnv, ConfigError, createA2AClient, type A2AClientConfig } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { FIRST_REQUEST_ID, PEER_ID, WORKSPACE_ID } from '../helpers/ids.js';
import { json, networkError, scriptedFetch } from '../helpers/scripted-fetch.js';

function configError(config: Partial<A2AClientConfig> | unknown): ConfigError {
	try {
		createA2AClient(config as A2AClientConfig);
	} catch (error) {
		if (error instanceof ConfigError) return error;
		throw error;
	}
	throw new Error('expected a ConfigError');
}

describe('createA2AClient configuration', () => {
	test('requires workspaceId', () => {
		expect(configError({})).toMatchObject({ field: 'workspaceId', message: 'workspaceId is required' });
	});

	test('requires workspaceId to be a UUID', () => {
		expect(configError({ workspaceId: 'ws-abc' })).toMatchObject({ field: 'workspaceId', message: 'workspaceId must be a UUID, got "ws-abc"' });
	});

	test('a logger that throws is ignored: a diagnostic never stops a call', async () => {
		const broken = () => {
			throw new Error('logger broke');
		};
		const { fetch } = scriptedFetch(networkError(), json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, result: { kind: 'message', role: 'agent', messageId: 'm', parts: [{ kind: 'text', text: 'ok' }] } }));
		const { client, clock } = testClient(fetch, { logger: { debug: broken, warn: broken, error: broken } });
		expect(await drive(client.sendMessage(PEER_ID, 'hi'), clock)).toMatchObject({ status: 'replied', text: 'ok', attempts: 2 });
	});

	test('does not quote the configured token given as workspaceId or inside platformUrl', () => {
		const token = 'tok-SECRETVALUE';
		expect(configError({ workspaceId: token, token })).toMatchObject({ field: 'workspaceId', message: 'workspaceId must be a UUID, got "[redacted]"' });
		expect(configError({ workspaceId: WORKSPACE_ID, platformUrl: `https://${token} host`, token }).message).not.toContain('SECRETVALUE');
	});

	test('canonicalises workspaceId', () => {
		expect(createA2AClient({ workspaceId: ` ${WORKSPACE_ID.toUpperCase()} ` }).workspaceId).toBe(WORKSPACE_ID);
	});

	test('defaults platformUrl to http://localhost:8080', () => {
		expect(createA2AClient({ workspaceId: WORKSPACE_ID }).platformUrl).toBe('http://localhost:8080');
	});

	test('strips one trailing slash from platformUrl', () => {
		expect(createA2AClient({ workspaceId: WORKSPACE_ID, platformUrl: 'https://platform.example/api/' }).platformUrl).toBe('https://platform.example/api');
	});

	test.each(['ftp://x', 'not a url', 'http://h/?q=1', 'http://h/#f', 'http://user:pw@h'])('refuses the platformUrl %j', (platformUrl) => {
		expect(configError({ workspaceId: WORKSPACE_ID, platformUrl }).field).toBe('platformUrl');
	});

	test.each([
		['token', { token: 'a\nb' }],
		['token', { token: 'tøken' }],
		['orgId', { orgId: 'org\r\nX-Evil: 1' }],
		['origin', { origin: 'http://a\nb' }],
	])('refuses a %s header value with a line break or non-ASCII character', (field, extra) => {
		const error = configError({ workspaceId: WORKSPACE_ID, ...extra });
		expect(error.field).toBe(field);
		expect(error.message).not.toMatch(/tøken|a\nb|Evil/);
	});

	test.each([
		['retry.maxAttempts', { retry: { maxAttempts: 0 } }],
		['retry.maxAttempts', { retry: { maxAttempts: 1.5 } }],
		['retry.jitter', { retry: { jitter: 2 } }],
		['retry.baseDelayMs', { retry: { baseDelayMs: -1 } }],
		['retry.budgetMs', { retry: { budgetMs: Number.NaN } }],
		['timeouts.sendMs', { timeouts: { sendMs: 0 } }],
		['timeouts.requestMs', { timeouts: { requestMs: 2 ** 31 } }],
		['peerCache.maxEntries', { peerCache: { maxEntries: 0 } }],
		['peerCache.ttlMs', { peerCache: { ttlMs: Number.POSITIVE_INFINITY } }],
		['maxConcurrentLookups', { maxConcurrentLookups: 0 }],
		['maxConcurrentLookups', { maxConcurrentLookups: 2.5 }],
		['maxConcurrentLookups', { maxConcurrentLookups: '8' }],
		['maxConcurrentLookups', { maxConcurrentLookups: Number.POSITIVE_INFINITY }],
	])('names %s when a policy number is out of range', (field, extra) => {
		const error = configError({ workspaceId: WORKSPACE_ID, ...extra });
		expect(error.field).toBe(field);
		expect(error.message).toMatch(/^\S+ must be (an integer|a number) from /);
	});

	test.each(['fetch', 'random', 'uuid'])('refuses a %s that is not a function', (field) => {
		expect(configError({ workspaceId: WORKSPACE_ID, [field]: 'nope' }).field).toBe(field);
	});

	test('refuses a token that is neither a string, a function nor a source', () => {
		expect(configError({ workspaceId: WORKSPACE_ID, token: 42 as unknown as string }).field).toBe('token');
	});

	test('sends Origin and X-Molecule-Org-Id when configured', async () => {
		const fetch = scriptedFetch(json({ id: PEER_ID, url: '', name: '' }));
		const client = createA2AClient({ workspaceId: WORKSPACE_ID, fetch: fetch.fetch, origin: 'https://platform.example', orgId: 'org-1' });
		await client.discoverPeer(PEER_ID);
		expect(fetch.calls[0]?.headers).toMatchObject({ origin: 'https://platform.example', 'x-molecule-org-id': 'org-1' });
	});

	test('sends neither Origin nor X-Molecule-Org-Id by default', async () => {
		const fetch = scriptedFetch(json({ id: PEER_ID, url: '', name: '' }));
		await createA2AClient({ workspaceId: WORKSPACE_ID, fetch: fetch.fetch }).discoverPeer(PEER_ID);
		expect(fetch.calls[0]?.headers).not.toHaveProperty('origin');
		expect(fetch.calls[0]?.headers).not.toHaveProperty('x-molecule-org-id');
	});

	test('the client methods work when detached from the client', async () => {
		const fetch = scriptedFetch(json({ id: PEER_ID, url: '', name: 'P' }));
		const { discoverPeer } = createA2AClient({ workspaceId: WORKSPACE_ID, fetch: fetch.fetch });
		expect(await discoverPeer(PEER_ID)).toMatchObject({ name: 'P' });
	});
});

describe('configFromEnv', () => {
	test('reads WORKSPACE_ID, PLATFORM_URL, MOLECULE_WORKSPACE_TOKEN and MOLECULE_ORG_ID', () => {
		expect(
			configFromEnv({ WORKSPACE_ID: WORKSPACE_ID, PLATFORM_URL: 'https://p.example/', MOLECULE_WORKSPACE_TOKEN: ' t0k ', MOLECULE_ORG_ID: 'org' }),
		).toEqual({ workspaceId: WORKSPACE_ID, platformUrl: 'https://p.example/', origin: 'https://p.example', token: 't0k', orgId: 'org' });
	});

	test('leaves blank variables unset', () => {
		expect(configFromEnv({ WORKSPACE_ID: WORKSPACE_ID, PLATFORM_URL: ' ', MOLECULE_WORKSPACE_TOKEN: '' })).toEqual({
			workspaceId: WORKSPACE_ID,
			platformUrl: undefined,
			origin: undefined,
			token: undefined,
			orgId: undefined,
		});
	});

	test('throws a ConfigError naming WORKSPACE_ID when it is missing, as the Python module did', () => {
		expect(() => configFromEnv({})).toThrow(new ConfigError('WORKSPACE_ID', 'environment variable is required but not set'));
	});

	test('ignores non-string bindings of a Worker env', () => {
		expect(configFromEnv({ WORKSPACE_ID: WORKSPACE_ID, MOLECULE_WORKSPACE_TOKEN: { secret: true } }).token).toBeUndefined();
	});

	test('its result creates a working client', () => {
		expect(createA2AClient(configFromEnv({ WORKSPACE_ID: WORKSPACE_ID, PLATFORM_URL: 'http://127.0.0.1:9' })).platformUrl).toBe('http://127.0.0.1:9');
	});
});
