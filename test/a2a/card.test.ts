// The agent card: where it is fetched from, what is sent, how it is validated, cached (ETag,
// Cache-Control on the injected clock) and how an interface is chosen from it.
import { describe, expect, test } from 'vitest';
import { connectAgent, isResponseValidationError, isVersionNotSupportedError } from '../../src/a2a/index.js';
import { FakeClock, drive } from '../helpers/fake-clock.js';
import { hangingFetch, json, scriptedFetch } from '../helpers/scripted-fetch.js';
import { agentUrl, cardV03, cardV1, restUrl, rpcUrl } from './fixtures.js';

const rejection = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (error: unknown) => error);

describe('where the card is fetched from', () => {
	test.each([
		['https://agents.example.com/research', 'https://agents.example.com/research/.well-known/agent-card.json'],
		['https://agents.example.com/research/', 'https://agents.example.com/research/.well-known/agent-card.json'],
		['https://agents.example.com', 'https://agents.example.com/.well-known/agent-card.json'],
		['https://agents.example.com/cards/research.json', 'https://agents.example.com/cards/research.json'],
	])('%s → %s (a base URL keeps its path)', async (url, expected) => {
		const { fetch, calls } = scriptedFetch(json(cardV1()));
		await connectAgent(url, { fetch });
		expect(calls.map((call) => [call.method, call.url])).toEqual([['GET', expected]]);
	});

	test('the card request sends A2A-Version 1.0 and the headers option', async () => {
		const { fetch, calls } = scriptedFetch(json(cardV1()));
		await connectAgent(agentUrl, { fetch, headers: { Authorization: 'Bearer card-token' } });
		expect(calls[0]?.headers).toMatchObject({ 'a2a-version': '1.0', authorization: 'Bearer card-token' });
	});

	test.each([['ftp://agents.example.com'], ['https://user:pw@agents.example.com'], ['https://agents.example.com/?token=x'], ['not a url']])('%s is refused with a ConfigError on url, without the value', async (url) => {
		const error = await rejection(connectAgent(url, { fetch: scriptedFetch().fetch }));
		expect(error).toMatchObject({ name: 'ConfigError', field: 'url' });
		expect((error as Error).message).not.toContain('pw');
		expect((error as Error).message).not.toContain('token=x');
	});
});

describe('validation of the card', () => {
	test('a card without a name is a ResponseValidationError naming the field', async () => {
		const { name: _name, ...nameless } = cardV1();
		const error = await rejection(connectAgent(agentUrl, { fetch: scriptedFetch(json(nameless)).fetch }));
		expect(isResponseValidationError(error)).toBe(true);
		expect((error as Error).message).toContain('name: Invalid key');
	});

	test('an interface with a number for a url names its path', async () => {
		const card = cardV1({ supportedInterfaces: [{ url: 5, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }] });
		const error = await rejection(connectAgent(agentUrl, { fetch: scriptedFetch(json(card)).fetch }));
		expect(isResponseValidationError(error) && error.issues.map((issue) => issue.path)).toEqual(['supportedInterfaces.0.url']);
	});

	test('a card answer that is not JSON is an UnexpectedResponseError', async () => {
		const error = await rejection(connectAgent(agentUrl, { fetch: scriptedFetch(new Response('<html>', { status: 200 })).fetch }));
		expect(error).toMatchObject({ name: 'UnexpectedResponseError', status: 200 });
	});

	test('a 404 for the card is an HttpError', async () => {
		const error = await rejection(connectAgent(agentUrl, { fetch: scriptedFetch(new Response('not here', { status: 404 })).fetch }));
		expect(error).toMatchObject({ name: 'HttpError', status: 404 });
	});

	test('a card given as an object is validated, never fetched; a bad one is a ConfigError on card', async () => {
		const { fetch, calls } = scriptedFetch();
		const agent = await connectAgent(cardV1(), { fetch });
		expect(agent.card.name).toBe('Research');
		expect(await agent.refreshCard({ force: true })).toBe(agent.card);
		expect(calls).toEqual([]);
		expect(await rejection(connectAgent({ description: 'no name' }, { fetch }))).toMatchObject({ name: 'ConfigError', field: 'card' });
	});

	test('the card is normalised: interfaces, capabilities, skills; the JSON kept as sent', async () => {
		const agent = await connectAgent(cardV1(), { fetch: scriptedFetch().fetch });
		expect(agent.card).toMatchObject({
			cardVersion: '1.0',
			interfaces: [
				{ url: rpcUrl, binding: 'JSONRPC', protocolVersion: '1.0' },
				{ url: restUrl, binding: 'HTTP+JSON', protocolVersion: '1.0' },
			],
			capabilities: { streaming: true, pushNotifications: false, extendedAgentCard: false },
			skills: [{ id: 'search', name: 'Search', description: 'searches', tags: ['search'] }],
		});
		expect(agent.card.json).toEqual(cardV1());
	});
});

