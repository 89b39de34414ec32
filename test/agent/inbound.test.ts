import { describe, expect, it } from 'vitest';
import type { Agent, AgentOptions, InboundMessage } from '../../src/agent/index.js';
import { isAgentError } from '../../src/index.js';
import { ADMIN_TOKEN, AGENT, agentIn, memoryStore, peer, PEER, PLATFORM, SECRET, world, type World } from './helpers.js';

const URL_OF_AGENT = 'https://agent.example/a2a/inbound';

/** A push-mode agent whose store already holds the inbound secret, counting `onMessage` calls. */
function pushAgent(options: Partial<AgentOptions> = {}): { agent: Agent; calls: InboundMessage[]; w: World } {
	const w = world();
	const calls: InboundMessage[] = [];
	const store = memoryStore();
	void store.set('inboundSecret', SECRET);
	const agent = agentIn(w, {
		deliveryMode: 'push',
		url: URL_OF_AGENT,
		store,
		onMessage: (message) => {
			calls.push(message);
			return `echo: ${message.text}`;
		},
		...options,
	});
	return { agent, calls, w };
}

function envelope(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return { jsonrpc: '2.0', id: 'rpc-1', method: 'message/send', params: { message: { role: 'user', messageId: 'message-1', parts: [{ kind: 'text', text }] } }, ...extra };
}

/** A body that records whether anything pulled a byte from it. */
function watchedBody(bytes: Uint8Array): { body: ReadableStream<Uint8Array>; pulled(): number } {
	let pulled = 0;
	// No buffering ahead (high-water mark 0): `pull` runs only when a reader asks for bytes.
	const body = new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				pulled++;
				controller.enqueue(bytes);
				controller.close();
			},
		},
		{ highWaterMark: 0 },
	);
	return { body, pulled: () => pulled };
}

function push(body: BodyInit, headers: Record<string, string> = { Authorization: `Bearer ${SECRET}` }): Request {
	return new Request(URL_OF_AGENT, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);
}

async function answerOf(response: Response): Promise<{ status: number; body: Record<string, unknown> }> {
	const text = await response.text();
	expect(text).not.toBe('');
	return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
}

