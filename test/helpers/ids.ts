/** The Python suite's peer id. */
export const PEER_ID = '11111111-1111-1111-1111-111111111111';
/** The calling workspace. */
export const WORKSPACE_ID = '22222222-2222-2222-2222-222222222222';
export const PLATFORM_URL = 'http://platform.test:8080';
/** The ids the Python suite rejects. */
export const INVALID_PEER_IDS = ['', 'ws-abc', '../admin', 'not-a-uuid', '8dad3e29'];
export const TOKEN = 'tok_Secret-Value_0123456789abcdefABCDEF';

/** Deterministic UUIDs: 00000000-0000-4000-8000-000000000001, …002, …. */
export function sequentialUuid(): () => string {
	let n = 0;
	return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

/**
 * The JSON-RPC id of the first `sendMessage` of a `testClient` (its second uuid; the first is the
 * `messageId`). A fake agent answering that send echoes it, as a real one does.
 */
export const FIRST_REQUEST_ID = '00000000-0000-4000-8000-000000000002';
