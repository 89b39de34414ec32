// Runtime-neutral conformance suite. Plain ES module on purpose: every runtime runs this very file
// (Node 22/24, Deno, Bun, workerd, Chromium) against the BUILT package, with nothing but web APIs.
import {
	A2A_ERROR_PREFIX,
	createA2AClient,
	formatA2AError,
	isHttpError,
	isTransportError,
} from '@molecule-ai/a2a-client';
import { createCanvasClient } from '@molecule-ai/a2a-client/canvas';
import { createDevPlatform, demoOrg } from '@molecule-ai/a2a-client/dev';

// The one demo organisation, shared with the CLI, the examples and the integration tests.
const demo = demoOrg();
const ids = {
	parent: demo.caller,
	echo: demo.ids.echo,
	tasker: demo.ids.researcher,
	flaky: demo.ids.flaky,
	busy: demo.ids.busy,
	removed: demo.ids.archived,
	outsider: demo.ids.auditor,
};

/** A manual clock: time moves only when the suite says so. */
export function manualClock() {
	let now = 0;
	const timers = new Set();
	return {
		now: () => now,
		sleep(ms, signal) {
			return new Promise((resolve, reject) => {
				if (signal?.aborted) return reject(signal.reason);
				const timer = { at: now + ms, resolve };
				const onAbort = () => {
					timers.delete(timer);
					reject(signal.reason);
				};
				timer.resolve = () => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				};
				signal?.addEventListener('abort', onAbort, { once: true });
				timers.add(timer);
			});
		},
		get pending() {
			return timers.size;
		},
		/** Fires the earliest timer; false when none is pending. */
		runNext() {
			let next;
			for (const timer of timers) if (!next || timer.at < next.at) next = timer;
			if (!next) return false;
			timers.delete(next);
			now = Math.max(now, next.at);
			next.resolve();
			return true;
		},
	};
}

const yieldToEventLoop = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Settles `promise`, moving fake time whenever nothing else can happen. */
async function onFakeTime(promise, clock, inFlight = () => 0) {
	let settled = false;
	promise.then(
		() => (settled = true),
		() => (settled = true),
	);
	for (let turn = 0; turn < 10_000 && !settled; turn++) {
		await yieldToEventLoop();
		if (!settled && inFlight() === 0) clock.runNext();
	}
	return promise;
}

function assert(condition, message) {
	if (!condition) throw new Error(`assertion failed: ${message}`);
}

/** JSON with object keys sorted, so equal values print equally. */
function canonical(value) {
	return JSON.stringify(value, (_key, item) =>
		item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1))) : item,
	);
}

function assertEqual(actual, expected, what) {
	if (canonical(actual) !== canonical(expected)) throw new Error(`${what}: expected ${canonical(expected)}, got ${canonical(actual)}`);
}

/**
 * Builds a dev platform and a client wired to it. In process, the platform's fetch handler is the
 * client's fetch; with `transport.serve(handler)` it sits behind a real 127.0.0.1 socket.
 * `failFirst` makes the client's first n requests fail as network errors.
 */
async function setup(transport, options = {}) {
	const platform = createDevPlatform({ workspaces: demoOrg().workspaces, adminToken: demo.adminToken });
	const clock = manualClock();
	let inFlight = 0;
	let served;
	let platformUrl = 'http://dev.platform.test';
	let baseFetch = platform.fetch;
	if (transport.serve) {
		served = await transport.serve(platform.fetch);
		platformUrl = served.url;
		baseFetch = (request) => fetch(request);
	}
	const requests = [];
	let failures = options.failFirst ?? 0;
	const clientFetch = async (request) => {
		requests.push(`${request.method} ${new URL(request.url).pathname}`);
		if (failures-- > 0) throw new TypeError('fetch failed');
		inFlight++;
		try {
			// Read to the end while counted in flight, so fake time never moves while a body is still on its way.
			const response = await baseFetch(request);
			const body = [101, 204, 205, 304].includes(response.status) ? null : await response.arrayBuffer();
			return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
		} finally {
			inFlight--;
		}
	};
	const client = createA2AClient({
		workspaceId: ids.parent,
		platformUrl,
		token: 'dev-token-orchestrator',
		fetch: clientFetch,
		clock,
		random: () => 0.5,
	});
	return {
		platform,
		client,
		clock,
		requests,
		/** The client's fetch (requests counted in flight, so fake time waits for them), for other clients of the case. */
		clientFetch,
		drive: (promise) => onFakeTime(promise, clock, () => inFlight),
		close: async () => served?.close(),
	};
}

