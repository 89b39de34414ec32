import { describe, expect, test } from 'vitest';
import {
	A2AClientError,
	AgentError,
	ConfigError,
	formatA2AError,
	formatA2AQueued,
	HttpError,
	InvalidPeerIdError,
	JsonRpcError,
	ResponseValidationError,
	TransportError,
	UnexpectedResponseError,
} from '../../src/index.js';

const target = 'http://localhost:8080/workspaces/11111111-1111-1111-1111-111111111111/a2a';

describe('formatA2AError', () => {
	test.each([
		[new TransportError('ReadTimeout', 'timed out after 300000 ms', { target }), `[A2A_ERROR] ReadTimeout: timed out after 300000 ms [target=${target}]`],
		[new TransportError('RemoteProtocolError', '', { target }), `[A2A_ERROR] RemoteProtocolError (no message — likely connection reset or silent timeout) [target=${target}]`],
		[new TransportError('ConnectError', 'ConnectError: refused', { target }), `[A2A_ERROR] ConnectError: refused [target=${target}]`],
		[new JsonRpcError('boom', -32603, undefined, { target }), `[A2A_ERROR] boom (code=-32603) [target=${target}]`],
		[new JsonRpcError('  ', undefined, undefined, { target }), `[A2A_ERROR] JSON-RPC error with no message [target=${target}]`],
		[new HttpError(404, { target, platformError: 'workspace not found' }), `[A2A_ERROR] HTTP 404: workspace not found [target=${target}]`],
		[new HttpError(503, { target, platformError: 'busy', retryAfterMs: 1500 }), `[A2A_ERROR] HTTP 503: busy (retry_after=2s) [target=${target}]`],
		[new AgentError('Agent error: KeyError x', { target }), '[A2A_ERROR] Agent error: KeyError x'],
		[new InvalidPeerIdError('../admin'), "[A2A_ERROR] invalid peer_id (expected UUID): '../admin'"],
		[new UnexpectedResponseError('response is not JSON: x', 200, { target }), `[A2A_ERROR] response is not JSON: x [target=${target}]`],
		[new ResponseValidationError([{ path: 'result', message: 'Invalid type' }], { target }), `[A2A_ERROR] invalid response: result: Invalid type [target=${target}]`],
		[new ConfigError('token', 'provider failed: x'), '[A2A_ERROR] ConfigError: token provider failed: x'],
		[new A2AClientError('bad', { cause: Object.assign(new Error('bad'), { name: 'ValueError' }) }), '[A2A_ERROR] ValueError: bad'],
		[new RangeError('out of range'), '[A2A_ERROR] RangeError: out of range'],
		['a string', '[A2A_ERROR] Error: a string'],
	])('formats %s', (error, expected) => {
		expect(formatA2AError(error)).toBe(expected);
	});

	test('does not double a type prefix that only appears later in the message', () => {
		expect(formatA2AError(new TransportError('ReadError', 'got ReadError: twice'))).toBe('[A2A_ERROR] ReadError: got ReadError: twice');
	});

	test('keeps the words the canvas hints match on', () => {
		const hints = [
			[new TransportError('ReadTimeout', 'timed out'), 'readtimeout'],
			[new TransportError('ConnectTimeout', 'x'), 'connecttimeout'],
			[new TransportError('RemoteProtocolError', 'x'), 'remoteprotocolerror'],
			[new TransportError('ConnectError', ''), 'no message'],
			[new AgentError('Agent error: x'), 'agent error'],
			[new HttpError(404, { platformError: 'workspace not found' }), 'not found'],
		] as const;
		for (const [error, phrase] of hints) expect(formatA2AError(error).toLowerCase()).toContain(phrase);
	});
});

describe('formatA2AQueued', () => {
	test('writes the [A2A_QUEUED] line of a message/send, with the peer id in its canonical form', () => {
		expect(formatA2AQueued(' A2A00000-0000-4000-8000-000000000006 ')).toBe('[A2A_QUEUED] target=a2a00000-0000-4000-8000-000000000006 method=message/send');
	});

	test('names another method when given one', () => {
		expect(formatA2AQueued('a2a00000-0000-4000-8000-000000000006', 'tasks/get')).toBe('[A2A_QUEUED] target=a2a00000-0000-4000-8000-000000000006 method=tasks/get');
	});

	test('writes a peer id that is not a UUID as given', () => {
		expect(formatA2AQueued('ws-abc')).toBe('[A2A_QUEUED] target=ws-abc method=message/send');
	});
});

describe('invalid peer id wording follows Python repr', () => {
	test.each([
		['', "''"],
		['ws-abc', "'ws-abc'"],
		["it's", `"it's"`],
		[`both ' and "`, `'both \\' and "'`],
		['tab\there', "'tab\\there'"],
		['\u0000\u007f\u00a0é', "'\\x00\\x7f\\xa0é'"],
		['\u2028', "'\\u2028'"],
		['\u{1F600}', "'\u{1F600}'"],
		[undefined, 'None'],
		[42, '42'],
		[true, 'True'],
		[['a'], 'list'],
	])('%j', (input, repr) => {
		expect(new InvalidPeerIdError(input).message).toBe(`invalid peer_id (expected UUID): ${repr}`);
	});
});
