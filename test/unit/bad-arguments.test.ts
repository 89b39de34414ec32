// Issue 9, item 7: a bad argument is a typed error naming the field and its problem, and leaves nothing running.
import { describe, expect, test } from 'vitest';
import { backoffDelayMs, configFromEnv, createA2AClient, formatA2AError, type A2AClientConfig, type SendOptions } from '../../src/index.js';
import { configError } from '../helpers/config-error.js';
import { testClient } from '../helpers/client.js';
import { PEER_ID, WORKSPACE_ID } from '../helpers/ids.js';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';

const client = (extra: Record<string, unknown>) => () => createA2AClient({ workspaceId: WORKSPACE_ID, ...extra } as A2AClientConfig);
const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('createA2AClient with a bad argument', () => {
	test.each([
		['no configuration', undefined],
		['null', null],
		['a string', 'http://localhost:8080'],
		['an array', []],
	])('%s is a ConfigError naming config', (_name, config) => {
		const error = configError(() => createA2AClient(config as unknown as A2AClientConfig));
		expect(error).toMatchObject({ field: 'config', message: expect.stringMatching(/^config must be an object, got /) as unknown });
	});

	test('a BigInt workspaceId is a ConfigError naming workspaceId', () => {
		expect(configError(client({ workspaceId: 1n }))).toMatchObject({ field: 'workspaceId', message: 'workspaceId must be a UUID, got a bigint' });
	});

	test('a platformUrl that is not a string is a ConfigError naming platformUrl', () => {
		expect(configError(client({ platformUrl: 8080n }))).toMatchObject({ field: 'platformUrl', message: 'platformUrl must be a string, got a bigint' });
	});

	test.each([
		['a clock without sleep', 'clock', { clock: { now: () => 0 } }],
		['a clock that is a function', 'clock', { clock: () => 0 }],
		['a logger whose warn is not a function', 'logger', { logger: { warn: 'stderr' } }],
		['a logger that is a string', 'logger', { logger: 'console' }],
	])('%s is a ConfigError naming %s, not a TypeError in a later request', (_name, field, extra) => {
		expect(configError(client(extra)).field).toBe(field);
	});

	test('a null logger is silent, as an absent one is', async () => {
		const fetch = scriptedFetch(json({ id: PEER_ID, url: '', name: '' }));
		const { discoverPeer } = createA2AClient({ workspaceId: WORKSPACE_ID, fetch: fetch.fetch, logger: null } as unknown as A2AClientConfig);
		expect(await discoverPeer(PEER_ID)).toMatchObject({ id: PEER_ID });
	});

	test.each(['retry', 'timeouts', 'peerCache'])('a %s that is not an object is a ConfigError naming it', (group) => {
		expect(configError(client({ [group]: 5 }))).toMatchObject({ field: group, message: `${group} must be an object, got 5` });
	});

	test('a misspelt policy option is a ConfigError naming it, not silently ignored', () => {
		expect(configError(client({ retry: { maxAttemps: 3 } }))).toMatchObject({
			field: 'retry.maxAttemps',
			message: 'retry.maxAttemps is not an option (maxAttempts, baseDelayMs, maxDelayMs, jitter, budgetMs)',
		});
	});
});