/** Every case: `{ name, run(transport) }`. `socket` marks the cases that also run over a real socket. */
export const cases = [
	{
		name: 'discover returns the peer record',
		socket: true,
		async run(env) {
			const peer = await env.client.discoverPeer(ids.echo);
			assertEqual(peer, { id: ids.echo, url: `http://ws-${ids.echo.slice(0, 12)}:8000`, name: 'Echo' }, 'peer');
		},
	},
	{
		name: 'discover of a workspace outside the hierarchy is null (403)',
		async run(env) {
			assertEqual(await env.client.discoverPeer(ids.outsider), null, 'peer');
			assertEqual(env.platform.requests.at(-1)?.status, 403, 'platform status');
		},
	},
	{
		name: 'discover of an invalid id is null without a request',
		async run(env) {
			assertEqual(await env.client.discoverPeer('../admin'), null, 'peer');
			assertEqual(env.requests.length, 0, 'requests');
		},
	},
	{
		// Updated for the platform's August 2026 rules: a root's peers are its children only.
		name: 'peers lists the children of a root; a refused token gives a diagnostic',
		socket: true,
		async run(env) {
			const listing = await env.client.listPeers();
			assertEqual(listing.diagnostic, null, 'diagnostic');
			assertEqual(listing.peers.map((peer) => peer.name).sort(), ['Busy', 'Crasher', 'Echo', 'Flaky', 'Inbox', 'Researcher', 'Sleeper'], 'names');
			const stranger = createA2AClient({ workspaceId: ids.parent, platformUrl: env.client.platformUrl, token: 'wrong', fetch: env.fetch });
			const refused = await stranger.listPeers();
			assertEqual(refused.peers, [], 'peers');
			assert(refused.diagnostic?.startsWith('Authentication to platform failed (HTTP 401).'), `diagnostic: ${refused.diagnostic}`);
		},
	},
	{
		name: 'info of a removed workspace is the 410 removed shape',
		async run(env) {
			const removed = createA2AClient({ workspaceId: ids.removed, platformUrl: env.client.platformUrl, fetch: env.fetch });
			const info = await removed.getWorkspaceInfo();
			assertEqual(info.error, 'removed', 'error');
			assertEqual(info.id, ids.removed, 'id');
			assert(String(info.hint).includes('Create a replacement workspace'), `hint: ${info.hint}`);
		},
	},
	{
		name: 'a text reply',
		socket: true,
		async run(env) {
			const outcome = await env.client.sendMessage(ids.echo, 'hello');
			assertEqual([outcome.status, outcome.text, outcome.attempts], ['replied', 'echo: hello', 1], 'outcome');
			assertEqual(await env.client.sendText(ids.echo, 'again'), 'echo: again', 'sendText');
		},
	},
	{
		name: 'a Task reply',
		async run(env) {
			const outcome = await env.client.sendMessage(ids.tasker, 'research');
			assertEqual([outcome.status, outcome.text, outcome.taskState], ['replied', 'Findings: the platform routes every message through its A2A proxy.', 'completed'], 'outcome');
		},
	},
	{
		name: 'a JSON-RPC error and its [A2A_ERROR] string',
		async run(env) {
			const outcome = await env.client.sendMessage(ids.flaky, 'x');
			assertEqual([outcome.status, outcome.error?.name, outcome.error?.code], ['failed', 'JsonRpcError', -32603], 'outcome');
			const text = await env.client.sendText(ids.flaky, 'x');
			assertEqual(text, `${A2A_ERROR_PREFIX}Internal error: model quota exhausted (code=-32603) [target=${env.client.platformUrl}/workspaces/${ids.flaky}/a2a]`, 'sendText');
		},
	},
	{
		name: 'the canvas lists the organisation and sends as a person (./canvas)',
		socket: true,
		async run(env) {
			const canvas = createCanvasClient({ platformUrl: env.client.platformUrl, auth: { token: demo.adminToken }, fetch: env.clientFetch, clock: env.clock });
			const tree = await canvas.listWorkspaces();
			assert(tree.get(ids.echo)?.name === 'Echo', 'echo in the tree');
			assert(tree.roots().length >= 1, 'a root');
			const outcome = await env.drive(canvas.send(ids.echo, 'as a person', { history: [{ role: 'user', text: 'before' }] }));
			assertEqual([outcome.status, outcome.text], ['replied', 'echo: as a person'], 'outcome');
		},
	},
	{
		name: 'a busy agent queues the message',
		async run(env) {
			const outcome = await env.client.sendMessage(ids.busy, 'later');
			assertEqual([outcome.status, outcome.queueDepth], ['queued', 1], 'outcome');
			assert(typeof outcome.queueId === 'string', 'queue id');
			assertEqual(await env.client.sendText(ids.busy, 'later'), `[A2A_QUEUED] target=${ids.busy} method=message/send`, 'sendText');
		},
	},
	{
		name: 'a message outside the hierarchy is refused with HTTP 403',
		async run(env) {
			const outcome = await env.client.sendMessage(ids.outsider, 'x');
			assert(isHttpError(outcome.error) && outcome.error.status === 403, `error: ${outcome.error}`);
			assert(formatA2AError(outcome.error).startsWith('[A2A_ERROR] HTTP 403: access denied'), formatA2AError(outcome.error));
		},
	},
	{
		name: 'retries after injected connection failures, on fake time',
		async run(env) {
			const flaky = await setup(env.transport, { failFirst: 2 });
			const outcome = await flaky.drive(flaky.client.sendMessage(ids.echo, 'persist'));
			assertEqual([outcome.status, outcome.text, outcome.attempts], ['replied', 'echo: persist', 3], 'outcome');
			assertEqual(flaky.clock.now(), 3000, 'backoff 1 s + 2 s at jitter midpoint');
			await flaky.close();
		},
	},
	{
		name: 'retries after the platform drops connections',
		socket: true,
		async run(env) {
			env.platform.dropConnections(2);
			const outcome = await env.drive(env.client.sendMessage(ids.echo, 'dropped'));
			assertEqual([outcome.status, outcome.text, outcome.attempts], ['replied', 'echo: dropped', 3], 'outcome');
		},
	},
	{
		name: 'concurrent metadata lookups share one request',
		async run(env) {
			const records = await Promise.all(Array.from({ length: 50 }, () => env.client.getPeerMetadata(ids.echo)));
			assertEqual(new Set(records.map((record) => record?.name)).size, 1, 'one answer');
			assertEqual(env.requests.filter((line) => line.startsWith('GET /registry/discover/')).length, 1, 'registry requests');
			assertEqual(env.client.peekPeerMetadata(ids.echo)?.name, 'Echo', 'peek');
		},
	},
	{
		// Issue 9 item 4: Chromium and workerd refuse their own fetch called with another `this`.
		name: "the runtime's own fetch, passed unbound, reaches the platform",
		network: true,
		async run(env) {
			const ownFetch = globalThis.fetch;
			const client = createA2AClient({ workspaceId: ids.parent, platformUrl: env.networkUrl, token: 'dev-token-orchestrator', fetch: ownFetch, retry: { maxAttempts: 1 } });
			const outcome = await client.sendMessage(ids.echo, 'unbound');
			const seen = outcome.status === 'failed' ? formatA2AError(outcome.error) : `${outcome.status}: ${outcome.text}`;
			if (env.transport.serve) assertEqual(seen, 'replied: echo: unbound', 'outcome');
			// The page's own server is no platform: any HTTP answer proves fetch ran.
			else assert(outcome.status === 'failed' && isHttpError(outcome.error), `expected an HTTP answer from ${env.networkUrl}, got ${seen}`);
		},
	},
	{
		name: 'abort rejects with the reason, during a backoff wait',
		async run(env) {
			const failing = await setup(env.transport, { failFirst: Number.POSITIVE_INFINITY });
			const controller = new AbortController();
			const sending = failing.client.sendMessage(ids.echo, 'x', { signal: controller.signal });
			while (failing.clock.pending === 0) await yieldToEventLoop();
			const reason = new Error('user cancelled');
			controller.abort(reason);
			let caught;
			try {
				await sending;
			} catch (error) {
				caught = error;
			}
			assert(caught === reason, `rejected with ${caught}`);
			assertEqual(failing.clock.pending, 0, 'timers left');
			assert(!isTransportError(caught), 'not a transport error');
		},
	},
];

