// Python: TestSendA2AMessage (spec §7.1 #8–#18, behaviour §5.6, §5.8). The agent-facing form is sendText.
import { describe, expect, test } from 'vitest';
import { testClient } from '../../helpers/client.js';
import { FIRST_REQUEST_ID, INVALID_PEER_IDS, PEER_ID, PLATFORM_URL } from '../../helpers/ids.js';
import { json, scriptedFetch } from '../../helpers/scripted-fetch.js';

const target = `${PLATFORM_URL}/workspaces/${PEER_ID}/a2a`;

async function sendText(...responses: (Response | Error)[]): Promise<{ text: string; posts: number }> {
	const fetch = scriptedFetch(...responses);
	const { client } = testClient(fetch.fetch);
	const text = await client.sendText(PEER_ID, 'hello');
	return { text, posts: fetch.calls.length };
}

class ConnectionError extends Error {
	override name = 'ConnectionError';
}

class SilentRemoteProtocolError extends Error {
	override name = '_SilentRemoteProtocolError';
}

describe('sendText', () => {
	test('returns the text of a text part (test_result_with_text_part_returns_text)', async () => {
		const { text } = await sendText(json({ result: { parts: [{ kind: 'text', text: 'Hello!' }] } }));
		expect(text).toBe('Hello!');
	});

	test('returns "(no response)" for empty parts (test_result_with_empty_parts_returns_no_response)', async () => {
		const { text } = await sendText(json({ result: { parts: [] } }));
		expect(text).toBe('(no response)');
	});

	test('tags "Agent error:" replies with the error prefix (test_result_text_starts_with_agent_error_gets_prefix)', async () => {
		const { text } = await sendText(json({ result: { parts: [{ kind: 'text', text: 'Agent error: something bad' }] } }));
		expect(text).toBe('[A2A_ERROR] Agent error: something bad');
	});

	test('formats a JSON-RPC error with message and code (test_error_key_returns_error_prefix_and_message)', async () => {
		// The agent echoes the request's id; the Python client never read ids, this one refuses a different one.
		const { text } = await sendText(json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, error: { code: -32603, message: 'Internal error occurred' } }));
		expect(text).toBe(`[A2A_ERROR] Internal error occurred (code=-32603) [target=${target}]`);
	});

	test('formats a JSON-RPC error without a message (test_error_key_missing_message_returns_unknown)', async () => {
		const { text } = await sendText(json({ error: { code: -32600 } }));
		expect(text).toBe(`[A2A_ERROR] JSON-RPC error with no message (code=-32600) [target=${target}]`);
		expect(text.toLowerCase()).toContain('no message');
		expect(text).toContain(PEER_ID);
		expect(text).toContain(`/workspaces/${PEER_ID}/a2a`);
	});

	test('keeps code 0 in the detail (test_jsonrpc_error_with_code_zero_includes_code_in_detail)', async () => {
		const { text } = await sendText(json({ error: { code: 0, message: 'weird' } }));
		expect(text).toBe(`[A2A_ERROR] weird (code=0) [target=${target}]`);
	});

	test('formats a JSON-RPC error with neither message nor code', async () => {
		const { text } = await sendText(json({ error: {} }));
		expect(text).toBe(`[A2A_ERROR] JSON-RPC error with no message [target=${target}]`);
	});

	test('reports a body with neither result nor error, with the payload (test_neither_result_nor_error_returns_a2a_error_with_payload)', async () => {
		const { text } = await sendText(json({ jsonrpc: '2.0', id: 'abc123' }));
		expect(text).toBe(`[A2A_ERROR] unexpected response shape (no result, no error): {"jsonrpc":"2.0","id":"abc123"} [target=${target}]`);
	});

	test('formats an exception with its class name and message (test_exception_returns_error_prefix_and_message)', async () => {
		const { text, posts } = await sendText(new ConnectionError('connection refused'));
		expect(text).toBe(`[A2A_ERROR] ConnectionError: connection refused [target=${target}]`);
		expect(posts).toBe(1);
	});

	test('falls back to the class name for an exception without a message (test_empty_stringifying_exception_falls_back_to_class_name)', async () => {
		const { text } = await sendText(new SilentRemoteProtocolError(''));
		expect(text).toBe(`[A2A_ERROR] _SilentRemoteProtocolError (no message — likely connection reset or silent timeout) [target=${target}]`);
	});

	test('returns "" for a text part without text (test_result_text_part_missing_text_key_returns_empty)', async () => {
		const { text } = await sendText(json({ result: { parts: [{ kind: 'text' }] } }));
		expect(text).toBe('');
	});

	test.each(INVALID_PEER_IDS)('refuses the invalid id %j without any request (test_invalid_peer_id_short_circuits_without_http)', async (id) => {
		const fetch = scriptedFetch(json({ result: { parts: [] } }));
		const { client } = testClient(fetch.fetch);
		const text = await client.sendText(id, 'hello');
		expect(text.startsWith('[A2A_ERROR] invalid peer_id')).toBe(true);
		expect(fetch.calls).toHaveLength(0);
	});

	test('quotes the invalid id like Python repr', async () => {
		const { client } = testClient(scriptedFetch().fetch);
		expect(await client.sendText('ws-abc', 'x')).toBe("[A2A_ERROR] invalid peer_id (expected UUID): 'ws-abc'");
		expect(await client.sendText("it's", 'x')).toBe(`[A2A_ERROR] invalid peer_id (expected UUID): "it's"`);
		expect(await client.sendText('a\nb\\', 'x')).toBe("[A2A_ERROR] invalid peer_id (expected UUID): 'a\\nb\\\\'");
		expect(await client.sendText(null as unknown as string, 'x')).toBe('[A2A_ERROR] invalid peer_id (expected UUID): None');
	});
});
