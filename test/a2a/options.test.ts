// connectAgent's options and each call's arguments: checked before anything is sent, each bad one a
// typed error naming it; header values never in an error or a log line.
import { describe, expect, test } from 'vitest';
import { connectAgent, isInvalidMessageError } from '../../src/a2a/index.js';
import { json, networkError, scriptedFetch } from '../helpers/scripted-fetch.js';
import { FakeClock, drive } from '../helpers/fake-clock.js';
import { cardV1, rpcResult, taskV1 } from './fixtures.js';

const rejection = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (error: unknown) => error);

describe('connectAgent options', () => {
	test.each([
		[{ protocl: '1.0' }, 'protocl'],
		[{ protocol: '2.0' }, 'protocol'],
		[{ binding: 'GRPC' }, 'binding'],
		[{ fetch: 'fetch' }, 'fetch'],
		[{ clock: {} }, 'clock'],
		[{ retry: { maxAttempts: 0 } }, 'retry.maxAttempts'],
		[{ retry: { attempts: 3 } }, 'retry.attempts'],
		[{ timeouts: { metadataMs: 5 } }, 'timeouts.metadataMs'],
		[{ timeouts: { sendMs: -1 } }, 'timeouts.sendMs'],
		[{ headers: 'Bearer x' }, 'headers'],
		[{ headers: { 'Bad Name': 'x' } }, 'headers'],
		[{ headers: { Authorization: 5 } }, 'headers.Authorization'],
		[{ signal: {} }, 'signal'],
	])('%j is a ConfigError naming %s, before any request', async (options, field) => {
		const { fetch, calls } = scriptedFetch(json(cardV1()));
		expect(await rejection(connectAgent('https://agents.example.com', { fetch, ...(options as object) }))).toMatchObject({ name: 'ConfigError', field });
		expect(calls).toEqual([]);
	});

	test('a header value with a line break is refused without repeating the value', async () => {
		const error = (await rejection(connectAgent(cardV1(), { headers: { Authorization: 'Bearer abc\ndef' } }))) as Error;
		expect(error).toMatchObject({ name: 'ConfigError', field: 'headers.Authorization' });
		expect(error.message).not.toContain('abc');
	});
});

describe('the headers option', () => {
	test('a provider is called before every request, so a renewed token is used', async () => {
		let token = 'token-one-long-enough';
		const { fetch, calls } = scriptedFetch((_request, seen) => rpcResult((seen.json as { id: string }).id, taskV1()));
		const agent = await connectAgent(cardV1(), { fetch, headers: () => ({ Authorization: `Bearer ${token}` }) });
		await agent.getTask('t');
		token = 'token-two-long-enough';
		await agent.getTask('t');
		expect(calls.map((call) => call.headers['authorization'])).toEqual(['Bearer token-one-long-enough', 'Bearer token-two-long-enough']);
	});

	test('A2A-Version cannot be overridden by a header of the option', async () => {
		const { fetch, calls } = scriptedFetch((_request, seen) => rpcResult((seen.json as { id: string }).id, taskV1()));
		const agent = await connectAgent(cardV1(), { fetch, headers: { 'a2a-version': '9.9' } });
		await agent.getTask('t');
		expect(calls[0]?.headers['a2a-version']).toBe('1.0');
	});

	test('a provider that throws is a ConfigError on headers that does not repeat its message, and nothing is sent', async () => {
		const { fetch, calls } = scriptedFetch();
		let first = true;
		const agent = await connectAgent(cardV1(), {
			fetch,
			headers: () => {
				if (first) {
					first = false;
					return { Authorization: 'Bearer super-secret-credential' };
				}
				throw new Error('vault refused super-secret-credential');
			},
		});
		await rejection(agent.getTask('t'));
		const error = (await rejection(agent.getTask('t'))) as Error;
		expect(error).toMatchObject({ name: 'ConfigError', field: 'headers' });
		expect(error.message).toBe('headers provider failed: it threw Error (its message is not repeated here, as it may hold the header values)');
		expect(calls).toHaveLength(1);
	});

	test('a provider that throws on its first call, before any value is known, does not leak its message either', async () => {
		const error = (await rejection(
			connectAgent('https://agent.example', {
				fetch: scriptedFetch().fetch,
				headers: () => {
					throw new Error('provider broke SUPERSECRET');
				},
			}),
		)) as Error;
		expect(error).toMatchObject({ name: 'ConfigError', field: 'headers' });
		expect(`${error.message} ${String((error as { cause?: unknown }).cause)}`).not.toContain('SUPERSECRET');
	});

	test('a provider that never answers is cut by the call time limit', async () => {
		const clock = new FakeClock();
		const agent = await connectAgent(cardV1(), { fetch: scriptedFetch().fetch, clock, headers: () => new Promise<Record<string, string>>(() => {}) });
		const error = await drive(rejection(agent.getTask('t', { timeoutMs: 2000 })), clock);
		expect(error).toMatchObject({ name: 'ConfigError', field: 'headers', message: 'headers provider did not answer within 2000 ms' });
		expect(clock.pendingTimers).toBe(0);
	});

	test('no header value appears in a retry log line or a transport error', async () => {
		const clock = new FakeClock();
		const lines: string[] = [];
		const secret = 'abcdef0123456789secret';
		const { fetch } = scriptedFetch(networkError('ECONNRESET', `socket hang up while sending ${secret}`));
		const agent = await connectAgent(cardV1(), { fetch, clock, headers: { 'X-Api-Key': secret }, retry: { maxAttempts: 2 }, logger: { warn: (line) => lines.push(line) } });
		const error = (await drive(rejection(agent.getTask('t')), clock)) as Error;
		expect(lines).toHaveLength(1);
		expect([...lines, error.message, String((error.cause as Error | undefined)?.message)].join('\n')).not.toContain(secret);
	});
});