describe('one rule for every option (issue 9 trial items 8, 9, 10)', () => {
	test('a misspelt top-level member is a ConfigError naming it, as a misspelt policy member is', () => {
		expect(configError(client({ platfromUrl: 'http://h' }))).toMatchObject({ field: 'platfromUrl', message: expect.stringMatching(/^platfromUrl is not an option \(workspaceId, platformUrl, /) as unknown });
	});

	test('a misspelt policy member is refused even when it is undefined', () => {
		expect(configError(client({ retry: { maxAtempts: undefined } })).field).toBe('retry.maxAtempts');
	});

	test.each([['platformUrl'], ['token'], ['origin'], ['orgId'], ['maxConcurrentLookups'], ['retry'], ['fetch'], ['clock']])('%s: null means the default, as undefined does', async (member) => {
		const fetch = scriptedFetch(json({ id: PEER_ID, url: '', name: '' }));
		const { discoverPeer } = createA2AClient({ workspaceId: WORKSPACE_ID, fetch: fetch.fetch, [member]: null } as unknown as A2AClientConfig);
		if (member !== 'fetch' && member !== 'clock') expect(await discoverPeer(PEER_ID)).toMatchObject({ id: PEER_ID });
	});

	test('a null member of a policy means its default', () => {
		expect(() => client({ retry: { maxAttempts: null }, timeouts: { sendMs: null } })()).not.toThrow();
	});

	test('a clock whose wallNow is not a function is a ConfigError naming clock, not a TypeError in a later request', () => {
		expect(configError(client({ clock: { now: () => 0, sleep: async () => {}, wallNow: 1 } })).field).toBe('clock');
	});

	test('a token source whose refresh is not a function is a ConfigError naming token.refresh, not a refresh silently skipped', () => {
		expect(configError(client({ token: { get: () => 't', refresh: 1 } }))).toMatchObject({ field: 'token.refresh', message: 'token.refresh must be a function, got number' });
	});

	test('an origin with credentials is a ConfigError naming origin that does not repeat them', () => {
		const error = configError(client({ origin: 'http://u:pw123@h' }));
		expect(error.field).toBe('origin');
		expect(error.message).not.toContain('pw123');
	});

	test.each(['http://127.0.0.1/?token=pw123', 'http://127.0.0.1/#access_token=pw123'])('a platformUrl %s is refused without repeating its query or fragment', (platformUrl) => {
		const error = configError(client({ platformUrl }));
		expect(error.field).toBe('platformUrl');
		expect(error.message).not.toContain('pw123');
		expect(error.message).toContain('http://127.0.0.1/');
	});

	test('a WORKSPACE_ID that is not a string is a ConfigError saying so, not "not set"', () => {
		expect(configError(() => configFromEnv({ WORKSPACE_ID: 42 }))).toMatchObject({ field: 'WORKSPACE_ID', message: 'WORKSPACE_ID environment variable must be a string, got 42' });
	});
});

describe('configFromEnv with a bad argument', () => {
	test.each([undefined, null, 'WORKSPACE_ID=x'])('configFromEnv(%j) is a ConfigError naming env', (env) => {
		expect(configError(() => configFromEnv(env as unknown as Record<string, string>)).field).toBe('env');
	});
});

describe('sendMessage with bad options', () => {
	async function sendWith(options: unknown) {
		const fetch = scriptedFetch(json({ result: 'ok' }));
		const { client: a2a, clock } = testClient(fetch.fetch);
		const outcome = await a2a.sendMessage(PEER_ID, 'hi', options as SendOptions);
		return { outcome, clock, calls: fetch.calls };
	}

	test('a signal that is not an AbortSignal is a ConfigError naming options.signal, with no request and no timer left', async () => {
		const { outcome, clock, calls } = await sendWith({ signal: 'x' });
		expect(outcome).toMatchObject({ status: 'failed', attempts: 0, error: { name: 'ConfigError', field: 'options.signal', message: 'options.signal must be an AbortSignal, got a string' } });
		expect(calls).toHaveLength(0);
		expect(clock.pendingTimers).toBe(0);
	});

	test('a signal that is not an AbortSignal leaves no timer to keep the process alive on the system clock', async () => {
		const fetch = scriptedFetch(json({ result: 'ok' }));
		const a2a = createA2AClient({ workspaceId: WORKSPACE_ID, fetch: fetch.fetch });
		const before = timers();
		const outcome = await a2a.sendMessage(PEER_ID, 'hi', { signal: 'x' as unknown as AbortSignal });
		expect(outcome).toMatchObject({ status: 'failed', error: { field: 'options.signal' } });
		expect(timers()).toBe(before);
	});

	test.each([
		['options that are not an object', 'options', 'fast'],
		['a timeoutMs that is a string', 'options.timeoutMs', { timeoutMs: '5000' }],
		['a timeoutMs of 0', 'options.timeoutMs', { timeoutMs: 0 }],
		['an onRetry that is not a function', 'options.onRetry', { onRetry: 'log' }],
	])('%s is a ConfigError naming %s, with no request', async (_name, field, options) => {
		const { outcome, calls } = await sendWith(options);
		expect(outcome).toMatchObject({ status: 'failed', attempts: 0, error: { name: 'ConfigError', field } });
		expect(calls).toHaveLength(0);
	});

	test('an unknown option is a ConfigError naming it, with no request', async () => {
		const { outcome, calls } = await sendWith({ timeout: 5 });
		expect(outcome).toMatchObject({ status: 'failed', attempts: 0, error: { name: 'ConfigError', field: 'options.timeout' } });
		expect(calls).toHaveLength(0);
	});

	test('null options, or null members, mean the defaults', async () => {
		expect((await sendWith(null)).outcome).toMatchObject({ status: 'replied', text: 'ok' });
		expect((await sendWith({ signal: null, timeoutMs: null, onRetry: null })).outcome).toMatchObject({ status: 'replied', text: 'ok' });
	});

	test('a signal from another realm (anything shaped like an AbortSignal) is accepted', async () => {
		const { signal } = new AbortController();
		const foreign = { aborted: false, addEventListener: signal.addEventListener.bind(signal), removeEventListener: signal.removeEventListener.bind(signal) };
		expect((await sendWith({ signal: foreign })).outcome).toMatchObject({ status: 'replied' });
	});
});

describe('listPeers and getPeers with bad options', () => {
	test.each(['listPeers', 'getPeers'] as const)('%s({ q: 42 }) rejects with a ConfigError naming options.q, without a request', async (method) => {
		const fetch = scriptedFetch(json([]));
		const { client: a2a } = testClient(fetch.fetch);
		await expect(a2a[method]({ q: 42 as unknown as string })).rejects.toMatchObject({
			name: 'ConfigError',
			field: 'options.q',
			message: 'options.q must be a string, got 42',
		});
		expect(fetch.calls).toHaveLength(0);
	});

	test('listPeers options that are not an object are a ConfigError naming options', async () => {
		const { client: a2a } = testClient(scriptedFetch(json([])).fetch);
		await expect(a2a.listPeers('research' as never)).rejects.toMatchObject({ name: 'ConfigError', field: 'options' });
	});

	test('listPeers(null) lists every peer, as listPeers() does', async () => {
		const fetch = scriptedFetch(json([]));
		const { client: a2a } = testClient(fetch.fetch);
		expect(await a2a.listPeers(null as never)).toEqual({ peers: [], diagnostic: null });
		expect(fetch.calls[0]?.url).toMatch(/\/peers$/);
	});
});

describe('backoffDelayMs with bad arguments', () => {
	test('a policy number out of range is a ConfigError naming it, not a NaN delay', () => {
		expect(configError(() => backoffDelayMs(1, { jitter: Number.NaN }))).toMatchObject({ field: 'policy.jitter' });
	});

	test('a random that is not a function is a ConfigError naming random', () => {
		expect(configError(() => backoffDelayMs(1, {}, 0.5 as unknown as () => number)).field).toBe('random');
	});
});

describe('formatA2AError', () => {
	test('formats a thrown object that cannot be turned into a string', () => {
		expect(formatA2AError(Object.create(null))).toBe('[A2A_ERROR] Error: an object');
	});
});