/**
 * Runs every case (and the socket cases again over a real socket when `serve` is given).
 * `network` cases need a real HTTP server: the served platform, or in process `origin` (a browser
 * page's own server) when given. Returns one result per run: `{ name, ok, error? }`.
 */
export async function runConformance({ serve, origin } = {}) {
	const transports = [{ name: 'in-process' }, ...(serve ? [{ name: '127.0.0.1 socket', serve }] : [])];
	const results = [];
	for (const transport of transports) {
		for (const testCase of cases) {
			if (transport.serve && !testCase.socket && !testCase.network) continue;
			if (!transport.serve && testCase.network && !origin) continue;
			const name = `${testCase.name} [${transport.name}]`;
			let env;
			try {
				env = await setup(transport);
				env.transport = transport;
				env.fetch = transport.serve ? (request) => fetch(request) : env.platform.fetch;
				env.networkUrl = transport.serve ? env.client.platformUrl : origin;
				await testCase.run(env);
				results.push({ name, ok: true });
			} catch (error) {
				results.push({ name, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
			} finally {
				await env?.close();
			}
		}
	}
	return results;
}

/**
 * A result saying whether the package's entries resolve to the build in dist/ (Bun, for one, would
 * follow tsconfig.json's `paths` to src/). `resolve` is the runner's `import.meta.resolve`.
 */
export function builtPackageResult(resolve) {
	const name = 'the package under test is the build in dist/';
	const wrong = ['@molecule-ai/a2a-client', '@molecule-ai/a2a-client/dev', '@molecule-ai/a2a-client/a2a']
		.map((specifier) => `${specifier} -> ${resolve(specifier)}`)
		.filter((line) => !/\/dist\/[^/]+\.js$/.test(line));
	return wrong.length === 0 ? { name, ok: true } : { name, ok: false, error: wrong.join(', ') };
}

/** `<passed> passed, <failed> failed` plus one line per failure. */
export function summarise(runtime, results) {
	const failed = results.filter((result) => !result.ok);
	const lines = failed.map((result) => `  FAIL ${result.name}: ${result.error}`);
	return [`${runtime}: ${results.length - failed.length} passed, ${failed.length} failed`, ...lines].join('\n');
}

/** Prints the summary and a machine-readable line, and sets the exit code where there is one. */
export function report(runtime, results) {
	console.log(summarise(runtime, results));
	console.log(`CONFORMANCE_JSON ${JSON.stringify({ runtime, results })}`);
	if (results.some((result) => !result.ok) && globalThis.process) globalThis.process.exitCode = 1;
}

/**
 * For servers that answer a thrown handler with a 500 (Deno.serve, Bun.serve): a rejected handler
 * becomes a response whose body fails at once, so the client sees the connection break, as it
 * would behind the Node adapter.
 */
export function servedDroppingOnRejection(handler) {
	return (request) =>
		handler(request).catch(
			() =>
				new Response(
					new ReadableStream({
						start(controller) {
							controller.error(new Error('connection dropped'));
						},
					}),
				),
		);
}