describe('call arguments', () => {
	const agentOf = async () => {
		const scripted = scriptedFetch();
		return { agent: await connectAgent({ ...cardV1(), capabilities: { pushNotifications: true } }, { fetch: scripted.fetch }), calls: scripted.calls };
	};

	test.each([
		['', 'message'],
		[{ parts: [] }, 'parts'],
		[{ parts: [{ kind: 'txt', text: 'hi' }] }, 'parts.0.kind'],
		[{ parts: [{ kind: 'text', text: 5 }] }, 'parts.0.text'],
		[{ parts: [{ kind: 'file', file: { uri: 'https://e.com/a', bytes: new Uint8Array(1) } }] }, 'parts.0.file'],
		[{ parts: [{ kind: 'file', file: { bytes: 'aGk=' } }] }, 'parts.0.file'],
		[{ parts: [{ kind: 'data' }] }, 'parts.0.data'],
		[{ parts: [{ kind: 'text', text: 'hi' }], meta: {} }, 'meta'],
		[{ parts: [{ kind: 'data', data: { n: 1n } }] }, 'parts.0.data.n'],
		[{ parts: [{ kind: 'text', text: 'hi' }], metadata: { when: () => 0 } }, 'metadata.when'],
	])('send(%s) is an InvalidMessageError naming %s, before any request', async (message, field) => {
		const { agent, calls } = await agentOf();
		const error = await rejection(agent.send(message as never));
		expect(isInvalidMessageError(error)).toBe(true);
		expect(error).toMatchObject({ field });
		expect(calls).toEqual([]);
	});

	test('a message with a cycle is an InvalidMessageError naming where, not a retried transport failure', async () => {
		const { agent, calls } = await agentOf();
		const data: Record<string, unknown> = {};
		data['self'] = data;
		const error = await rejection(agent.send({ parts: [{ kind: 'data', data }] }));
		expect(error).toMatchObject({ name: 'InvalidMessageError', field: 'parts.0.data.self' });
		expect(calls).toEqual([]);
	});

	test.each([
		['send options', (agent: Awaited<ReturnType<typeof connectAgent>>) => agent.send('hi', { timeoutMs: 0 }), 'options.timeoutMs'],
		['send options', (agent: Awaited<ReturnType<typeof connectAgent>>) => agent.send('hi', { blocking: true } as never), 'options.blocking'],
		['getTask id', (agent: Awaited<ReturnType<typeof connectAgent>>) => agent.getTask(''), 'taskId'],
		['getTask options', (agent: Awaited<ReturnType<typeof connectAgent>>) => agent.getTask('t', { historyLength: -1 }), 'options.historyLength'],
		['listTasks query', (agent: Awaited<ReturnType<typeof connectAgent>>) => agent.listTasks({ status: 'done' } as never), 'query.status'],
		['listTasks query', (agent: Awaited<ReturnType<typeof connectAgent>>) => agent.listTasks({ pageSize: 101 }), 'query.pageSize'],
		['push config', (agent: Awaited<ReturnType<typeof connectAgent>>) => agent.createPushConfig('t', { url: 'ftp://x' }), 'config.url'],
		['push config', (agent: Awaited<ReturnType<typeof connectAgent>>) => agent.createPushConfig('t', {} as never), 'config.url'],
		['refreshCard options', (agent: Awaited<ReturnType<typeof connectAgent>>) => agent.refreshCard({ force: 'yes' } as never), 'options.force'],
	])('a bad %s is a ConfigError naming %s', async (_what, call, field) => {
		const { agent, calls } = await agentOf();
		expect(await rejection(call(agent))).toMatchObject({ name: 'ConfigError', field });
		expect(calls).toEqual([]);
	});

	test('the connection is frozen and its methods work detached', async () => {
		const { fetch } = scriptedFetch((_request, seen) => rpcResult((seen.json as { id: string }).id, taskV1()));
		const agent = await connectAgent(cardV1(), { fetch });
		expect(Object.isFrozen(agent)).toBe(true);
		const { getTask } = agent;
		expect((await getTask('task-1')).id).toBe('task-1');
	});
});
