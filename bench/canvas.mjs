// 9. Canvas: what the canvas's list views cost to read. `chatHistory` and `agentComms` each read a
// page of 10,000 rows, end to end through the client (transport, JSON.parse, a schema per row, the
// rules of spec §8.3), from a stub fetch that answers pre-serialised JSON. Target: well under 100 ms.
import { createCanvasClient } from '@molecule-ai/a2a-client/canvas';
import { ms, spread, table } from './lib/format.mjs';
import { log, runIfMain } from './lib/main.mjs';
import { summarise } from './lib/stats.mjs';

const WORKSPACE = '50000000-0000-4000-8000-000000000001';
const PEER = '50000000-0000-4000-8000-000000000002';
const at = (index) => new Date(Date.UTC(2026, 10, 30) - index * 1000).toISOString();

/** Chat-history rows as the platform writes them: turns of a person and an agent, some with a file, some failed. */
function historyRows(count) {
	return Array.from({ length: count }, (_, index) => ({
		id: `row-${index >> 1}:${index % 2 ? 'agent' : 'user'}`,
		role: index % 2 ? 'agent' : 'user',
		content: index % 97 === 1 ? 'Agent error: ReadTimeout' : `message ${index}: ${'lorem ipsum dolor sit amet '.repeat(4)}`,
		timestamp: at(index),
		...(index % 10 === 0 ? { attachments: [{ name: `file-${index}.csv`, uri: `workspace:/uploads/file-${index}.csv`, mimeType: 'text/csv', size: 1234 }] } : {}),
	}));
}

/** Activity rows of every kind the Agent Comms panel reads, plus rows it leaves out. */
function activityRows(count) {
	const message = (text) => ({ jsonrpc: '2.0', method: 'message/send', params: { message: { role: 'user', messageId: 'm', parts: [{ kind: 'text', text }] } } });
	return Array.from({ length: count }, (_, index) => {
		const base = { id: `act-${index}`, workspace_id: WORKSPACE, created_at: at(index), status: 'ok', summary: `row ${index}`, duration_ms: 12, error_detail: null };
		switch (index % 6) {
			case 0:
				return { ...base, activity_type: 'a2a_send', source_id: WORKSPACE, target_id: PEER, method: 'message/send', request_body: message(`ask ${index}`) };
			case 1:
				return { ...base, activity_type: 'a2a_receive', source_id: PEER, target_id: WORKSPACE, method: 'message/send', request_body: message(`tell ${index}`), response_body: { jsonrpc: '2.0', result: { parts: [{ kind: 'text', text: 'ok' }] } } };
			case 2:
				return { ...base, activity_type: 'delegation', source_id: WORKSPACE, target_id: PEER, method: 'delegate', request_body: { task: `task ${index}`, delegation_id: `d-${index}` } };
			case 3:
				return { ...base, activity_type: 'delegation', source_id: WORKSPACE, target_id: PEER, method: 'delegate_result', status: index % 4 ? 'completed' : 'queued', response_body: { response_preview: `result ${index}` } };
			case 4:
				return { ...base, activity_type: 'a2a_send', source_id: WORKSPACE, target_id: PEER, method: 'message/send', status: 'error', error_detail: '[A2A_ERROR] ReadTimeout: timed out' };
			default:
				return { ...base, activity_type: 'agent_log', source_id: WORKSPACE, target_id: null, method: null };
		}
	});
}

/** A fetch answering `text` as JSON, the way a platform's response arrives. */
const answering = (text) => async () => new Response(text, { headers: { 'content-type': 'application/json' } });

async function timed(call, rounds) {
	const times = [];
	let result;
	for (let round = 0; round < rounds; round++) {
		const started = performance.now();
		result = await call();
		times.push(performance.now() - started);
	}
	return { summary: summarise(times), result };
}

export async function run({ smoke }) {
	const count = 10_000;
	const rounds = smoke ? 2 : 30;
	const historyText = JSON.stringify({ messages: historyRows(count), reached_end: false });
	const activityText = JSON.stringify(activityRows(count));
	const history = createCanvasClient({ platformUrl: 'http://platform.bench', auth: { token: 'bench-token-0123456789abcdef' }, fetch: answering(historyText) });
	const comms = createCanvasClient({ platformUrl: 'http://platform.bench', auth: { token: 'bench-token-0123456789abcdef' }, fetch: answering(activityText) });
	// Warm-up: the JIT settles before the timed rounds.
	for (let warm = 0; warm < (smoke ? 1 : 5); warm++) {
		await history.chatHistory(WORKSPACE, { limit: 1000 });
		await comms.agentComms(WORKSPACE, { limit: 500 });
	}
	const chat = await timed(() => history.chatHistory(WORKSPACE, { limit: 1000 }), rounds);
	const traffic = await timed(() => comms.agentComms(WORKSPACE, { limit: 500 }), rounds);
	// The floor any reader pays: the same pages through JSON.parse alone.
	const chatJson = await timed(async () => JSON.parse(historyText), rounds);
	const trafficJson = await timed(async () => JSON.parse(activityText), rounds);
	if (chat.result.messages.length !== count) throw new Error(`chatHistory read ${chat.result.messages.length} of ${count} messages`);
	const expected = count - Math.ceil(count / 6);
	if (Math.abs(traffic.result.length - expected) > 2) throw new Error(`agentComms read ${traffic.result.length} lines, expected about ${expected}`);
	log(`canvas: chatHistory ${chat.summary.median.toFixed(1)} ms, agentComms ${traffic.summary.median.toFixed(1)} ms for ${count} rows`);
	const sizes = `${(historyText.length / 2 ** 20).toFixed(1)} MiB and ${(activityText.length / 2 ** 20).toFixed(1)} MiB of JSON`;
	const rows = [
		[`\`chatHistory\`: ${count.toLocaleString('en-US')} messages (a file on every 10th)`, spread(chat.summary, ms)],
		[`\`agentComms\`: ${count.toLocaleString('en-US')} activity rows (${traffic.result.length.toLocaleString('en-US')} traffic lines)`, spread(traffic.summary, ms)],
		['`JSON.parse` of the chat-history page alone (reference)', spread(chatJson.summary, ms)],
		['`JSON.parse` of the activity page alone (reference)', spread(trafficJson.summary, ms)],
	];
	const markdown = [
		`In-process, with no HTTP: a canvas client whose \`fetch\` answers a pre-serialised page (${sizes}), so each figure is the client's whole read: the transport, \`JSON.parse\`, a valibot schema per row, and the canvas's rules (spec §8.2–8.3). Median (min–max) of ${rounds} calls after a warm-up.`,
		'',
		table(['figure', 'result'], rows),
	].join('\n');
	return {
		title: '9. Canvas',
		markdown,
		targets: [
			{ id: 'canvas-history', name: `canvas: \`chatHistory\` reads ${count.toLocaleString('en-US')} rows in well under 100 ms`, value: chat.summary.median, limit: 100, better: 'lower', shown: spread(chat.summary, ms) },
			{ id: 'canvas-comms', name: `canvas: \`agentComms\` reads ${count.toLocaleString('en-US')} rows in well under 100 ms`, value: traffic.summary.median, limit: 100, better: 'lower', shown: spread(traffic.summary, ms) },
		],
		extra: [
			{ name: 'canvas: `JSON.parse` alone of the same two pages (reference)', shown: `${spread(chatJson.summary, ms)}; ${spread(trafficJson.summary, ms)}` },
		],
		data: { chat: chat.summary, traffic: traffic.summary, chatJson: chatJson.summary, trafficJson: trafficJson.summary, count },
	};
}

await runIfMain(import.meta, run);
