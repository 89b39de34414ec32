// Run by event-loop.test.ts: sends that fail, retry and abort on the REAL clock with tiny delays, then one that
// succeeds. Prints one JSON line and returns; the process must then exit by itself (nothing keeps the loop alive).
import { createServer } from 'node:http';
import { createA2AClient, formatA2AError } from '@molecule-ai/a2a-client';

const workspaceId = '22222222-2222-2222-2222-222222222222';
const peer = '11111111-1111-1111-1111-111111111111';
const retry = { baseDelayMs: 5, maxDelayMs: 20 };

/** Listens on a free loopback port; `close()` also drops open connections. */
async function listen(handler) {
	const server = createServer(handler);
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(resolve);
			}),
	};
}

const vacated = await listen(() => {});
await vacated.close();

const started = performance.now();
const refused = createA2AClient({ workspaceId, platformUrl: vacated.url, token: 'tok-exit-check-0001', retry });
const failed = await refused.sendMessage(peer, 'x');
const text = await refused.sendText(peer, 'x');

const controller = new AbortController();
const aborted = await refused
	.sendMessage(peer, 'x', { signal: controller.signal, onRetry: () => setTimeout(() => controller.abort(new Error('stopped in backoff')), 1) })
	.then(
		(outcome) => outcome.status,
		(error) => error.message,
	);

const pong = await listen((request, response) => {
	let body = '';
	request.setEncoding('utf8').on('data', (chunk) => (body += chunk));
	// An agent answers with the id of the request it answers.
	request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: JSON.parse(body).id, result: 'pong' })));
});
const replied = await createA2AClient({ workspaceId, platformUrl: pong.url, retry }).sendMessage(peer, 'ping');
await pong.close();

console.log(
	JSON.stringify({
		failed: { status: failed.status, attempts: failed.attempts, formatted: failed.status === 'failed' ? formatA2AError(failed.error) : null },
		text,
		aborted,
		replied: replied.status === 'replied' ? replied.text : replied.status,
		elapsedMs: Math.round(performance.now() - started),
	}),
);
