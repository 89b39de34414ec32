// Python: TestGetWorkspaceInfo (spec §7.1 #42–#48, behaviour §5.10)
import { describe, expect, test } from 'vitest';
import { testClient } from '../../helpers/client.js';
import { WORKSPACE_ID } from '../../helpers/ids.js';
import { json, scriptedFetch, type Step } from '../../helpers/scripted-fetch.js';

const info = { id: WORKSPACE_ID, name: 'Orchestrator', role: null, tier: 1, status: 'online', url: '', parent_id: null, runtime: 'langgraph' };

async function getInfo(step: Step) {
	const fetch = scriptedFetch(step);
	const { client } = testClient(fetch.fetch);
	return { result: await client.getWorkspaceInfo(), calls: fetch.calls };
}

describe('getWorkspaceInfo', () => {
	test('returns the workspace on 200 (test_success_returns_dict_on_200)', async () => {
		expect((await getInfo(json(info))).result).toEqual(info);
	});

	test('returns "not found" for 404 (test_non_200_returns_error_dict)', async () => {
		expect((await getInfo(json({ error: 'workspace not found' }, 404))).result).toEqual({ error: 'not found' });
	});

	test('returns "not found" for 500 too (test_500_returns_error_dict)', async () => {
		expect((await getInfo(json({ error: 'query failed' }, 500))).result).toEqual({ error: 'not found' });
	});

	test('returns the removed shape for 410, passing fields through (test_410_returns_removed_with_hint)', async () => {
		const body = { error: 'workspace removed', id: 'ws-deleted-uuid', removed_at: '2026-04-30T12:00:00Z', hint: 'Regenerate workspace + token from the canvas → Tokens tab' };
		expect((await getInfo(json(body, 410))).result).toEqual({ error: 'removed', id: 'ws-deleted-uuid', removed_at: '2026-04-30T12:00:00Z', hint: body.hint });
	});

	test('uses this workspace id and the default hint when the 410 body is not JSON (test_410_with_unparseable_body_falls_back_to_default_hint)', async () => {
		const { result } = await getInfo(new Response('gone', { status: 410 }));
		expect(result).toEqual({
			error: 'removed',
			id: WORKSPACE_ID,
			removed_at: null,
			hint: 'Workspace was deleted on the platform. Regenerate workspace + token from the canvas → Tokens tab.',
		});
	});

	// Differs from the Python client, which passed a present null through: issue 9 (null means absent)
	// and issue 11 (the platform's hint when present, the default only when absent) say otherwise.
	test('reads a null id and hint as absent: this workspace id and the default hint', async () => {
		const { result } = await getInfo(json({ error: 'workspace removed', id: null, hint: null }, 410));
		expect(result).toEqual({ error: 'removed', id: WORKSPACE_ID, removed_at: null, hint: 'Workspace was deleted on the platform. Regenerate workspace + token from the canvas → Tokens tab.' });
	});

	test('returns the failure message when the request fails (test_exception_returns_error_dict_with_message)', async () => {
		const { result } = await getInfo(Object.assign(new Error('network failure'), { name: 'RuntimeError' }));
		expect(result).toEqual({ error: expect.stringContaining('network failure') });
	});

	test('requests /workspaces/<id> without X-Workspace-ID (test_request_url_includes_workspaces_path)', async () => {
		const { calls } = await getInfo(json(info));
		expect(calls[0]?.url).toContain(`/workspaces/${WORKSPACE_ID}`);
		expect(calls[0]?.headers).not.toHaveProperty('x-workspace-id');
	});

	test('returns the parse error for a 200 body that is not JSON', async () => {
		const { result } = await getInfo(new Response('not json', { status: 200 }));
		expect(result).toEqual({ error: expect.stringMatching(/JSON/) });
	});
});