describe('the push-mode inbound handler', () => {
	it('answers a pushed message/send with the reply as a JSON-RPC Message', async () => {
		const { agent, calls } = pushAgent();
		const { status, body } = await answerOf(await agent.fetch(push(JSON.stringify(envelope('hello')))));
		expect(status).toBe(200);
		expect(body).toMatchObject({ jsonrpc: '2.0', id: 'rpc-1', result: { kind: 'message', role: 'agent', parts: [{ kind: 'text', text: 'echo: hello' }] } });
		expect(calls.map((message) => [message.text, message.messageId, message.seq])).toEqual([['hello', 'message-1', null]]);
	});

	for (const [what, headers] of [
		['no Authorization', {}],
		['a wrong secret', { Authorization: 'Bearer not-the-inbound-secret-0123456789abc' }],
		['the secret under another scheme', { Authorization: `Basic ${SECRET}` }],
		['a lower-case bearer prefix', { Authorization: `bearer ${SECRET}` }],
	] as const) {
		it(`refuses ${what} with 401 and a JSON body, without reading the body or calling onMessage`, async () => {
			const { agent, calls } = pushAgent();
			const watched = watchedBody(new TextEncoder().encode(JSON.stringify(envelope('sneaky'))));
			const { status, body } = await answerOf(await agent.fetch(push(watched.body, headers)));
			expect(status).toBe(401);
			expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
			expect(watched.pulled()).toBe(0);
			expect(calls).toHaveLength(0);
		});
	}

	it('refuses 10,000 wrong-secret requests without reading a body byte or calling onMessage', async () => {
		const { agent, calls } = pushAgent();
		let pulled = 0;
		for (let index = 0; index < 10_000; index++) {
			const watched = watchedBody(new Uint8Array([123, 125]));
			const response = await agent.fetch(push(watched.body, { Authorization: `Bearer ${SECRET.slice(0, -1)}${index % 10}` }));
			expect(response.status).toBe(401);
			pulled += watched.pulled();
		}
		expect(pulled).toBe(0);
		expect(calls).toHaveLength(0);
		const { status } = await answerOf(await agent.fetch(push(JSON.stringify(envelope('still here')))));
		expect(status).toBe(200);
	}, 60_000);

	it('answers 503 when the agent has no inbound secret yet (it must register first)', async () => {
		const w = world();
		const agent = agentIn(w, { deliveryMode: 'push', url: URL_OF_AGENT, onMessage: () => 'never' });
		const { status, body } = await answerOf(await agent.fetch(push(JSON.stringify(envelope('hi')))));
		expect(status).toBe(503);
		expect(JSON.stringify(body)).toContain('register first');
	});

	const badInputs: [string, () => BodyInit, number, number][] = [
		['a body that is not JSON', () => 'not json {', 200, -32700],
		['an unknown method', () => JSON.stringify({ ...envelope('x'), method: 'tasks/cancel' }), 200, -32601],
		['a request without jsonrpc', () => JSON.stringify({ id: 1, method: 'message/send', params: {} }), 200, -32600],
		['message/send without a message', () => JSON.stringify({ ...envelope('x'), params: { text: 'hi' } }), 200, -32602],
		['a message whose parts hold nothing readable', () => JSON.stringify(envelope('x', { params: { message: { messageId: 'm', parts: [{ kind: 'video' }] } } })), 200, -32602],
	];
	for (const [what, body, status, code] of badInputs) {
		it(`answers ${what} with a JSON-RPC error (${code}) and keeps serving`, async () => {
			const { agent, calls } = pushAgent();
			const answer = await answerOf(await agent.fetch(push(body())));
			expect(answer.status).toBe(status);
			expect(answer.body).toMatchObject({ jsonrpc: '2.0', error: { code } });
			expect(calls).toHaveLength(0);
			expect((await answerOf(await agent.fetch(push(JSON.stringify(envelope('next')))))).body).toMatchObject({ result: { parts: [{ text: 'echo: next' }] } });
		});
	}

	it('answers a 20 MiB body with a JSON-RPC error after reading at most 16 MiB of it, and keeps serving', async () => {
		const { agent, calls } = pushAgent();
		const chunk = new Uint8Array(1024 * 1024).fill(32);
		let sent = 0;
		const body = new ReadableStream<Uint8Array>(
			{
				pull(controller) {
					if (sent >= 20) return controller.close();
					sent++;
					controller.enqueue(chunk);
				},
			},
			{ highWaterMark: 0 },
		);
		const { status, body: answer } = await answerOf(await agent.fetch(push(body)));
		expect(status).toBe(413);
		expect(answer).toMatchObject({ jsonrpc: '2.0', error: { code: -32600 } });
		expect(sent).toBeLessThanOrEqual(17);
		expect(calls).toHaveLength(0);
		expect((await answerOf(await agent.fetch(push(JSON.stringify(envelope('after')))))).status).toBe(200);
	});

	it('refuses a body declared larger than 16 MiB without reading it', async () => {
		const { agent } = pushAgent();
		const watched = watchedBody(new Uint8Array([123, 125]));
		const response = await agent.fetch(push(watched.body, { Authorization: `Bearer ${SECRET}`, 'Content-Length': String(20 * 1024 * 1024) }));
		expect(response.status).toBe(413);
		expect(watched.pulled()).toBe(0);
	});

	it('answers a method other than POST with 405 and a JSON body', async () => {
		const { agent } = pushAgent();
		const response = await agent.fetch(new Request(URL_OF_AGENT, { headers: { Authorization: `Bearer ${SECRET}` } }));
		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('POST');
		expect((await answerOf(response)).body).toMatchObject({ error: { code: -32600 } });
	});

	it('answers an onMessage that throws with an agent error, and keeps serving', async () => {
		let first = true;
		const { agent, w } = pushAgent({
			onMessage: () => {
				if (first) {
					first = false;
					throw new Error('model overloaded');
				}
				return 'fine now';
			},
		});
		const { body } = await answerOf(await agent.fetch(push(JSON.stringify(envelope('one')))));
		expect(body).toMatchObject({ result: { parts: [{ kind: 'text', text: 'Agent error: model overloaded' }] } });
		expect(w.logs.some((line) => line.startsWith('error onMessage failed') && line.includes('model overloaded'))).toBe(true);
		expect((await answerOf(await agent.fetch(push(JSON.stringify(envelope('two', { params: { message: { role: 'user', messageId: 'message-2', parts: [{ kind: 'text', text: 'two' }] } } })))))).body).toMatchObject({ result: { parts: [{ text: 'fine now' }] } });
	});

	it('answers a message sent again (same sender, same messageId) with the first answer, running onMessage once', async () => {
		let runs = 0;
		const { agent } = pushAgent({ onMessage: () => `run ${++runs}` });
		const first = await answerOf(await agent.fetch(push(JSON.stringify(envelope('once')))));
		const again = await answerOf(await agent.fetch(push(JSON.stringify(envelope('once')))));
		expect(runs).toBe(1);
		expect(again.body).toEqual(first.body);
		expect(first.body).toMatchObject({ result: { parts: [{ text: 'run 1' }] } });
	});

	it('answers a resend that arrives while the first is being handled with the same answer', async () => {
		let runs = 0;
		let release = (): void => undefined;
		let entered = (): void => undefined;
		const running = new Promise<void>((resolve) => (entered = resolve));
		const { agent } = pushAgent({
			onMessage: () =>
				new Promise<string>((resolve) => {
					release = () => resolve(`run ${++runs}`);
					entered();
				}),
		});
		const first = agent.fetch(push(JSON.stringify(envelope('slow'))));
		const second = agent.fetch(push(JSON.stringify(envelope('slow'))));
		await running;
		release();
		const bodies = await Promise.all([first, second].map(async (response) => (await answerOf(await response)).body));
		expect(runs).toBe(1);
		expect(bodies.map((body) => (body['result'] as { parts: { text: string }[] }).parts[0]?.text)).toEqual(['run 1', 'run 1']);
	});

	it('runs onMessage again for the same messageId with other content (the platform names no sender)', async () => {
		const { agent, calls } = pushAgent();
		await agent.fetch(push(JSON.stringify(envelope('from one peer'))));
		const other = await answerOf(await agent.fetch(push(JSON.stringify(envelope('from another')))));
		expect(calls.map((message) => message.text)).toEqual(['from one peer', 'from another']);
		expect(other.body).toMatchObject({ result: { parts: [{ text: 'echo: from another' }] } });
	});

	it('runs onMessage again for the same messageId from another sender', async () => {
		const { agent, calls } = pushAgent();
		await agent.fetch(push(JSON.stringify(envelope('hi')), { Authorization: `Bearer ${SECRET}`, 'X-Workspace-ID': PEER }));
		await agent.fetch(push(JSON.stringify(envelope('hi')), { Authorization: `Bearer ${SECRET}`, 'X-Workspace-ID': AGENT }));
		expect(calls).toHaveLength(2);
	});

	it('runs onMessage again for a resend of a message whose first run threw', async () => {
		let runs = 0;
		const { agent } = pushAgent({
			onMessage: () => {
				if (++runs === 1) throw new Error('model overloaded');
				return 'fine now';
			},
		});
		await agent.fetch(push(JSON.stringify(envelope('retry me'))));
		const again = await answerOf(await agent.fetch(push(JSON.stringify(envelope('retry me')))));
		expect(again.body).toMatchObject({ result: { parts: [{ text: 'fine now' }] } });
	});

	it('answers an empty Message when onMessage returns nothing: never an empty body', async () => {
		const { agent } = pushAgent({ onMessage: () => undefined });
		const { status, body } = await answerOf(await agent.fetch(push(JSON.stringify(envelope('quiet')))));
		expect(status).toBe(200);
		expect(body).toMatchObject({ result: { kind: 'message', parts: [] } });
	});

	it('answers what message.reply() was given before onMessage returned; a second reply, or one after, rejects', async () => {
		let held: InboundMessage | undefined;
		let second: unknown;
		const { agent } = pushAgent({
			onMessage: async (message) => {
				held = message;
				await message.reply({ parts: [{ kind: 'data', data: { ok: true } }] });
				second = await message.reply('again').catch((error: unknown) => error);
			},
		});
		const { body } = await answerOf(await agent.fetch(push(JSON.stringify(envelope('q')))));
		expect(body).toMatchObject({ result: { parts: [{ kind: 'data', data: { ok: true } }] } });
		expect(String(second)).toMatch(/already called/);
		await expect(held?.reply('too late')).rejects.toThrow(/already called/);
	});

	it('keeps the answer given to message.reply(): a value returned or a throw after it does not replace it', async () => {
		const returned = pushAgent({
			onMessage: async (message) => {
				await message.reply('first');
				return 'not sent';
			},
		});
		const thrown = pushAgent({
			onMessage: async (message) => {
				await message.reply('first');
				throw new Error('after the reply');
			},
		});
		for (const { agent, w } of [returned, thrown]) {
			const { body } = await answerOf(await agent.fetch(push(JSON.stringify(envelope('q')))));
			expect(body).toMatchObject({ result: { parts: [{ kind: 'text', text: 'first' }] } });
			expect(w.logs.some((line) => line.includes('after message.reply() answered it') || line.includes('after the reply'))).toBe(true);
		}
	});

	it('refuses a reply that comes after onMessage returned without one', async () => {
		let held: InboundMessage | undefined;
		const { agent } = pushAgent({ onMessage: (message) => void (held = message) });
		await agent.fetch(push(JSON.stringify(envelope('q'))));
		await expect(held?.reply('too late')).rejects.toThrow(/after onMessage returned/);
	});

	it('gives onMessage the files of the pushed message and keeps its context id', async () => {
		let files: unknown;
		const { agent } = pushAgent({
			onMessage: (message) => {
				files = message.files.map(({ uri, name }) => ({ uri, name }));
				return 'got it';
			},
		});
		const parts = [
			{ kind: 'text', text: 'see attached' },
			{ kind: 'file', file: { uri: 'workspace:/workspace/report.pdf', name: 'report.pdf', mimeType: 'application/pdf' } },
		];
		const { body } = await answerOf(await agent.fetch(push(JSON.stringify({ ...envelope(''), params: { message: { messageId: 'm', contextId: 'ctx-1', parts } } }))));
		expect(files).toEqual([{ uri: 'workspace:/workspace/report.pdf', name: 'report.pdf' }]);
		expect(body).toMatchObject({ result: { contextId: 'ctx-1' } });
	});
});

