// Issue 12 trial: the errors an agent meets are the typed ones its README promises, and can be told
// apart with guards imported from the agent entry alone.
import { describe, expect, it } from 'vitest';
import * as agentEntry from '../../src/agent/index.js';
import { createAgent, isStoreError } from '../../src/agent/index.js';
import { AGENT, agentIn, memoryStore, PEER, PLATFORM, SECRET, world } from './helpers.js';

describe('a store that fails to read', () => {
	const failing = {
		get: (key: string) => {
			throw new Error(`disk on fire while reading ${key}`);
		},
		set: () => undefined,
	};

	it('fails register with a StoreError naming the key, not a ConfigError on token', async () => {
		const w = world();
		const error = await agentIn(w, { store: failing }).register().catch((caught: unknown) => caught);
		expect(isStoreError(error) && [error.key, error.operation]).toEqual(['token', 'get']);
		expect((error as Error).message).toBe('store.get("token") failed: disk on fire while reading token');
		expect(w.platform.requests).toEqual([]);
	});

	it("fails the agent client's sends with the same StoreError, unsent and not retried", async () => {
		const w = world();
		const outcome = await agentIn(w, { store: failing }).client.sendMessage(PEER, 'hi');
		expect(outcome.status === 'failed' && isStoreError(outcome.error) && outcome.error.key).toBe('token');
		expect(outcome.attempts).toBe(1);
		expect(w.platform.requests).toEqual([]);
	});
});

describe('a handler that throws something other than an Error', () => {
	it('is answered to the peer by its string message, not [object Object]', async () => {
		const w = world();
		const store = memoryStore();
		await store.set('inboundSecret', SECRET);
		const agent = agentIn(w, {
			deliveryMode: 'push',
			url: 'https://agent.example/a2a/inbound',
			store,
			onMessage: () => {
				// eslint-disable-next-line @typescript-eslint/only-throw-error -- what a careless handler does
				throw { message: 'plain object thrown' };
			},
		});
		const response = await agent.fetch(
			new Request('https://agent.example/a2a/inbound', {
				method: 'POST',
				headers: { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/json' },
				body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: { role: 'user', messageId: 'm-1', parts: [{ kind: 'text', text: 'hi' }] } } }),
			}),
		);
		expect(await response.json()).toMatchObject({ result: { parts: [{ kind: 'text', text: 'Agent error: plain object thrown' }] } });
	});
});

describe('the agent entry', () => {
	it('exports the core errors and guards an agent meets, so it needs no import of the root entry', () => {
		for (const name of ['ConfigError', 'HttpError', 'TransportError', 'AgentError', 'A2AClientError', 'InvalidPeerIdError', 'ResponseValidationError', 'UnexpectedResponseError']) {
			expect(typeof (agentEntry as Record<string, unknown>)[name]).toBe('function');
			expect(typeof (agentEntry as Record<string, unknown>)[`is${name}`]).toBe('function');
		}
	});

	it("its isConfigError recognises the agent's option errors", () => {
		let error: unknown;
		try {
			createAgent({ workspaceId: AGENT, platformUrl: PLATFORM, deliveryMode: 'pull' as never });
		} catch (caught) {
			error = caught;
		}
		expect(agentEntry.isConfigError(error) && error.field).toBe('deliveryMode');
	});
});
