// Issue 10, "one home per concern": the runtime's fetch, crypto, performance and timers are looked up
// in one place, by the core and the dev platform alike, and a missing one is a ConfigError worded the
// same way for each: what is missing, and the option that replaces it.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { createA2AClient } from '../../src/index.js';
import { resolveSettings } from '../../src/dev/context.js';
import { monotonicNow } from '../../src/internal/runtime.js';
import { PEER_ID, WORKSPACE_ID } from '../helpers/ids.js';

afterEach(() => {
	vi.unstubAllGlobals();
});

const missing = (field: string, name: string) => ({
	name: 'ConfigError',
	field,
	message: `${field} needs globalThis.${name}, which this runtime does not have: pass the ${field} option`,
});

describe('the client, in a runtime without', () => {
	test('fetch: a request fails with a ConfigError on fetch, not retried', async () => {
		vi.stubGlobal('fetch', undefined);
		const client = createA2AClient({ workspaceId: WORKSPACE_ID, uuid: () => 'id' });
		expect(await client.sendMessage(PEER_ID, 'hi')).toMatchObject({ status: 'failed', attempts: 1, error: missing('fetch', 'fetch') });
	});

	test('crypto: sendMessage rejects with a ConfigError on uuid before any request', async () => {
		const fetch = vi.fn<(request: Request) => Promise<Response>>();
		vi.stubGlobal('crypto', undefined);
		const client = createA2AClient({ workspaceId: WORKSPACE_ID, fetch });
		await expect(client.sendMessage(PEER_ID, 'hi')).rejects.toMatchObject(missing('uuid', 'crypto'));
		expect(fetch).not.toHaveBeenCalled();
	});

	test('timers: the default clock refuses to sleep with a ConfigError on clock', async () => {
		vi.stubGlobal('setTimeout', undefined);
		await expect(systemClock.sleep(1)).rejects.toMatchObject(missing('clock', 'setTimeout'));
	});

	test('performance: the default clock reads Date.now() instead', () => {
		vi.stubGlobal('performance', undefined);
		const before = Date.now();
		expect(monotonicNow()).toBeGreaterThanOrEqual(before);
		expect(systemClock.now()).toBeLessThanOrEqual(Date.now());
	});

	test('crypto.randomUUID (an insecure browser context): ids still come from crypto.getRandomValues', () => {
		vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => bytes.fill(0xff) });
		const settings = resolveSettings({ workspaces: [] });
		expect(settings.uuid()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
	});
});

describe('the dev platform, in a runtime without', () => {
	test('fetch: dispatching to a URL agent fails with the same ConfigError on fetch', async () => {
		vi.stubGlobal('fetch', undefined);
		const settings = resolveSettings({ workspaces: [] });
		await expect(settings.fetch(new Request('http://agent.invalid/'))).rejects.toMatchObject(missing('fetch', 'fetch'));
	});

	test('crypto: ids, tokens and inbound secrets fail with the same ConfigError, naming their option', () => {
		vi.stubGlobal('crypto', undefined);
		const settings = resolveSettings({ workspaces: [] });
		expect(() => settings.uuid()).toThrow(expect.objectContaining(missing('uuid', 'crypto')));
		expect(() => settings.mintToken()).toThrow(expect.objectContaining(missing('mintToken', 'crypto')));
		expect(() => settings.mintSecret()).toThrow(expect.objectContaining(missing('mintSecret', 'crypto')));
	});
});
