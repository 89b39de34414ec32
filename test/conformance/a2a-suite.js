// Runtime-neutral conformance of the ./a2a entry (issue 14). Plain ES module, like suite.js: every
// runtime (Node 22/24, Deno, Bun, workerd, Chromium) runs this very file against the BUILT package,
// as a client of @a2a-js/sdk 1.3's own server (test/a2a/peer.ts), which scripts/test-runtimes.mjs
// starts in Node on 127.0.0.1 and hands over as two base URLs: `peer` (push notifications on) and
// `noPush` (a card without them). Each mode is spoken once: v1.0 JSON-RPC, v1.0 HTTP+JSON, v0.3 JSON-RPC.
import {
	connectAgent,
	isPushNotificationNotSupportedError,
	isTaskNotCancelableError,
	isTaskNotFoundError,
	isUnsupportedOperationError,
} from '@molecule-ai/a2a-client/a2a';

export const a2aModes = [
	{ name: 'v1.0 JSON-RPC', options: { protocol: '1.0', binding: 'JSONRPC' }, version: '1.0', binding: 'JSONRPC' },
	{ name: 'v1.0 HTTP+JSON', options: { protocol: '1.0', binding: 'HTTP+JSON' }, version: '1.0', binding: 'HTTP+JSON' },
	{ name: 'v0.3 JSON-RPC', options: { protocol: '0.3' }, version: '0.3', binding: 'JSONRPC' },
];

function assert(condition, message) {
	if (!condition) throw new Error(`assertion failed: ${message}`);
}

function assertEqual(actual, expected, what) {
	const [seen, wanted] = [JSON.stringify(actual), JSON.stringify(expected)];
	if (seen !== wanted) throw new Error(`${what}: expected ${wanted}, got ${seen}`);
}

/** Resolves with what `promise` rejects with; fails when it resolves. */
async function rejection(promise, what) {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error(`${what}: resolved, expected a rejection`);
}

const describeError = (error) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

function asTask(answer) {
	assert(answer?.kind === 'task', `expected a task, got ${answer?.kind}`);
	return answer;
}

const textsOf = (parts) => parts.map((part) => (part.kind === 'text' ? part.text : `<${part.kind}>`));

/**
 * The runtime's fetch, counting requests: the function the runtime gives, called with its own `this`
 * (Chromium and workerd refuse any other).
 */
function countingFetch() {
	const counter = {
		requests: 0,
		fetch: (request) => {
			counter.requests++;
			return globalThis.fetch(request);
		},
	};
	return counter;
}

/**
 * Unary cases, run in every mode: `{ name, run(env) }`, where `env` holds `mode`, the peers' base
 * URLs, `agent` (a connection made by the first case over `counter.fetch`) and `counter`.
 */
