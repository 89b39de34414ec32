// Issue 9, item 7: a message that cannot be sent as it stands is an InvalidMessageError naming the field, before any request.
import { describe, expect, test } from 'vitest';
import { isInvalidMessageError, type MessageInput } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { PEER_ID } from '../helpers/ids.js';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';

async function send(message: unknown) {
	const fetch = scriptedFetch(json({ result: 'ok' }));
	const { client, clock } = testClient(fetch.fetch);
	const outcome = await drive(client.sendMessage(PEER_ID, message as MessageInput), clock);
	return { outcome, calls: fetch.calls, clock };
}

/** The field and message of the InvalidMessageError `message` gets; fails if it is sent, or fails otherwise. */
async function refusal(message: unknown): Promise<{ field: string; message: string }> {
	const { outcome, calls, clock } = await send(message);
	expect(calls).toHaveLength(0);
	expect(clock.pendingTimers).toBe(0);
	if (outcome.status !== 'failed' || !isInvalidMessageError(outcome.error)) throw new Error(`expected an InvalidMessageError, got ${JSON.stringify(outcome)}`);
	expect(outcome.attempts).toBe(0);
	return { field: outcome.error.field, message: outcome.error.message };
}

describe('a value JSON cannot carry', () => {
	test('a BigInt in a data part is an InvalidMessageError naming the data', async () => {
		expect(await refusal({ parts: [{ kind: 'data', data: { rows: [1n] } }] })).toEqual({
			field: 'parts.0.data',
			message: expect.stringMatching(/^invalid message at parts\.0\.data: cannot be written as JSON: .*BigInt/) as unknown,
		});
	});

	test('a cycle in a data part is an InvalidMessageError naming the data, on one line', async () => {
		const data: Record<string, unknown> = { name: 'loop' };
		data['self'] = data;
		const { field, message } = await refusal({ parts: [{ kind: 'text', text: 'see data' }, { kind: 'data', data }] });
		expect(field).toBe('parts.1.data');
		expect(message).toMatch(/^invalid message at parts\.1\.data: cannot be written as JSON: .*circular/i);
		expect(message).not.toContain('\n');
	});

	test('a BigInt in a part metadata is an InvalidMessageError naming the part', async () => {
		expect((await refusal({ parts: [{ kind: 'text', text: 'hi', metadata: { size: 5n } }] })).field).toBe('parts.0');
	});

	test('a cycle in the message metadata is an InvalidMessageError naming metadata', async () => {
		const metadata: Record<string, unknown> = {};
		metadata['self'] = metadata;
		expect((await refusal({ parts: [{ kind: 'text', text: 'hi' }], metadata })).field).toBe('metadata');
	});

	test.each([
		['a symbol', Symbol('s'), 'parts.0.data', 'a symbol'],
		['a function', () => 1, 'parts.0.data', 'a function'],
		['a Map', new Map([[1, 2]]), 'parts.0.data', 'a Map'],
		['NaN', NaN, 'parts.0.data', 'NaN'],
		['Infinity inside an array', [1, Infinity], 'parts.0.data.1', 'Infinity'],
		['a Set inside an object', { tags: new Set(['a']) }, 'parts.0.data.tags', 'a Set'],
	])('a data part holding %s is an InvalidMessageError naming where, not sent changed', async (_, data, field, got) => {
		expect(await refusal({ parts: [{ kind: 'data', data }] })).toEqual({ field, message: `invalid message at ${field}: must be a JSON value, got ${got}` });
	});

	test('a message metadata holding a function is an InvalidMessageError naming metadata', async () => {
		expect((await refusal({ parts: [{ kind: 'text', text: 'hi' }], metadata: { run: () => 1 } })).field).toBe('metadata.run');
	});

	test('what JSON writes as it is (an undefined object member, a Date, a null-prototype object) is sent', async () => {
		const { outcome, calls } = await send({ parts: [{ kind: 'data', data: { gone: undefined, at: new Date(0), bare: Object.assign(Object.create(null), { a: 1 }) } }] });
		expect(outcome.status).toBe('replied');
		expect(JSON.stringify(calls[0]?.json)).toContain('"data":{"at":"1970-01-01T00:00:00.000Z","bare":{"a":1}}');
	});

	test('an object shared by two parts (no cycle) is sent', async () => {
		const shared = { id: 7 };
		const { outcome } = await send({ parts: [{ kind: 'data', data: shared }, { kind: 'data', data: { again: shared } }] });
		expect(outcome.status).toBe('replied');
	});
});

describe('a part with nothing in it', () => {
	test('a file part with neither uri nor bytes is an InvalidMessageError naming the file', async () => {
		expect(await refusal({ parts: [{ kind: 'file', file: { name: 'report.pdf', mimeType: 'application/pdf' } }] })).toEqual({
			field: 'parts.0.file',
			message: 'invalid message at parts.0.file: must have a uri or bytes',
		});
	});

	test('a data part whose data is undefined is an InvalidMessageError naming the data', async () => {
		expect((await refusal({ parts: [{ kind: 'data', data: undefined }] })).field).toBe('parts.0.data');
	});

	test('file parts with a uri or with bytes are sent', async () => {
		const { outcome, calls } = await send({ parts: [{ kind: 'file', file: { uri: 'workspace:/a.csv' } }, { kind: 'file', file: { bytes: 'aGk=' } }] });
		expect(outcome.status).toBe('replied');
		expect(calls).toHaveLength(1);
	});
});

describe('an empty message (one rule for the API and the CLI: refused)', () => {
	test.each(['', '   ', '\n\t'])('the text %j is an InvalidMessageError, without a request', async (text) => {
		expect(await refusal(text)).toEqual({ field: 'message', message: 'invalid message: is empty (or only whitespace): there is nothing to send' });
	});

	test('parts that are all empty or whitespace text are an InvalidMessageError naming parts', async () => {
		expect(await refusal({ parts: [{ kind: 'text', text: '' }, { kind: 'text', text: ' ' }] })).toEqual({
			field: 'parts',
			message: 'invalid message at parts: must carry content: every part is empty or whitespace text',
		});
	});

	test('an empty text part beside a data part is sent', async () => {
		const { outcome } = await send({ parts: [{ kind: 'text', text: '' }, { kind: 'data', data: { rows: 3 } }] });
		expect(outcome.status).toBe('replied');
	});

	test('sendText of an empty string answers the [A2A_ERROR] string without a request', async () => {
		const fetch = scriptedFetch(json({ result: 'ok' }));
		const { client } = testClient(fetch.fetch);
		expect(await client.sendText(PEER_ID, '')).toBe('[A2A_ERROR] InvalidMessageError: invalid message: is empty (or only whitespace): there is nothing to send');
		expect(fetch.calls).toHaveLength(0);
	});
});

describe('InvalidMessageError names the message itself as message', () => {
	test.each([[undefined], [null], [42], ['']])('sendMessage(peer, %j) gives field "message"', async (message) => {
		expect((await refusal(message)).field).toBe('message');
	});
});