describe('push delivery through the dev platform', () => {
	/** The dev platform reaches the agent's URL through the agent's own fetch handler. */
	function pushWorld(onMessage: AgentOptions['onMessage']): { w: World; agent: Agent } {
		let agent: Agent | undefined;
		const w = world({}, { fetch: (request) => (agent as Agent).fetch(request) });
		agent = agentIn(w, { deliveryMode: 'push', url: URL_OF_AGENT, onMessage });
		return { w, agent };
	}

	it("a peer's message reaches onMessage with the inbound secret, and the peer gets the reply", async () => {
		const senders: unknown[] = [];
		const { w, agent } = pushWorld((message) => {
			senders.push(message.from);
			return `echo: ${message.text}`;
		});
		await agent.register();
		const outcome = await peer(w).sendMessage(AGENT, 'ping');
		expect(outcome).toMatchObject({ status: 'replied', text: 'echo: ping' });
		expect(senders).toHaveLength(1);
	});

	it("a person's message is from 'user'", async () => {
		const senders: unknown[] = [];
		const { w, agent } = pushWorld((message) => {
			senders.push(message.from);
			return 'hello person';
		});
		await agent.register();
		const response = await w.platform.fetch(
			new Request(`${PLATFORM}/workspaces/${AGENT}/a2a`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
				body: JSON.stringify(envelope('hi')),
			}),
		);
		expect(response.status).toBe(200);
		expect(senders).toEqual(['user']);
	});

	it("the sender's client reports an AgentError when onMessage throws", async () => {
		const { w, agent } = pushWorld(() => {
			throw new Error('no model');
		});
		await agent.register();
		const outcome = await peer(w).sendMessage(AGENT, 'ping');
		expect(outcome.status).toBe('failed');
		expect(outcome.status === 'failed' && isAgentError(outcome.error)).toBe(true);
		void PEER;
	});
});

describe('secrets stay out of what the agent writes', () => {
	it("an onMessage error quoting the inbound secret or the token is answered and logged with them redacted", async () => {
		const { agent, w } = pushAgent({
			token: 'configured-token-0123456789abcdefgh',
			onMessage: () => {
				throw new Error(`leaked ${SECRET} and configured-token-0123456789abcdefgh`);
			},
		});
		const { body } = await answerOf(await agent.fetch(push(JSON.stringify(envelope('x')))));
		const text = JSON.stringify(body) + w.logs.join('\n');
		expect(text).toContain('leaked [redacted] and [redacted]');
		expect(text).not.toContain(SECRET);
		expect(text).not.toContain('configured-token-0123456789abcdefgh');
	});
});
