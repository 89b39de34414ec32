// Issue 10, "one home per concern": one redaction, built with the configuration, removes the token
// values seen so far from text, values and error causes; errors are built redacted.
import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { formatA2AError, isInvalidMessageError } from '../../src/index.js';
import { createRedaction } from '../../src/redaction.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { PEER_ID } from '../helpers/ids.js';
import { json, networkError, scriptedFetch } from '../helpers/scripted-fetch.js';

describe('createRedaction', () => {
	test('replaces every remembered value in a text, and nothing else', () => {
		const redaction = createRedaction();
		redaction.remember('tok-1');
		redaction.remember('tok-2');
		expect(redaction.text('a tok-1 b tok-2 c tok-1 tok-3')).toBe('a [redacted] b [redacted] c [redacted] tok-3');
	});

	test('forgets the value seen longest ago once it knows more than 16', () => {
		const redaction = createRedaction();
		redaction.remember('tok-0');
		for (let index = 1; index <= 16; index++) redaction.remember(`tok-${index}-`);
		expect(redaction.text('tok-0 tok-1- tok-16-')).toBe('tok-0 [redacted] [redacted]');
	});

	test('seeing a value again makes it the newest, so it is kept', () => {
		const redaction = createRedaction();
		redaction.remember('tok-0');
		for (let index = 1; index <= 15; index++) redaction.remember(`tok-${index}-`);
		redaction.remember('tok-0');
		redaction.remember('tok-16-');
		expect(redaction.text('tok-0 tok-1-')).toBe('[redacted] tok-1-');
	});

	test('redacts the strings of a JSON value, keys included, and leaves other values as they are', () => {
		const redaction = createRedaction();
		redaction.remember('tok');
		expect(redaction.value({ tok: ['x tok', 1, null, { nested: 'tok', ok: true }] })).toEqual({ '[redacted]': ['x [redacted]', 1, null, { nested: '[redacted]', ok: true }] });
	});

	test('copies a cause chain that quotes a value, and leaves the original untouched', () => {
		const redaction = createRedaction();
		redaction.remember('tok');
		const inner = Object.assign(new Error('inner tok'), { name: 'SocketError' });
		const outer = new TypeError('fetch failed', { cause: inner });
		const copy = redaction.cause(outer) as Error;
		expect(copy).not.toBe(outer);
		expect(copy).toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { name: 'SocketError', message: 'inner [redacted]' } });
		expect(inner.message).toBe('inner tok');
	});

	test('a short value is replaced wherever it appears, inside a word too: a secret never shows', () => {
		const redaction = createRedaction();
		redaction.remember('tok');
		expect(redaction.text('Bearer tok. x=atokb')).toBe('Bearer [redacted]. x=a[redacted]b');
	});

	test('a value of 16 characters or more is replaced even inside a longer run', () => {
		const redaction = createRedaction();
		redaction.remember('sekret-token-1234');
		expect(redaction.text('x=Asekret-token-1234B')).toBe('x=A[redacted]B');
	});

	test('a cause that is a plain object comes back as a copy with its strings redacted', () => {
		const redaction = createRedaction();
		redaction.remember('sekret-token-123');
		const cause = { detail: 'Bearer sekret-token-123', nested: ['sekret-token-123'] };
		expect(redaction.cause(new Error('x', { cause }))).toMatchObject({ message: 'x', cause: { detail: 'Bearer [redacted]', nested: ['[redacted]'] } });
		expect(cause.detail).toBe('Bearer sekret-token-123');
	});

	test('hands back the same cause when nothing in it needs removing', () => {
		const redaction = createRedaction();
		redaction.remember('tok');
		const cause = new Error('clean', { cause: new Error('also clean') });
		expect(redaction.cause(cause)).toBe(cause);
	});
});

describe('errors are built redacted', () => {
	test('an invalid message whose problem quotes the token names it as [redacted]', async () => {
		const secret = 'tok-in-kind-0001';
		const { client, clock } = testClient(scriptedFetch().fetch, { token: secret });
		const outcome = await drive(client.sendMessage(PEER_ID, { parts: [{ kind: secret } as never] }), clock);
		expect(outcome.status === 'failed' && isInvalidMessageError(outcome.error)).toBe(true);
		expect(formatA2AError(outcome.status === 'failed' && outcome.error)).toContain('received "[redacted]"');
	});

	test('a network failure that quotes the token becomes an error and a cause without it; the failure itself is left as it was', async () => {
		const secret = 'tok-in-cause-0001';
		const failure = networkError('ECONNREFUSED', `connect ECONNREFUSED ${secret}`);
		const { client, clock } = testClient(scriptedFetch(failure).fetch, { token: secret, retry: { maxAttempts: 1 } });
		const outcome = await drive(client.sendMessage(PEER_ID, 'hi'), clock);
		if (outcome.status !== 'failed') throw new Error(outcome.status);
		expect(outcome.error.message).toBe('connect ECONNREFUSED [redacted]');
		expect(((outcome.error.cause as Error).cause as Error).message).toBe('connect ECONNREFUSED [redacted]');
		expect((failure.cause as Error).message).toBe(`connect ECONNREFUSED ${secret}`);
	});

	test.each([
		['a plain object', { message: 'obj sekret-token-123' }, 'obj [redacted]'],
		['an Error whose cause is a plain object', new Error('x', { cause: { detail: 'Bearer sekret-token-123' } }), 'x'],
	])('a fetch that throws %s gives an error whose message and cause hold no token', async (_, thrown, message) => {
		const secret = 'sekret-token-123';
		const { client, clock } = testClient(scriptedFetch(() => Promise.reject(thrown)).fetch, { token: secret, retry: { maxAttempts: 1 } });
		const outcome = await drive(client.sendMessage(PEER_ID, 'hi'), clock);
		if (outcome.status !== 'failed') throw new Error(outcome.status);
		expect(outcome.error.message).toBe(message);
		expect(inspect(outcome.error, { depth: 10 })).not.toContain(secret);
	});

	test('a 401 with a short token keeps the hint sentence whole', async () => {
		const { client, clock } = testClient(scriptedFetch(json({ error: 'unauthorized' }, 401)).fetch, { token: 'in' });
		const { diagnostic } = await drive(client.listPeers(), clock);
		expect(diagnostic).toContain('may be invalid — restarting the workspace');
	});
});
