// Hostile input, property-based: ids, backoff arithmetic, reply shapes, header values. Secrets: secrets.test.ts.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { backoffDelayMs, createA2AClient, extractReply, formatA2AError, isA2AClientError, validatePeerId, type SendOutcome } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { PEER_ID, WORKSPACE_ID } from '../helpers/ids.js';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';
import { brokenHeaderValue, expectUnpolluted, hostileBody, hostileCharacter, hostileJsonText, isUuid, padding, uuid } from './arbitraries.js';
import { sendAgainst, watchUnhandledRejections } from './harness.js';

watchUnhandledRejections();

describe('validatePeerId', () => {
	test('accepts every UUID in any case and with any padding, as its trimmed lower-case form', () => {
		fc.assert(
			fc.property(uuid, padding, padding, (id, before, after) => {
				expect(validatePeerId(before + id + after)).toBe(id.toLowerCase());
			}),
		);
	});

	test('accepts exactly the canonical UUIDs, and its output never holds a path, encoding, space or control character', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string({ unit: 'binary' }), uuid, fc.tuple(padding, uuid, padding).map((parts) => parts.join(''))), (input) => {
				const output = validatePeerId(input);
				expect(output !== null).toBe(isUuid(input.trim()));
				if (output !== null) {
					expect(output).toBe(input.trim().toLowerCase());
					expect(output).not.toMatch(/[/.%\s\p{Cc}\p{Cf}]/u);
				}
			}),
			{ numRuns: 500 },
		);
	});

	test('refuses a UUID with anything inserted inside it', () => {
		fc.assert(
			fc.property(uuid, fc.integer({ min: 1, max: 35 }), hostileCharacter, (id, at, inserted) => {
				expect(validatePeerId(id.slice(0, at) + inserted + id.slice(at))).toBeNull();
			}),
		);
	});

	test('refuses a UUID with a character swapped for one not valid there', () => {
		fc.assert(
			fc.property(uuid, fc.integer({ min: 0, max: 35 }), hostileCharacter, (id, at, swapped) => {
				const input = id.slice(0, at) + swapped + id.slice(at + 1);
				fc.pre(!isUuid(input.trim()));
				expect(validatePeerId(input)).toBeNull();
			}),
		);
	});

	test('refuses anything that is not a string', () => {
		fc.assert(
			fc.property(
				fc.anything().filter((value) => typeof value !== 'string'),
				(value) => {
					expect(validatePeerId(value)).toBeNull();
				},
			),
		);
	});
});

describe('backoffDelayMs', () => {
	const defaults = { baseDelayMs: 1000, maxDelayMs: 16_000, jitter: 0.25 };
	const attempt = fc.oneof(fc.integer({ min: -10, max: 70 }), fc.double({ noDefaultInfinity: true }), fc.constantFrom(Number.NaN, -Infinity, -0, 2 ** 53, Number.MAX_VALUE));
	const draw = fc.oneof(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, 1, 2));
	const limit = fc.double({ min: 0, max: 2 ** 31 - 1, noNaN: true });
	const policy = fc.record({ baseDelayMs: limit, maxDelayMs: limit, jitter: fc.double({ min: 0, max: 1, noNaN: true }) }, { requiredKeys: [] });

	/** min(base · 2^n, cap), with n < 1 and NaN counting as attempt 0 and fractions rounded down. */
	function centre(n: number, given: Partial<typeof defaults>): number {
		const { baseDelayMs, maxDelayMs } = { ...defaults, ...given };
		const exponent = Number.isNaN(n) || n <= 0 ? 0 : Math.floor(n);
		return baseDelayMs === 0 ? 0 : Math.min(baseDelayMs * 2 ** exponent, maxDelayMs);
	}

	test('always lies within ±jitter of min(base·2^n, cap), never negative, never NaN', () => {
		fc.assert(
			fc.property(attempt, policy, draw, (n, given, random) => {
				const delay = backoffDelayMs(n, given, () => random);
				const middle = centre(n, given);
				const spread = middle * (given.jitter ?? defaults.jitter);
				const slack = 1e-9 * Math.max(1, middle);
				expect(Number.isNaN(delay)).toBe(false);
				expect(delay).toBeGreaterThanOrEqual(0);
				expect(delay).toBeGreaterThanOrEqual(middle - spread - slack);
				expect(delay).toBeLessThanOrEqual(middle + spread + slack);
			}),
			{ numRuns: 1000 },
		);
	});

	test('a random draw of 0.5 (or one that is not a number) gives exactly the centre', () => {
		fc.assert(
			fc.property(attempt, policy, fc.constantFrom(0.5, Number.NaN), (n, given, random) => {
				expect(backoffDelayMs(n, given, () => random)).toBeCloseTo(centre(n, given), 6);
			}),
		);
	});

	test('+Infinity attempts get the cap, as every huge attempt does', () => {
		expect(backoffDelayMs(Infinity, {}, () => 0.5)).toBe(16_000);
	});
});

