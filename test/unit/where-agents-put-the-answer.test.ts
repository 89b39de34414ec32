// Agents put their answer in different places: artifacts, the status message, only the Task's history, or data parts.
import { describe, expect, test } from 'vitest';
import { extractReply } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { FIRST_REQUEST_ID, PEER_ID } from '../helpers/ids.js';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';

const reply = (result: unknown) => json({ jsonrpc: '2.0', id: FIRST_REQUEST_ID, result });

async function send(result: unknown) {
	const { client, clock } = testClient(scriptedFetch(reply(result)).fetch);
	return drive(client.sendMessage(PEER_ID, 'hello'), clock);
}

async function sendText(result: unknown): Promise<string> {
	const { client, clock } = testClient(scriptedFetch(reply(result)).fetch);
	return drive(client.sendText(PEER_ID, 'hello'), clock);
}

const text = (value: string) => ({ kind: 'text', text: value });

describe('a Task whose answer is only in its history', () => {
	test('a completed Task with its agent text only in history gives the last agent message', async () => {
		expect(await sendText({ status: { state: 'completed' }, history: [{ role: 'agent', parts: [{ kind: 'text', text: 'Found 2 products' }] }] })).toBe('Found 2 products');
	});

	test('it is the last agent message, not a later user message or an earlier agent message', () => {
		const history = [
			{ role: 'user', parts: [text('find products')] },
			{ role: 'agent', parts: [text('Searching…')] },
			{ role: 'agent', parts: [text('Found 2 products')] },
			{ role: 'user', parts: [text('thanks')] },
		];
		expect(extractReply({ kind: 'task', status: { state: 'completed' }, history })).toMatchObject({ text: 'Found 2 products', parts: [text('Found 2 products')] });
	});

	test('a v1.0 Task wrapper names the role ROLE_AGENT', () => {
		const task = { status: { state: 'TASK_STATE_COMPLETED' }, history: [{ role: 'ROLE_USER', parts: [{ text: 'q' }] }, { role: 'ROLE_AGENT', parts: [{ text: 'a' }] }] };
		expect(extractReply({ task })).toMatchObject({ text: 'a', taskState: 'completed' });
	});

	test('the artifacts keep their files and the history adds the text', () => {
		const file = { kind: 'file', file: { uri: 'workspace:/out/products.csv', name: 'products.csv' } };
		const reply = extractReply({ status: { state: 'completed' }, artifacts: [{ parts: [file] }], history: [{ role: 'agent', parts: [text('Found 2 products')] }] });
		expect(reply).toMatchObject({ text: 'Found 2 products', parts: [file, text('Found 2 products')], files: [file.file] });
	});

	test('empty text parts do not put blank lines before the history\'s text', () => {
		const reply = extractReply({ status: { state: 'completed', message: { parts: [text('')] } }, history: [{ role: 'agent', parts: [text('Found 2 products')] }] });
		expect(reply.text).toBe('Found 2 products');
	});

	test('a failed Task whose reason is only in history names the reason', async () => {
		const outcome = await send({ status: { state: 'failed' }, history: [{ role: 'agent', parts: [text('quota exhausted')] }] });
		expect(outcome).toMatchObject({ status: 'failed', error: { name: 'AgentError', message: 'Agent error: task failed: quota exhausted' } });
	});

	test('history is not read when the artifacts or the status message hold text', () => {
		const history = [{ role: 'agent', parts: [text('working on it')] }];
		expect(extractReply({ artifacts: [{ parts: [text('report')] }], history }).text).toBe('report');
		expect(extractReply({ status: { state: 'input-required', message: { parts: [text('which region?')] } }, history }).text).toBe('which region?');
	});

	test('a last agent message without text adds nothing: it is often the status message again', () => {
		const message = { role: 'agent', parts: [{ kind: 'data', data: { rows: 2 } }] };
		expect(extractReply({ status: { state: 'completed', message }, history: [message] }).parts).toEqual([{ kind: 'data', data: { rows: 2 } }]);
	});
});

describe('a reply holding only data parts', () => {
	test('sendText of a reply that holds only data parts gives the data as compact JSON', async () => {
		expect(await sendText({ kind: 'message', parts: [{ kind: 'data', data: { products: [{ id: 1, name: 'Lamp' }], total: 2 } }] })).toBe(
			'{"products":[{"id":1,"name":"Lamp"}],"total":2}',
		);
	});

	test('several data parts give one JSON line each, from artifacts too', async () => {
		const task = { status: { state: 'completed' }, artifacts: [{ parts: [{ kind: 'data', data: { a: 1 } }] }, { parts: [{ kind: 'data', data: [1, 'two'] }] }] };
		expect(await sendText(task)).toBe('{"a":1}\n[1,"two"]');
	});

	test('a data part whose data is a string is still JSON', async () => {
		expect(await sendText({ parts: [{ kind: 'data', data: 'x' }] })).toBe('"x"');
	});

	test('beside text, data parts are not added: sendText gives the text', async () => {
		expect(await sendText({ parts: [text('2 rows'), { kind: 'data', data: { rows: 2 } }] })).toBe('2 rows');
	});

	test('sendMessage keeps reporting the text parts only in text, and the data in parts', async () => {
		const outcome = await send({ parts: [{ kind: 'data', data: { rows: 2 } }] });
		expect(outcome).toMatchObject({ status: 'replied', text: '', parts: [{ kind: 'data', data: { rows: 2 } }] });
	});
});
