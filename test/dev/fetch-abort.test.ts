// Issue 9, item 5: the dev platform's in-process fetch honours `request.signal` as a socket would:
// the caller stops waiting at once, while the dispatch runs on (it survives a client disconnect, §3.5).
import { describe, expect, test } from 'vitest';
import { createA2AClient } from '../../src/index.js';
import { macrotask, settledSoon } from '../helpers/settled.js';
import { adminToken, id, messageSend, origin, postToSlow, setup, slowPlatform } from './helpers.js';

const caller = id(1);
const target = id(2);
const a2a = `${origin}/workspaces/${target}/a2a`;

describe('the in-process fetch honours request.signal', () => {
	test('an abort while the agent works rejects at once with the reason', async () => {
		const { platform, clock } = slowPlatform('finally');
		const controller = new AbortController();
		const answering = platform.fetch(postToSlow(controller.signal));
		await clock.run(200);
		const reason = new Error('caller hung up');
		controller.abort(reason);
		expect(await settledSoon(answering)).toEqual({ settled: true, reason });
		expect(clock.now()).toBe(200);
	});

	test('an already-aborted request is refused before the platform sees it', async () => {
		const { platform } = slowPlatform('finally');
		const reason = new Error('never mind');
		await expect(platform.fetch(postToSlow(AbortSignal.abort(reason)))).rejects.toBe(reason);
		expect(platform.requests).toEqual([]);
	});

	test('the dispatch survives the abort: the agent answers, activity is logged, settled() waits for it', async () => {
		const { platform, clock } = slowPlatform('finally');
		const controller = new AbortController();
		platform.fetch(postToSlow(controller.signal)).catch(() => {});
		await clock.run(200);
		controller.abort();
		let settled = false;
		const settling = platform.settled().then(() => (settled = true));
		await macrotask();
		expect(settled).toBe(false);
		await clock.run(8000);
		await settling;
		expect(platform.activity).toMatchObject([{ workspace_id: target, status: 'ok', response_body: { result: { parts: [{ kind: 'text', text: 'finally' }] } } }]);
		expect(platform.requests).toMatchObject([{ method: 'POST', status: 200 }]);
	});

	test('a request that is never aborted is answered as before', async () => {
		const { platform, clock } = slowPlatform('finally');
		const answering = platform.fetch(postToSlow(new AbortController().signal));
		await clock.run(8000);
		expect((await answering).status).toBe(200);
	});
});

describe('a client on the in-process platform', () => {
	function client(platform: ReturnType<typeof slowPlatform>['platform'], clock: ReturnType<typeof slowPlatform>['clock'], sendMs?: number) {
		return createA2AClient({
			workspaceId: caller,
			platformUrl: origin,
			token: 'tok-caller',
			fetch: platform.fetch,
			clock,
			random: () => 0.5,
			retry: { maxAttempts: 1 },
			...(sendMs === undefined ? {} : { timeouts: { sendMs } }),
		});
	}

	test('an abort at 200 ms of a send to an agent that answers after 8 s rejects at 200 ms', async () => {
		const { platform, clock } = slowPlatform('finally');
		const controller = new AbortController();
		const sending = client(platform, clock).sendMessage(target, 'hi', { signal: controller.signal });
		await clock.run(200);
		const reason = new Error('user left');
		controller.abort(reason);
		expect(await settledSoon(sending)).toEqual({ settled: true, reason });
		expect(clock.now()).toBe(200);
	});

	test('timeouts.sendMs ends the send before the agent answers', async () => {
		const { platform, clock } = slowPlatform('finally');
		const sending = client(platform, clock, 1000).sendMessage(target, 'hi');
		await clock.run(1000);
		expect(await settledSoon(sending)).toMatchObject({ settled: true });
		await expect(sending).resolves.toMatchObject({ status: 'failed', error: { kind: 'ReadTimeout', message: 'timed out after 1000 ms' } });
		expect(clock.now()).toBe(1000);
	});
});

describe('the dev platform calls its own fetch without a receiver', () => {
	test('an agent URL is reached through a fetch that refuses a foreign `this`', async () => {
		const receivers: unknown[] = [];
		const fetch = function (this: unknown, request: Request): Promise<Response> {
			receivers.push(this);
			if (this !== undefined) return Promise.reject(new TypeError("Failed to execute 'fetch' on 'Window': Illegal invocation"));
			return Promise.resolve(Response.json({ jsonrpc: '2.0', id: 'request-1', result: `reached ${request.url}` }));
		};
		const { platform } = setup([{ id: target, name: 'Remote', agent: 'http://agent.example:8000' }], { fetch });
		const headers = { Authorization: `Bearer ${adminToken}` };
		const response = await platform.fetch(new Request(a2a, { method: 'POST', headers, body: JSON.stringify(messageSend('hi')) }));
		expect(receivers).toEqual([undefined]);
		expect(await response.json()).toMatchObject({ result: 'reached http://agent.example:8000/' });
	});
});

describe('the dispatch deadline holds when the agent fetch ignores its signal', () => {
	const agentUrl = 'http://agent.example:8000/a2a';
	const remote = (fetch: (request: Request) => Promise<Response>) =>
		setup([{ id: target, name: 'Remote', agent: agentUrl }], { fetch, idleTimeoutMs: 1000 });
	const postNow = (platform: ReturnType<typeof remote>['platform']) =>
		platform.fetch(
			new Request(a2a, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` }, body: JSON.stringify(messageSend('hi')) }),
		);

	test('an agent fetch that never answers counts as busy after the idle timeout: the request is queued', async () => {
		const { platform, clock } = remote(() => new Promise<Response>(() => {}));
		const answering = postNow(platform);
		await clock.run(1000);
		expect(await settledSoon(answering)).toMatchObject({ settled: true });
		expect((await answering).status).toBe(202);
		expect(platform.queue).toHaveLength(1);
	});

	test('an agent body that never ends fails the read after the idle timeout, and is cancelled', async () => {
		let cancelled = false;
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new TextEncoder().encode('{"jsonrpc":'));
			},
			cancel() {
				cancelled = true;
			},
		});
		const { platform, clock } = remote(() => Promise.resolve(new Response(body)));
		const answering = postNow(platform);
		await clock.run(1000);
		expect(await settledSoon(answering)).toMatchObject({ settled: true });
		const answer = await answering;
		expect(answer.status).toBe(502);
		// Body read failure, addendum §4.3 row 29.
		expect(await answer.json()).toEqual({ error: 'failed to read agent response', delivery_confirmed: true, truncated: false, max_bytes: 67108864 });
		expect(cancelled).toBe(true);
	});
});
