import { describe, expect, test } from 'vitest';
import { PLATFORM_URL } from '../helpers/ids.js';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';
import { LEAD, testCanvas, WORKER } from './helpers.js';

let n = 0;
/** An activity row of LEAD's feed. */
const row = (fields: Record<string, unknown>) => ({ id: `row-${++n}`, workspace_id: LEAD, source_id: LEAD, target_id: WORKER, status: 'ok', created_at: `2026-11-30T06:00:${String(n).padStart(2, '0')}Z`, ...fields });
const message = (text: string) => ({ params: { message: { role: 'user', parts: [{ kind: 'text', text }] } } });

async function comms(rows: unknown[]) {
	const fake = scriptedFetch(json(rows));
	const { canvas, logs } = testCanvas(fake.fetch);
	return { entries: await canvas.agentComms(LEAD), fake, logs };
}

describe('agentComms (spec §8.3)', () => {
	test('reads the agent activity feed, 50 rows by default', async () => {
		const { fake } = await comms([]);
		const url = new URL(fake.calls[0]?.url ?? '');
		expect(`${url.origin}${url.pathname}`).toBe(`${PLATFORM_URL}/workspaces/${LEAD}/activity`);
		expect(Object.fromEntries(url.searchParams)).toEqual({ source: 'agent', limit: '50' });
	});

	test('a2a_send is out, to its target, with the message text', async () => {
		const { entries } = await comms([row({ activity_type: 'a2a_send', request_body: message('status?') })]);
		expect(entries).toEqual([expect.objectContaining({ kind: 'message', direction: 'out', peerId: WORKER, text: 'status?', status: 'ok', isError: false })]);
	});

	test('a2a_receive from a peer is in, from its source', async () => {
		const { entries } = await comms([row({ activity_type: 'a2a_receive', source_id: WORKER, target_id: LEAD, request_body: message('done') })]);
		expect(entries[0]).toMatchObject({ direction: 'in', peerId: WORKER, text: 'done' });
	});

	test('a2a_receive the workspace logged itself is out, to its target', async () => {
		const { entries } = await comms([row({ activity_type: 'a2a_receive', source_id: LEAD, target_id: WORKER, response_body: { result: 'the reply' } })]);
		expect(entries[0]).toMatchObject({ direction: 'out', peerId: WORKER, text: 'the reply' });
	});

	test('delegate is out with its task; delegate_result is in with its preview', async () => {
		const { entries } = await comms([
			row({ activity_type: 'delegation', method: 'delegate_result', status: 'completed', response_body: { response_preview: 'summary ready' } }),
			row({ activity_type: 'delegation', method: 'delegate', status: 'dispatched', request_body: { task: 'summarise incidents' } }),
		]);
		expect(entries.map(({ kind, direction, text, status }) => ({ kind, direction, text, status }))).toEqual([
			{ kind: 'delegation', direction: 'out', text: 'summarise incidents', status: 'dispatched' },
			{ kind: 'delegation', direction: 'in', text: 'summary ready', status: 'completed' },
		]);
	});

	test('a queued delegation result reads as the canvas queued line', async () => {
		const { entries } = await comms([row({ activity_type: 'delegation', method: 'delegate_result', status: 'queued' })]);
		expect(entries[0]?.text).toBe(`Queued — ${WORKER} is busy on a prior task, reply will arrive when they're free`);
	});

	test('a failed exchange is an error whose text is the detail without [A2A_ERROR]', async () => {
		const { entries } = await comms([row({ activity_type: 'a2a_send', status: 'error', error_detail: '[A2A_ERROR] ReadTimeout: timed out', request_body: message('hi') })]);
		expect(entries[0]).toMatchObject({ isError: true, text: 'ReadTimeout: timed out' });
	});

	test('entries come oldest first, the feed being newest first', async () => {
		const { entries } = await comms([row({ id: 'new', activity_type: 'a2a_send', request_body: message('2') }), row({ id: 'old', activity_type: 'a2a_send', request_body: message('1') })]);
		expect(entries.map((entry) => entry.id)).toEqual(['old', 'new']);
	});

	test('rows of other types are left out silently; malformed traffic rows are skipped with a logged reason', async () => {
		const { entries, logs } = await comms([
			row({ activity_type: 'agent_log', summary: 'noise' }),
			{ activity_type: 'a2a_send', id: 7 },
			row({ activity_type: 'delegation', method: 'delegate_cancel' }),
			row({ id: 'kept', activity_type: 'a2a_send', request_body: message('ok') }),
		]);
		expect(entries.map((entry) => entry.id)).toEqual(['kept']);
		expect(logs).toEqual([expect.stringMatching(/^warn agentComms: skipped row 2: delegation method "delegate_cancel"/), expect.stringMatching(/^warn agentComms: skipped row 1: .*id/)]);
	});
});
