import { describe, expect, test } from 'vitest';
import { AgentError, ConfigError, HttpError, InvalidMessageError, InvalidPeerIdError, TransportError } from '../../src/errors/index.js';
import { a2aErrorHint, errorDetail, hintForError, hintForFailure, platformHints } from '../../src/hints.js';

const hints = {
	wedged:
		"The remote agent's Claude Code SDK is wedged on initialization (often after a long idle period or OAuth refresh). A workspace restart usually clears it.",
	timeout:
		"The remote agent didn't respond within the proxy timeout. It may be busy with a long task, or the runtime is stuck — restart the workspace if this repeats.",
	dropped:
		'The connection to the remote agent dropped before a reply arrived. Usually a transient network blip — retry once. If it repeats, the remote container may have crashed mid-request; check its logs.',
	exception:
		"The remote agent's runtime threw an exception. Check the workspace's container logs for the traceback. Restart usually clears transient runtime crashes.",
	unreachable:
		"The remote workspace can't be reached — it may be stopped, removed, or outside the access control list. Verify the peer is online before retrying.",
	empty:
		'The remote agent returned no error detail (the underlying httpx exception had an empty message — typically a connection-reset or silent timeout). A workspace restart is the safe first move.',
	fallback: 'The remote agent reported a delivery failure. Check the workspace logs or try restarting.',
};

describe('canvas error hints (spec §8.1)', () => {
	test.each([
		['Control request timeout: initialize', hints.wedged],
		['ReadTimeout: timed out after 300000 ms [target=http://p/workspaces/x/a2a]', hints.timeout],
		['ConnectTimeout: connect timed out', hints.timeout],
		['rpc error: deadline exceeded', hints.timeout],
		['upstream timeout', hints.timeout],
		['ConnectionReset by peer', hints.dropped],
		['RemoteProtocolError: Server disconnected without sending a response.', hints.dropped],
		['read: connection reset by peer', hints.dropped],
		['RemoteProtocolError (no message — likely connection reset or silent timeout)', hints.timeout],
		['ReadError (no message — likely connection reset or silent timeout)', hints.timeout],
		['Agent error: RuntimeError: tool call failed', hints.exception],
		['Unhandled exception in tool', hints.exception],
		['HTTP 404: workspace not found [target=http://p/workspaces/x/a2a]', hints.unreachable],
		['peer is not accessible', hints.unreachable],
		['workspace is offline', hints.unreachable],
		['HTTP 403: access denied: workspaces cannot communicate per hierarchy rules', hints.fallback],
		['Internal error: model quota exhausted (code=-32603)', hints.fallback],
	])('%s', (detail, hint) => {
		expect(a2aErrorHint(detail)).toBe(hint);
	});

	test('an empty detail gets the no-detail hint', () => {
		expect(a2aErrorHint('')).toBe(hints.empty);
	});

	test('the first matching rule wins: a timeout inside an agent error is a timeout', () => {
		expect(a2aErrorHint('Agent error: ReadTimeout while calling the model')).toBe(hints.timeout);
	});

	test('matching ignores case', () => {
		expect(a2aErrorHint('READTIMEOUT')).toBe(hints.timeout);
		expect(a2aErrorHint('AGENT ERROR: boom')).toBe(hints.exception);
	});

	test('"no message" alone means a dropped connection', () => {
		expect(a2aErrorHint('ReadError (no message)')).toBe(hints.dropped);
	});
});

describe('the detail the canvas matches on', () => {
	test('is the text after the [A2A_ERROR] sentinel, trimmed', () => {
		expect(errorDetail('[A2A_ERROR] Agent error: boom')).toBe('Agent error: boom');
		expect(errorDetail('[A2A_ERROR]Agent error: boom  ')).toBe('Agent error: boom');
	});

	test('is the whole text when there is no sentinel', () => {
		expect(errorDetail('  workspace offline ')).toBe('workspace offline');
	});

	test('of a bare sentinel is empty, which gets the no-detail hint', () => {
		expect(hintForError('[A2A_ERROR] ')).toBe(hints.empty);
	});

	test('gives the hint of the whole error string', () => {
		expect(hintForError('[A2A_ERROR] Agent error: RuntimeError: tool call failed')).toBe(hints.exception);
	});
});

describe('hints matched to the cause of a failure of this client', () => {
	const target = 'http://platform.test/workspaces/a2a00000-0000-4000-8000-00000000000a/a2a';

	test('HTTP 401 points at the token', () => {
		expect(hintForFailure(new HttpError(401, { platformError: 'invalid caller auth token', target }))).toBe(platformHints.token);
	});

	test('HTTP 403 from the hierarchy rule points at the access rule', () => {
		const error = new HttpError(403, { platformError: 'access denied: workspaces cannot communicate per hierarchy rules', target });
		expect(hintForFailure(error)).toBe(platformHints.access);
	});

	test('another HTTP 403 points at the credential, not at a delivery failure', () => {
		expect(hintForFailure(new HttpError(403, { platformError: "org token not authorized for this workspace's org", target }))).toBe(platformHints.forbidden);
	});

	test('HTTP 400, 413 and 422 say the platform would not take the request', () => {
		for (const status of [400, 413, 422]) expect(hintForFailure(new HttpError(status, { platformError: 'workspace has no callback URL', target }))).toBe(platformHints.refused);
	});

	test('a request refused before sending points at the field to fix', () => {
		expect(hintForFailure(new ConfigError('retry.maxAttempts', 'must be an integer'))).toBe(platformHints.request);
		expect(hintForFailure(new InvalidPeerIdError('nope'))).toBe(platformHints.request);
		expect(hintForFailure(new InvalidMessageError('parts', 'must hold at least one part'))).toBe(platformHints.request);
	});

	test('a connection that could not be made points at the platform URL', () => {
		expect(hintForFailure(new TransportError('ConnectError', 'connect ECONNREFUSED 127.0.0.1:8080', { target }))).toBe(platformHints.platformUrl);
		expect(hintForFailure(new TransportError('ConnectError', 'getaddrinfo ENOTFOUND platfrom.test', { target }))).toBe(platformHints.platformUrl);
		expect(hintForFailure(new TransportError('ConnectTimeout', 'connect timed out', { target }))).toBe(platformHints.platformUrl);
	});

	test.each([
		['a read timeout', new TransportError('ReadTimeout', 'timed out after 300000 ms', { target }), hints.timeout],
		['a dropped connection', new TransportError('RemoteProtocolError', 'other side closed', { target }), hints.dropped],
		["the agent's runtime error", new AgentError('Agent error: RuntimeError: tool call failed'), hints.exception],
		['HTTP 404 for the peer', new HttpError(404, { platformError: 'workspace not found', target }), hints.unreachable],
		['a foreign value', 'boom', hints.fallback],
	])('anything else gets the canvas hint of its [A2A_ERROR] string: %s', (_name, error, hint) => {
		expect(hintForFailure(error)).toBe(hint);
	});
});