export const a2aCases = [
	{
		name: 'the card is fetched and the interface asked for is chosen',
		async run(env) {
			env.agent = await connectAgent(env.peer, { ...env.mode.options, fetch: env.counter.fetch, retry: { maxAttempts: 1 } });
			assertEqual(env.agent.card.name, 'Echo Peer', 'card name');
			assertEqual([env.agent.protocolVersion, env.agent.binding], [env.mode.version, env.mode.binding], 'version and binding');
			const path = env.mode.binding === 'JSONRPC' ? '/a2a/jsonrpc' : '/a2a/rest';
			assert(env.agent.interface.url === `${env.peer}${path}`, `interface url ${env.agent.interface.url}`);
		},
	},
	{
		name: 'send answers a completed task with its artifact and history',
		async run(env) {
			const task = asTask(await env.agent.send('hello'));
			assertEqual(task.status.state, 'completed', 'state');
			assertEqual(textsOf(task.artifacts[0]?.parts ?? []), ['echo: hello'], 'artifact');
			assert(task.history.some((message) => message.role === 'user'), 'the user message is in the history');
			assert(task.id !== '' && task.contextId !== '', `ids ${task.id} / ${task.contextId}`);
		},
	},
	{
		name: 'send answers a bare message when the agent answers with one',
		async run(env) {
			const answer = await env.agent.send('direct');
			assertEqual([answer.kind, answer.role], ['message', 'agent'], 'kind and role');
			assertEqual(textsOf(answer.parts), ['direct answer'], 'parts');
		},
	},
	{
		name: 'a raw part arrives as bytes in a plain Uint8Array (no Buffer)',
		async run(env) {
			const part = asTask(await env.agent.send('raw')).artifacts[0]?.parts[0];
			assertEqual(part?.kind, 'file', 'part kind');
			const bytes = part.file.bytes;
			assert(bytes instanceof Uint8Array, `bytes is ${Object.prototype.toString.call(bytes)}`);
			assert(Object.getPrototypeOf(bytes) === Uint8Array.prototype, `bytes is a ${bytes.constructor?.name}, not a plain Uint8Array`);
			assertEqual([...bytes], [104, 105, 0, 255], 'bytes');
		},
	},
	{
		name: 'getTask reads a sent task; historyLength 0 leaves its history out',
		async run(env) {
			const sent = asTask(await env.agent.send('hello'));
			const task = await env.agent.getTask(sent.id);
			assertEqual([task.kind, task.id, task.status.state], ['task', sent.id, 'completed'], 'task');
			assert(task.history.length > 0, 'history');
			assertEqual((await env.agent.getTask(sent.id, { historyLength: 0 })).history, [], 'history with historyLength 0');
		},
	},
	{
		name: 'getTask of an unknown id is a TaskNotFoundError with its code or status kept',
		async run(env) {
			const error = await rejection(env.agent.getTask('no-such-task'), 'getTask');
			assert(isTaskNotFoundError(error), `got ${describeError(error)}`);
			if (env.mode.binding === 'JSONRPC') assertEqual([error.code, error.status], [-32001, 200], 'code and status');
			else assertEqual(error.status, 404, 'status');
		},
	},
	{
		name: 'a task sent with returnImmediately is canceled by cancelTask, and getTask says so',
		async run(env) {
			const task = asTask(await env.agent.send('slow', { returnImmediately: true }));
			assert(['submitted', 'working'].includes(task.status.state), `state ${task.status.state}`);
			assertEqual((await env.agent.cancelTask(task.id)).status.state, 'canceled', 'cancelTask');
			assertEqual((await env.agent.getTask(task.id)).status.state, 'canceled', 'getTask');
		},
	},
	{
		name: 'cancelTask of a finished task is a TaskNotCancelableError',
		async run(env) {
			const task = asTask(await env.agent.send('hello'));
			const error = await rejection(env.agent.cancelTask(task.id), 'cancelTask');
			assert(isTaskNotCancelableError(error), `got ${describeError(error)}`);
			if (env.mode.binding === 'JSONRPC') assertEqual(error.code, -32002, 'code');
		},
	},
	{
		name: 'listTasks finds a sent task by context and state (v1.0), or is refused before sending (v0.3)',
		async run(env) {
			if (env.mode.version === '0.3') {
				const before = env.counter.requests;
				const error = await rejection(env.agent.listTasks({}), 'listTasks');
				assert(isUnsupportedOperationError(error), `got ${describeError(error)}`);
				assertEqual(env.counter.requests, before, 'requests sent');
				return;
			}
			const sent = asTask(await env.agent.send('hello'));
			const page = await env.agent.listTasks({ contextId: sent.contextId, status: 'completed', pageSize: 10 });
			assertEqual(page.tasks.map((task) => task.id), [sent.id], 'task ids');
			assertEqual([page.nextPageToken, page.totalSize], [undefined, 1], 'next page token and total');
		},
	},
	{
		name: 'a push config is created, read, listed and deleted',
		async run(env) {
			const task = asTask(await env.agent.send('slow', { returnImmediately: true }));
			try {
				const created = await env.agent.createPushConfig(task.id, { url: 'http://127.0.0.1:9/hook', token: 'per-task' });
				assertEqual([created.taskId, created.url, created.token], [task.id, 'http://127.0.0.1:9/hook', 'per-task'], 'created');
				assertEqual((await env.agent.getPushConfig(task.id, created.id)).id, created.id, 'read');
				assertEqual((await env.agent.listPushConfigs(task.id)).map((config) => config.id), [created.id], 'listed');
				await env.agent.deletePushConfig(task.id, created.id);
				assertEqual(await env.agent.listPushConfigs(task.id), [], 'listed after delete');
			} finally {
				await env.agent.cancelTask(task.id);
			}
		},
	},
	{
		name: 'push configs are refused before sending, with a typed error, when the card has none',
		async run(env) {
			const counter = countingFetch();
			const plain = await connectAgent(env.noPush, { ...env.mode.options, fetch: counter.fetch, retry: { maxAttempts: 1 } });
			const before = counter.requests;
			const calls = [
				() => plain.createPushConfig('t', { url: 'http://127.0.0.1:9/hook' }),
				() => plain.getPushConfig('t', 'c'),
				() => plain.listPushConfigs('t'),
				() => plain.deletePushConfig('t', 'c'),
			];
			for (const call of calls) {
				const error = await rejection(call(), 'push config call');
				assert(isPushNotificationNotSupportedError(error), `got ${describeError(error)}`);
			}
			assertEqual(counter.requests, before, 'requests sent');
		},
	},
	{
		name: "the runtime's own fetch, by default (no fetch option), connects and sends",
		async run(env) {
			const agent = await connectAgent(env.peer, { ...env.mode.options, retry: { maxAttempts: 1 } });
			assertEqual(textsOf(asTask(await agent.send('default fetch')).artifacts[0]?.parts ?? []), ['echo: default fetch'], 'artifact');
		},
	},
];

/**
 * Streaming cases (`connection.stream`, `connection.subscribe`), run in every mode after `a2aCases`
 * with the same `env`. Empty while the ./a2a entry has no stream on its connection.
 */
export const a2aStreamCases = [];

/**
 * Runs every case in every mode against the peers at `peer` and `noPush` (base URLs). Returns one
 * result per case and mode, named `a2a <mode>: <case>`: `{ name, ok, error? }`. Without both URLs
 * there is one failed result, never a skip.
 */
export async function runA2AConformance({ peer, noPush } = {}) {
	if (!peer || !noPush) return [{ name: 'a2a: the runner gives the peers (peer and noPush base URLs)', ok: false, error: `peer=${peer} noPush=${noPush}` }];
	const results = [];
	for (const mode of a2aModes) {
		const env = { mode, peer, noPush, counter: countingFetch(), agent: undefined };
		for (const testCase of [...a2aCases, ...a2aStreamCases]) {
			const name = `a2a ${mode.name}: ${testCase.name}`;
			try {
				if (!env.agent && testCase !== a2aCases[0]) throw new Error('no connection: the card case failed');
				await testCase.run(env);
				results.push({ name, ok: true });
			} catch (error) {
				results.push({ name, ok: false, error: describeError(error) });
			}
		}
	}
	return results;
}

/** The peers from command-line arguments `--a2a-peer=<url>` and `--a2a-no-push=<url>`. */
export function a2aPeersFromArgs(args) {
	const value = (flag) => args.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);
	return { peer: value('--a2a-peer'), noPush: value('--a2a-no-push') };
}
