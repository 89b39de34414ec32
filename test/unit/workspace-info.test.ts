// Issue 9, item 12: the getWorkspaceInfo result shapes are told apart by `error`, and the guards tell them apart at run time.
import { describe, expect, test } from 'vitest';
import { isRemovedWorkspace, isWorkspaceInfo } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { WORKSPACE_ID } from '../helpers/ids.js';
import { json, scriptedFetch, type Step } from '../helpers/scripted-fetch.js';

const described = { id: WORKSPACE_ID, name: 'Orchestrator', role: null, tier: 1, status: 'online', url: '', parent_id: null, runtime: 'langgraph' };

async function getInfo(step: Step) {
	return testClient(scriptedFetch(step).fetch).client.getWorkspaceInfo();
}

describe('the getWorkspaceInfo guards', () => {
	test('isRemovedWorkspace is true for the 410 answer and false for the others', async () => {
		expect(isRemovedWorkspace(await getInfo(json({ error: 'workspace removed', id: WORKSPACE_ID }, 410)))).toBe(true);
		expect(isRemovedWorkspace(await getInfo(json(described)))).toBe(false);
		expect(isRemovedWorkspace(await getInfo(json({ error: 'workspace not found' }, 404)))).toBe(false);
	});

	test('isRemovedWorkspace is false for a failure whose message happens to read "removed"', async () => {
		const result = await getInfo(new Error('removed'));
		expect(result).toEqual({ error: 'removed' });
		expect(isRemovedWorkspace(result)).toBe(false);
	});

	test('isWorkspaceInfo is true for a description and false for every failure', async () => {
		expect(isWorkspaceInfo(await getInfo(json(described)))).toBe(true);
		expect(isWorkspaceInfo(await getInfo(json({ error: 'workspace removed' }, 410)))).toBe(false);
		expect(isWorkspaceInfo(await getInfo(json({ error: 'workspace not found' }, 404)))).toBe(false);
		expect(isWorkspaceInfo(await getInfo(new Response('not json', { status: 200 })))).toBe(false);
	});
});

describe('a description never carries error, the member that tells the shapes apart', () => {
	test('a 200 answer with an error member is a failure, not a description', async () => {
		const result = await getInfo(json({ ...described, error: 'degraded' }));
		expect(result).toEqual({ error: 'invalid workspace info: a 200 answer with an error: "degraded"' });
		expect(isWorkspaceInfo(result)).toBe(false);
	});

	test('a 200 answer with error: null is the description, without the unset member', async () => {
		const result = await getInfo(json({ ...described, error: null }));
		expect(result).toEqual(described);
		expect(isWorkspaceInfo(result)).toBe(true);
	});
});