describe('interface choice', () => {
	test('the card order (the agent preference) decides without a binding option', async () => {
		const agent = await connectAgent(cardV1(), { fetch: scriptedFetch().fetch });
		expect([agent.binding, agent.interface.url]).toEqual(['JSONRPC', rpcUrl]);
	});

	test('the binding option picks HTTP+JSON when the card offers it', async () => {
		const agent = await connectAgent(cardV1(), { fetch: scriptedFetch().fetch, binding: 'HTTP+JSON' });
		expect([agent.binding, agent.interface.url]).toEqual(['HTTP+JSON', restUrl]);
	});

	test('v1.0 is preferred to v0.3 on auto, and protocol 0.3 takes the 0.3 interface', async () => {
		const card = cardV1({
			supportedInterfaces: [
				{ url: `${rpcUrl}/v03`, protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
				{ url: rpcUrl, protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
			],
		});
		expect((await connectAgent(card, { fetch: scriptedFetch().fetch })).protocolVersion).toBe('1.0');
		const legacy = await connectAgent(card, { fetch: scriptedFetch().fetch, protocol: '0.3' });
		expect([legacy.protocolVersion, legacy.interface.url]).toEqual(['0.3', `${rpcUrl}/v03`]);
	});

	test('a v0.3 card speaks its url with its preferredTransport; 0.3.0 reads as 0.3', async () => {
		const agent = await connectAgent(cardV03(), { fetch: scriptedFetch().fetch });
		expect(agent.card.cardVersion).toBe('0.3');
		expect([agent.protocolVersion, agent.binding, agent.interface.url]).toEqual(['0.3', 'JSONRPC', rpcUrl]);
	});

	test('a relative interface URL is read against the card URL', async () => {
		const card = cardV1({ supportedInterfaces: [{ url: 'rpc', protocolBinding: 'JSONRPC', protocolVersion: '1.0' }] });
		const agent = await connectAgent(agentUrl, { fetch: scriptedFetch(json(card)).fetch });
		expect(agent.interface.url).toBe('https://agents.example.com/research/.well-known/rpc');
	});

	test('a card that offers nothing this client speaks is a VersionNotSupportedError naming what it offers', async () => {
		const card = cardV1({ supportedInterfaces: [{ url: rpcUrl, protocolBinding: 'GRPC', protocolVersion: '1.0' }, { url: restUrl, protocolBinding: 'HTTP+JSON', protocolVersion: '0.3' }] });
		const error = await rejection(connectAgent(card, { fetch: scriptedFetch().fetch }));
		expect(isVersionNotSupportedError(error)).toBe(true);
		expect((error as Error).message).toBe('the agent card offers GRPC 1.0, HTTP+JSON 0.3; this client speaks JSONRPC or HTTP+JSON 1.0, or JSONRPC 0.3');
	});

	test('an interface this client speaks at a URL that is not http(s) is named as such, without its credentials', async () => {
		const card = cardV1({ supportedInterfaces: [{ url: 'ftp://user:pw@agent.example/rpc', protocolBinding: 'JSONRPC', protocolVersion: '1.0' }] });
		const error = await rejection(connectAgent(card, { fetch: scriptedFetch().fetch }));
		expect(isVersionNotSupportedError(error)).toBe(true);
		expect((error as Error).message).toBe(`the agent card's JSONRPC 1.0 interface has a URL that is not http(s): "ftp://…@agent.example/rpc"`);
	});

	test('protocol 1.0 refuses a v0.3-only card', async () => {
		expect(isVersionNotSupportedError(await rejection(connectAgent(cardV03(), { fetch: scriptedFetch().fetch, protocol: '1.0' })))).toBe(true);
	});
});

describe('caching', () => {
	const cached = (headers: Record<string, string>) => json(cardV1(), 200, headers);

	test('refreshCard uses the card while Cache-Control max-age lasts, on the injected clock', async () => {
		const clock = new FakeClock();
		const { fetch, calls } = scriptedFetch(cached({ 'cache-control': 'public, max-age=60', etag: 'W/"v1"' }));
		const agent = await connectAgent(agentUrl, { fetch, clock });
		clock.advance(59_999);
		await agent.refreshCard();
		expect(calls).toHaveLength(1);
	});

	test('after max-age it revalidates with If-None-Match, and a 304 keeps the card for another max-age', async () => {
		const clock = new FakeClock();
		const { fetch, calls } = scriptedFetch(cached({ 'cache-control': 'max-age=60', etag: 'W/"v1"' }), new Response(null, { status: 304, headers: { 'cache-control': 'max-age=30' } }));
		const agent = await connectAgent(agentUrl, { fetch, clock });
		const first = agent.card;
		clock.advance(60_000);
		expect(await agent.refreshCard()).toBe(first);
		expect(calls[1]?.headers['if-none-match']).toBe('W/"v1"');
		clock.advance(29_999);
		await agent.refreshCard();
		expect(calls).toHaveLength(2);
	});

	test('a changed card replaces the old one and the interface is chosen again', async () => {
		const clock = new FakeClock();
		const moved = cardV1({ supportedInterfaces: [{ url: restUrl, protocolBinding: 'HTTP+JSON', protocolVersion: '1.0' }] });
		const { fetch } = scriptedFetch(cached({ etag: '"a"' }), json(moved, 200, { etag: '"b"' }));
		const agent = await connectAgent(agentUrl, { fetch, clock });
		expect(agent.binding).toBe('JSONRPC');
		await agent.refreshCard();
		expect([agent.binding, agent.interface.url]).toEqual(['HTTP+JSON', restUrl]);
	});

	test('no-cache (or no Cache-Control) asks every time; force asks even while fresh', async () => {
		const { fetch, calls } = scriptedFetch(cached({ 'cache-control': 'no-cache, max-age=600' }), cached({ 'cache-control': 'max-age=600' }));
		const agent = await connectAgent(agentUrl, { fetch });
		await agent.refreshCard();
		expect(calls).toHaveLength(2);
		await agent.refreshCard();
		expect(calls).toHaveLength(2);
		await agent.refreshCard({ force: true });
		expect(calls).toHaveLength(3);
	});

	test('a 503 for the card with Retry-After is retried after that wait, on the injected clock', async () => {
		const clock = new FakeClock();
		const { fetch, calls } = scriptedFetch(new Response('busy', { status: 503, headers: { 'retry-after': '7' } }), json(cardV1()));
		const agent = await drive(connectAgent(agentUrl, { fetch, clock }), clock);
		expect(agent.card.name).toBe('Research');
		expect(calls).toHaveLength(2);
		expect(clock.sleeps).toContain(7000);
	});
});

test('connectAgent refuses a card URL of the wrong type with a ConfigError on url', async () => {
	expect(await rejection(connectAgent(42 as unknown as string))).toMatchObject({ name: 'ConfigError', field: 'url' });
});

test('the signal option ends connectAgent at once with its reason, leaving no request in flight', async () => {
	const hanging = hangingFetch();
	const controller = new AbortController();
	const connecting = rejection(connectAgent(agentUrl, { fetch: hanging.fetch, signal: controller.signal }));
	await new Promise((resolve) => setTimeout(resolve, 0));
	controller.abort(new Error('user left'));
	expect(await connecting).toEqual(new Error('user left'));
	expect(hanging.inFlight).toBe(0);
});

test('a card request that gets no answer is a ReadTimeout after timeouts.requestMs, retried within the budget', async () => {
	const clock = new FakeClock();
	const hanging = hangingFetch();
	const error = await drive(rejection(connectAgent(agentUrl, { fetch: hanging.fetch, clock, timeouts: { requestMs: 1000 }, retry: { maxAttempts: 2 } })), clock);
	expect(error).toMatchObject({ name: 'TransportError', kind: 'ReadTimeout', attempts: 2 });
	expect(hanging.calls).toHaveLength(2);
	expect(clock.pendingTimers).toBe(0);
});
