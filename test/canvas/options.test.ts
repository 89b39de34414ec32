import { describe, expect, test } from 'vitest';
import { createCanvasClient } from '../../src/canvas/index.js';
import { configError } from '../helpers/config-error.js';
import { PLATFORM_URL, TOKEN } from '../helpers/ids.js';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';
import { hangingFetch } from '../helpers/scripted-fetch.js';
import { drive } from '../helpers/fake-clock.js';
import { LEAD, testCanvas } from './helpers.js';

describe('createCanvasClient options', () => {
	test('a session sends the browser cookies (credentials include) and no Authorization', async () => {
		let credentials: RequestCredentials | undefined;
		const platform = scriptedFetch((request) => {
			credentials = request.credentials;
			return json([]);
		});
		const { canvas } = testCanvas(platform.fetch, { auth: { session: true } });
		await canvas.listWorkspaces();
		expect(credentials).toBe('include');
		expect(platform.calls[0]?.headers['authorization']).toBeUndefined();
	});

	test('a token is sent as a bearer, and no request carries X-Workspace-ID', async () => {
		const platform = scriptedFetch(json([]));
		const { canvas } = testCanvas(platform.fetch);
		await canvas.listWorkspaces();
		expect(platform.calls[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
		expect(platform.calls[0]?.headers['x-workspace-id']).toBeUndefined();
	});

	test('a token provider is called for each request', async () => {
		const platform = scriptedFetch(json([]));
		let calls = 0;
		const { canvas } = testCanvas(platform.fetch, { auth: { token: () => `provided-${++calls}-0123456789abcdef` } });
		await canvas.listWorkspaces();
		await canvas.listWorkspaces();
		expect(platform.calls.map((call) => call.headers['authorization'])).toEqual(['Bearer provided-1-0123456789abcdef', 'Bearer provided-2-0123456789abcdef']);
	});

	test('orgId is sent as X-Molecule-Org-Id', async () => {
		const platform = scriptedFetch(json([]));
		const { canvas } = testCanvas(platform.fetch, { orgId: 'org-7' });
		await canvas.listWorkspaces();
		expect(platform.calls[0]?.headers['x-molecule-org-id']).toBe('org-7');
	});

	test('auth is required, and must be a session or a token, not both', () => {
		expect(configError(() => createCanvasClient({ platformUrl: PLATFORM_URL } as never)).field).toBe('auth');
		expect(configError(() => createCanvasClient({ auth: { session: true, token: TOKEN } } as never)).message).toMatch(/not both/);
		expect(configError(() => createCanvasClient({ auth: { session: 'yes' } } as never)).field).toBe('auth.session');
		expect(configError(() => createCanvasClient({ auth: {} } as never)).field).toBe('auth.token');
		expect(configError(() => createCanvasClient({ auth: { token: ' ' } })).message).toMatch(/^auth.token is empty/);
	});

	test('a misspelt option is refused, naming it', () => {
		expect(configError(() => createCanvasClient({ auth: { session: true }, platfromUrl: PLATFORM_URL } as never)).field).toBe('platfromUrl');
		const misspelt = configError(() => createCanvasClient({ auth: { session: true }, timeouts: { chatMs: 1 } } as never));
		expect([misspelt.field, misspelt.message]).toEqual(['timeouts.chatMs', 'timeouts.chatMs is not an option (requestMs, sendMs, uploadMs)']);
		expect(configError(() => createCanvasClient({ auth: { session: true }, WebSocket: 'ws' } as never)).field).toBe('WebSocket');
		expect(configError(() => createCanvasClient({ auth: { session: true }, timeouts: { uploadMs: 0 } })).field).toBe('timeouts.uploadMs');
		expect(configError(() => createCanvasClient({ auth: { session: true }, timeouts: { sendMs: -1 } })).field).toBe('timeouts.sendMs');
	});

	test('the chat timeout is 120 s by default: a send with no answer fails with ReadTimeout after 120000 ms', async () => {
		const platform = hangingFetch();
		const { canvas, clock } = testCanvas(platform.fetch, { retry: { maxAttempts: 1 } });
		const outcome = await drive(canvas.send(LEAD, 'hello'), clock);
		expect(outcome.status).toBe('failed');
		expect(outcome.status === 'failed' && outcome.error.message).toMatch(/timed out after 120000 ms/);
		expect(clock.now()).toBe(120_000);
	});

	test('platformUrl defaults to http://localhost:8080 and loses a trailing slash', () => {
		expect(createCanvasClient({ auth: { session: true } }).platformUrl).toBe('http://localhost:8080');
		expect(createCanvasClient({ auth: { session: true }, platformUrl: 'https://acme.example/' }).platformUrl).toBe('https://acme.example');
	});
});
