// The loopback agent of the stream benchmark (bench/a2a-stream.mjs), run as its own process so its
// CPU time is not charged to the reader being measured. Every answer is a `text/event-stream` of one
// task (id `t-1`): its Task, then events, then a `completed` status update, then the end.
//   POST /burst?n=N       N artifact chunks written as fast as the socket takes them (throughput)
//   POST /paced?n=N&gap=G N artifact chunks, one every G ms, each stamped `sentAt` (latency)
//   POST /cut             the Task, then the connection is destroyed; the time of the cut is kept
//   POST /subscribe/t-1   the Task again, then `completed` stamped with the time of the last cut,
//                         on a connection closed after it (the next request opens a new one)
// Events are the normalised shapes streamTaskEvents reads (`kind` tags, states as plain strings).
// Times are `performance.timeOrigin + performance.now()`: milliseconds on the machine's clock, with
// sub-millisecond resolution, comparable between the two processes.
// Prints its URL on stdout; exits when stdin closes, so it never outlives the benchmark.
import { createServer } from 'node:http';

const ids = { taskId: 't-1', contextId: 'c-1' };
const now = () => performance.timeOrigin + performance.now();
const frame = (event) => `data: ${JSON.stringify(event)}\n\n`;
const task = (state) => ({ kind: 'task', id: ids.taskId, contextId: ids.contextId, status: { state, timestamp: new Date().toISOString() }, artifacts: [] });
/** About 250 bytes of event, like a token chunk of an agent's answer. */
const chunk = (index, sentAt) => ({
	kind: 'artifact-update',
	...ids,
	artifact: { artifactId: 'answer', parts: [{ kind: 'text', text: `chunk ${index} of the answer, with enough words to look like a real token run: lorem ipsum dolor sit amet.` }] },
	append: index > 0,
	lastChunk: false,
	...(sentAt === undefined ? {} : { sentAt }),
});
const completed = (extra = {}) => ({ kind: 'status-update', ...ids, status: { state: 'completed', timestamp: new Date().toISOString() }, ...extra });

let lastCutAt = 0;

/** `close`: the connection ends with the answer, so the next request opens a new one (as after a cut). */
function start(response, connection = 'keep-alive') {
	response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection });
	response.flushHeaders();
}

/** Resolves once the response can take more, or is gone. */
const drained = (response) =>
	new Promise((resolve) => {
		const done = () => {
			response.off('drain', done).off('close', done);
			resolve();
		};
		response.on('drain', done).on('close', done);
	});

async function burst(response, n) {
	start(response);
	response.write(frame(task('working')));
	// 100 events per write: a server flushing as it produces, not one event per syscall.
	for (let index = 0; index < n && !response.destroyed; index += 100) {
		let text = '';
		for (let offset = index; offset < Math.min(n, index + 100); offset++) text += frame(chunk(offset));
		if (!response.write(text)) await drained(response);
	}
	response.end(frame(completed()));
}

async function paced(response, n, gap) {
	start(response);
	response.write(frame(task('working')));
	for (let index = 0; index < n && !response.destroyed; index++) {
		await new Promise((resolve) => setTimeout(resolve, gap));
		response.write(frame(chunk(index, now())));
	}
	response.end(frame(completed()));
}

const server = createServer((request, response) => {
	request.resume();
	const url = new URL(request.url, 'http://localhost');
	const n = Number(url.searchParams.get('n') ?? 0);
	if (url.pathname === '/burst') void burst(response, n);
	else if (url.pathname === '/paced') void paced(response, n, Number(url.searchParams.get('gap') ?? 1));
	else if (url.pathname === '/cut') {
		start(response);
		response.write(frame(task('working')), () => {
			lastCutAt = now();
			response.socket?.destroy();
		});
	} else if (url.pathname.startsWith('/subscribe/')) {
		// A subscription after a cut always opens a new connection: the one measured against it does too.
		start(response, 'close');
		response.write(frame(task('working')));
		response.end(frame(completed({ cutAt: lastCutAt })));
	} else response.writeHead(404).end();
});

server.listen(0, '127.0.0.1', () => {
	process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});

process.stdin.resume();
process.stdin.on('end', () => {
	server.closeAllConnections();
	server.close(() => process.exit(0));
});
