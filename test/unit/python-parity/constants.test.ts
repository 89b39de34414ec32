// Python: workspace/tests/test_a2a_client.py — test_constants_exist (spec §7.1 #1)
import { expect, test } from 'vitest';
import { A2A_ERROR_PREFIX, A2A_QUEUED_PREFIX } from '../../../src/index.js';
import { testClient } from '../../helpers/client.js';
import { scriptedFetch } from '../../helpers/scripted-fetch.js';
import { PLATFORM_URL, WORKSPACE_ID } from '../../helpers/ids.js';

test('the platform URL, workspace id and error prefixes are strings (test_constants_exist)', () => {
	const { client } = testClient(scriptedFetch().fetch);
	expect(client.platformUrl).toBe(PLATFORM_URL);
	expect(client.workspaceId).toBe(WORKSPACE_ID);
	expect(A2A_ERROR_PREFIX).toBe('[A2A_ERROR] ');
	expect(A2A_QUEUED_PREFIX).toBe('[A2A_QUEUED] ');
});