function expectWellFormed(outcome: SendOutcome): void {
	expect(['replied', 'queued', 'failed']).toContain(outcome.status);
	expect(outcome.attempts).toBeGreaterThanOrEqual(1);
	expect(outcome.attempts).toBeLessThanOrEqual(5);
	if (outcome.status === 'replied') {
		expect(typeof outcome.text).toBe('string');
		expect(outcome.parts.every((part) => ['text', 'file', 'data'].includes(part.kind))).toBe(true);
		expect(outcome.files.every((file) => typeof file.uri === 'string')).toBe(true);
	}
	if (outcome.status === 'failed') {
		expect(isA2AClientError(outcome.error)).toBe(true);
		expect(formatA2AError(outcome.error).startsWith('[A2A_ERROR] ')).toBe(true);
	}
}

describe('hostile replies', () => {
	test('extractReply reads any JSON value without throwing, into a well-formed reply', () => {
		fc.assert(
			fc.property(fc.oneof(fc.jsonValue(), hostileJsonText.map((text) => JSON.parse(text) as unknown)), (value) => {
				const reply = extractReply(value);
				expect(typeof reply.text).toBe('string');
				expect(reply.text).toBe(reply.parts.flatMap((part) => (part.kind === 'text' ? [part.text] : [])).join('\n'));
				expect(reply.files.every((file) => typeof file.uri === 'string')).toBe(true);
				expectUnpolluted();
			}),
			{ numRuns: 1000 },
		);
	});

	test('sendMessage turns any body, status and content type into an outcome, pollutes no prototype and leaves no timer', async () => {
		const status = fc.constantFrom(200, 200, 200, 202, 400, 404, 429, 500, 503);
		const contentType = fc.constantFrom('application/json', 'text/plain', 'text/html', '');
		await fc.assert(
			fc.asyncProperty(hostileBody, status, contentType, async (body, code, type) => {
				const { outcome, clock } = await sendAgainst([new Response(body, { status: code, headers: type ? { 'content-type': type } : {} })]);
				expectWellFormed(outcome);
				expect(clock.pendingTimers).toBe(0);
				expectUnpolluted();
			}),
			{ numRuns: 300 },
		);
	});
});


describe('header values', () => {
	const breaking = 'contains a line break, control or non-ASCII character, which cannot be sent in a header';

	test('a token, orgId or origin with a line break, control or non-ASCII character inside is a ConfigError at createA2AClient', () => {
		fc.assert(
			fc.property(fc.constantFrom('token', 'orgId', 'origin'), brokenHeaderValue, (field, value) => {
				const fetch = scriptedFetch(json({ result: 'ok' }));
				expect(() => createA2AClient({ workspaceId: WORKSPACE_ID, fetch: fetch.fetch, [field]: value })).toThrow(
					expect.objectContaining({ name: 'ConfigError', field, message: `${field} ${breaking}` }),
				);
			}),
		);
	});

	test('a provider token with such a character is a ConfigError before any request, in every call', async () => {
		await fc.assert(
			fc.asyncProperty(brokenHeaderValue, async (value) => {
				const fetch = scriptedFetch(json({ result: 'ok' }));
				const { client, clock } = testClient(fetch.fetch, { token: () => value });
				const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
				expect(outcome).toMatchObject({ status: 'failed', attempts: 1, error: { name: 'ConfigError', field: 'token', message: `token ${breaking}` } });
				expect(await client.listPeers()).toEqual({ peers: [], diagnostic: `Workspace token unavailable: token ${breaking}` });
				expect(await client.getWorkspaceInfo()).toEqual({ error: `token ${breaking}` });
				expect(await client.discoverPeer(PEER_ID)).toBeNull();
				expect(fetch.calls).toHaveLength(0);
			}),
		);
	});

	test('a refreshed token with such a character is a ConfigError before a second request', async () => {
		await fc.assert(
			fc.asyncProperty(brokenHeaderValue, async (value) => {
				const fetch = scriptedFetch(json({ error: 'invalid caller auth token' }, 401), json({ result: 'ok' }));
				const { client, clock } = testClient(fetch.fetch, { token: { get: () => 'token-before-0001', refresh: () => value } });
				const outcome = await drive(client.sendMessage(PEER_ID, 'x'), clock);
				expect(outcome).toMatchObject({ status: 'failed', error: { name: 'ConfigError', field: 'token' } });
				expect(fetch.calls).toHaveLength(1);
			}),
		);
	});

	test('a platformUrl with a line break inside is a ConfigError, not carried into targets and agent card URLs', () => {
		fc.assert(
			fc.property(fc.constantFrom('\r\n', '\n', '\t'), (breaker) => {
				expect(() => createA2AClient({ workspaceId: WORKSPACE_ID, platformUrl: `http://platform.test/${breaker}injected` })).toThrow(
					expect.objectContaining({ name: 'ConfigError', field: 'platformUrl' }),
				);
			}),
		);
	});

	test('line breaks and spaces around a value are trimmed away, not sent', async () => {
		const fetch = scriptedFetch(json({ result: 'ok' }));
		const { client, clock } = testClient(fetch.fetch, { token: ' token-padded-0001\r\n', orgId: '\norg-1 ', origin: ' http://canvas.test\t' });
		await drive(client.sendMessage(PEER_ID, 'x'), clock);
		expect(fetch.calls[0]?.headers).toMatchObject({ authorization: 'Bearer token-padded-0001', 'x-molecule-org-id': 'org-1', origin: 'http://canvas.test' });
	});
});
