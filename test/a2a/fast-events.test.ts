// The fast reader of the commonest v1.0 stream events (src/a2a/schemas/v1-fast.ts) reads them into
// exactly what StreamEventV1Schema makes of them, and leaves everything else to that schema.
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { fastStreamEventV1 } from '../../src/a2a/schemas/v1-fast.js';
import { StreamEventV1Schema } from '../../src/a2a/schemas/v1.js';

const ids = { taskId: 't-1', contextId: 'c-1' };
const chunk = (artifact: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ artifactUpdate: { ...ids, artifact, ...extra } });

describe('the fast reader of v1.0 stream events', () => {
	test.each([
		['a status update', { statusUpdate: { ...ids, status: { state: 'TASK_STATE_WORKING', timestamp: '2026-11-30T07:00:00Z' } } }],
		['a status update without time or context', { statusUpdate: { taskId: 't-1', status: { state: 'TASK_STATE_COMPLETED' } } }],
		['an unspecified state', { statusUpdate: { ...ids, status: { state: 'TASK_STATE_UNSPECIFIED' } } }],
		['a text chunk', chunk({ artifactId: 'a', parts: [{ text: 'one' }] }, { append: true, lastChunk: false })],
		['a chunk without append or lastChunk', chunk({ artifactId: 'a', parts: [{ text: 'one', mediaType: 'text/plain' }, { text: '' }] })],
		['a named artifact', chunk({ artifactId: 'a', name: 'answer', parts: [{ text: 'x' }] })],
		['an empty name (proto-JSON default)', chunk({ artifactId: 'a', name: '', parts: [] })],
	])('reads %s exactly as the schema does', (_name, event) => {
		const fast = fastStreamEventV1(event);
		expect(fast).toBeDefined();
		expect(fast).toStrictEqual(v.parse(StreamEventV1Schema, event));
		expect(Object.keys(fast ?? {})).toEqual(Object.keys(v.parse(StreamEventV1Schema, event)));
	});

	test.each([
		['a task', { task: { id: 't-1', contextId: 'c-1', status: { state: 'TASK_STATE_WORKING' } } }],
		['a message', { message: { messageId: 'm', role: 'ROLE_AGENT', parts: [{ text: 'hi' }] } }],
		['a status with a message', { statusUpdate: { ...ids, status: { state: 'TASK_STATE_INPUT_REQUIRED', message: { messageId: 'm', role: 'ROLE_AGENT', parts: [{ text: '?' }] } } } }],
		['a null member', { statusUpdate: { ...ids, status: { state: 'TASK_STATE_WORKING', timestamp: null } } }],
		['metadata', { statusUpdate: { ...ids, status: { state: 'TASK_STATE_WORKING' }, metadata: { a: 1 } } }],
		['an unknown member', chunk({ artifactId: 'a', parts: [{ text: 'x' }] }, { extra: true })],
		['a file part', chunk({ artifactId: 'a', parts: [{ url: 'https://example.com/f' }] })],
		['a data part', chunk({ artifactId: 'a', parts: [{ data: { n: 1 } }] })],
	])('leaves %s to the schema', (_name, event) => {
		expect(fastStreamEventV1(event)).toBeUndefined();
		expect(v.safeParse(StreamEventV1Schema, event).success).toBe(true);
	});

	test.each([
		['an unknown state', { statusUpdate: { ...ids, status: { state: 'TASK_STATE_DREAMING' } } }],
		["a state named after Object's members", { statusUpdate: { ...ids, status: { state: 'constructor' } } }],
		['a taskId that is a number', { statusUpdate: { taskId: 1, status: { state: 'TASK_STATE_WORKING' } } }],
		['append as a string', chunk({ artifactId: 'a', parts: [{ text: 'x' }] }, { append: 'yes' })],
		['parts that are not a list', chunk({ artifactId: 'a', parts: { text: 'x' } })],
		['text that is not a string', chunk({ artifactId: 'a', parts: [{ text: 5 }] })],
		['no artifactId', chunk({ parts: [{ text: 'x' }] })],
		['not an object', 'working'],
		['a part of text and url', chunk({ artifactId: 'a', parts: [{ text: 'x', url: 'https://example.com/f' }] })],
		['both kinds of update', { ...chunk({ artifactId: 'a', parts: [] }), statusUpdate: { ...ids, status: { state: 'TASK_STATE_WORKING' } } }],
	])('declines %s, which the schema refuses', (_name, event) => {
		expect(fastStreamEventV1(event)).toBeUndefined();
		expect(v.safeParse(StreamEventV1Schema, event).success).toBe(false);
	});
});
