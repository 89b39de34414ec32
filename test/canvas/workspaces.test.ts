import { describe, expect, test } from 'vitest';
import { isHttpError, isInvalidPeerIdError, isResponseValidationError } from '../../src/index.js';
import { PLATFORM_URL } from '../helpers/ids.js';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';
import { INTERN, LEAD, rejection, ROOT, testCanvas, WORKER } from './helpers.js';

const ORPHAN = '30000000-0000-4000-8000-0000000000aa';
const GONE = '30000000-0000-4000-8000-0000000000bb';

const rows = [
	{ id: ROOT, name: 'Root', parent_id: null, status: 'online', kind: 'platform', x: 10 },
	{ id: LEAD, name: 'Lead', parent_id: ROOT, status: 'online' },
	{ id: INTERN, name: 'Intern', parent_id: LEAD, status: 'offline' },
	{ id: WORKER, name: 'Worker', parent_id: ROOT.toUpperCase(), status: 'degraded' },
	{ id: ORPHAN, name: 'Orphan', parent_id: GONE, status: 'online' },
];

describe('listWorkspaces', () => {
	test('reads GET /workspaces and keeps the platform order and unknown fields', async () => {
		const platform = scriptedFetch(json(rows));
		const { canvas } = testCanvas(platform.fetch);
		const tree = await canvas.listWorkspaces();
		expect(platform.calls[0]).toMatchObject({ method: 'GET', url: `${PLATFORM_URL}/workspaces` });
		expect(tree.workspaces.map((workspace) => workspace.name)).toEqual(['Root', 'Lead', 'Intern', 'Worker', 'Orphan']);
		expect(tree.workspaces[0]).toMatchObject({ kind: 'platform', x: 10 });
	});

	test('roots are the workspaces without a parent in the list, an orphan of a removed parent included', async () => {
		const { canvas } = testCanvas(scriptedFetch(json(rows)).fetch);
		const tree = await canvas.listWorkspaces();
		expect(tree.roots().map((workspace) => workspace.name)).toEqual(['Root', 'Orphan']);
	});

	test('childrenOf walks parent_id in list order, whatever the case of the ids', async () => {
		const { canvas } = testCanvas(scriptedFetch(json(rows)).fetch);
		const tree = await canvas.listWorkspaces();
		expect(tree.childrenOf(ROOT).map((workspace) => workspace.name)).toEqual(['Lead', 'Worker']);
		expect(tree.childrenOf(LEAD.toUpperCase()).map((workspace) => workspace.name)).toEqual(['Intern']);
		expect(tree.childrenOf(INTERN)).toEqual([]);
		expect(tree.get(WORKER.toUpperCase())?.name).toBe('Worker');
	});

	test('a body that is not a list of workspaces is a ResponseValidationError naming the member', async () => {
		const { canvas } = testCanvas(scriptedFetch(json([{ name: 'no id' }])).fetch);
		const error = await rejection(canvas.listWorkspaces());
		expect(isResponseValidationError(error) && error.message).toMatch(/0\.id/);
	});

	test('a refused token is the platform 401 as an HttpError', async () => {
		const { canvas } = testCanvas(scriptedFetch(json({ error: 'admin auth required' }, 401)).fetch);
		const error = await rejection(canvas.listWorkspaces());
		expect(isHttpError(error) && [error.status, error.platformError]).toEqual([401, 'admin auth required']);
	});
});

describe('getWorkspace', () => {
	test('reads GET /workspaces/:id with its heartbeat fields', async () => {
		const platform = scriptedFetch(json({ id: LEAD, name: 'Lead', wedged: false, last_heartbeat_at: '2026-11-30T06:00:00Z' }));
		const { canvas } = testCanvas(platform.fetch);
		expect(await canvas.getWorkspace(LEAD.toUpperCase())).toMatchObject({ id: LEAD, wedged: false, last_heartbeat_at: '2026-11-30T06:00:00Z' });
		expect(platform.calls[0]?.url).toBe(`${PLATFORM_URL}/workspaces/${LEAD}`);
	});

	test('a removed workspace rejects with the 410 and its hint', async () => {
		const { canvas } = testCanvas(scriptedFetch(json({ error: 'workspace removed', id: LEAD, hint: 'Create a replacement workspace', removed_at: null }, 410)).fetch);
		const error = await rejection(canvas.getWorkspace(LEAD));
		expect(isHttpError(error) && error.status).toBe(410);
		expect(isHttpError(error) && error.body).toMatchObject({ hint: 'Create a replacement workspace' });
	});

	test('an id that is not a UUID is refused before any request', async () => {
		const platform = scriptedFetch(json({}));
		const { canvas } = testCanvas(platform.fetch);
		expect(isInvalidPeerIdError(await rejection(canvas.getWorkspace('../admin')))).toBe(true);
		expect(platform.calls).toEqual([]);
	});
});
