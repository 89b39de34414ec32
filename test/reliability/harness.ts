// Shared by the reliability tests: a fetch that knows what is in flight, fault runs on fake time, leak watches.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { formatA2AError, type A2AClientConfig, type FetchFunction, type SendOutcome } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { drive } from '../helpers/fake-clock.js';
import { PEER_ID } from '../helpers/ids.js';
import { scriptedFetch, type Step } from '../helpers/scripted-fetch.js';
import { startFaultServer, type Fault, type FaultServer } from './fault-server.js';

export const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Waits in real time until `condition` holds; fails after `limitMs`. */
export async function waitFor(condition: () => boolean, limitMs = 5000): Promise<void> {
	const until = Date.now() + limitMs;
	while (!condition()) {
		if (Date.now() > until) throw new Error('waitFor: condition never held');
		await new Promise((resolve) => setTimeout(resolve, 1));
	}
}

export interface FetchTracker {
	readonly fetch: FetchFunction;
	/** fetch calls made. */
	readonly started: number;
	/** Exchanges not over yet: waiting for headers, or with a body neither read to the end nor cancelled. */
	readonly inFlight: number;
	readonly awaitingHeaders: number;
	/** `request.redirect` of every request handed to fetch. */
	readonly redirectModes: readonly RequestRedirect[];
}

const nullBodyStatus = new Set([101, 204, 205, 304]);

/** Wraps a fetch (default: the real one) to count exchanges until their body is done, so fake time waits for real I/O. */
export function trackFetch(inner: FetchFunction = (request) => globalThis.fetch(request)): FetchTracker {
	let started = 0;
	let inFlight = 0;
	let awaitingHeaders = 0;
	const redirectModes: RequestRedirect[] = [];
	const fetch: FetchFunction = async (request) => {
		started++;
		inFlight++;
		awaitingHeaders++;
		redirectModes.push(request.redirect);
		let response: Response;
		try {
			response = await inner(request);
		} catch (error) {
			inFlight--;
			throw error;
		} finally {
			awaitingHeaders--;
		}
		if (!response.body || nullBodyStatus.has(response.status)) {
			inFlight--;
			return response;
		}
		const reader = response.body.getReader();
		let open = true;
		const over = (): void => {
			if (open) inFlight--;
			open = false;
		};
		const body = new ReadableStream<Uint8Array>({
			async pull(controller) {
				try {
					const { done, value } = await reader.read();
					if (done) {
						over();
						controller.close();
					} else controller.enqueue(value);
				} catch (error) {
					over();
					controller.error(error);
				}
			},
			cancel(reason) {
				over();
				return reader.cancel(reason);
			},
		});
		const wrapped = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
		return Object.defineProperties(wrapped, {
			url: { value: response.url },
			redirected: { value: response.redirected },
			type: { value: response.type },
		});
	};
	return {
		fetch,
		get started() {
			return started;
		},
		get inFlight() {
			return inFlight;
		},
		get awaitingHeaders() {
			return awaitingHeaders;
		},
		redirectModes,
	};
}

/** Fails the test file when a promise rejection goes unhandled. */
export function watchUnhandledRejections(): readonly unknown[] {
	const seen: unknown[] = [];
	const listener = (reason: unknown): void => {
		seen.push(reason);
	};
	beforeAll(() => {
		process.on('unhandledRejection', listener);
	});
	afterEach(async () => {
		await macrotask();
		expect(seen).toEqual([]);
	});
	afterAll(async () => {
		await new Promise((resolve) => setTimeout(resolve, 20));
		process.off('unhandledRejection', listener);
		expect(seen).toEqual([]);
	});
	return seen;
}

export interface FaultRun {
	outcome: SendOutcome;
	/** `formatA2AError` of a failed outcome. */
	formatted: string | undefined;
	/** What `sendText` answered for the same script, on a fresh client. */
	text: string;
	/** Simulated milliseconds `sendMessage` took on its FakeClock. */
	elapsedMs: number;
	/** Requests the server received during `sendMessage`. */
	requests: number;
	/** fetch calls during `sendMessage`. */
	fetches: number;
	/** FakeClock timers left once `sendMessage` settled. */
	pendingTimers: number;
	logs: string[];
}

export interface RunOptions {
	overrides?: Partial<A2AClientConfig>;
	/** The fault holds the exchange open: time moves only while the server holds every request in flight. */
	stall?: 'headers' | 'body';
}

/** `sendMessage(PEER_ID, 'hello')`, then `sendText`, through `url` on fake time, each against a fresh copy of `faults`. */
export async function runFault(url: string, server: FaultServer | undefined, faults: Fault[], options: RunOptions = {}): Promise<FaultRun> {
	const { stall } = options;
	const start = (): { tracker: FetchTracker; busy: () => boolean } & ReturnType<typeof testClient> => {
		server?.script(...faults);
		const tracker = trackFetch();
		const held = (): boolean =>
			server !== undefined &&
			server.log.length === tracker.started &&
			server.log.slice(-tracker.inFlight).every((entry) => entry.state === 'held') &&
			(stall === 'headers' || tracker.awaitingHeaders === 0);
		const busy = (): boolean => tracker.inFlight > 0 && !(stall !== undefined && held());
		return { tracker, busy, ...testClient(tracker.fetch, { platformUrl: url, ...options.overrides }) };
	};
	const first = start();
	const outcome = await drive(first.client.sendMessage(PEER_ID, 'hello'), first.clock, first.busy);
	const run = {
		outcome,
		formatted: outcome.status === 'failed' ? formatA2AError(outcome.error) : undefined,
		elapsedMs: first.clock.now(),
		requests: server?.log.length ?? 0,
		fetches: first.tracker.started,
		pendingTimers: first.clock.pendingTimers,
		logs: first.logs,
	};
	const second = start();
	const text = await drive(second.client.sendText(PEER_ID, 'hello'), second.clock, second.busy);
	return { ...run, text };
}

/** `[A2A_ERROR] <kind>: <one of undici's wordings> [target=<target>]`, for faults whose wording depends on how the socket died. */
export function saysOneOf(kind: string, wordings: readonly string[], target: string): RegExp {
	const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`^\\[A2A_ERROR\\] ${kind}: (${wordings.map(escape).join('|')}) \\[target=${escape(target)}\\]$`);
}

/** What undici says when a response body breaks off: the first for a declared length, the second for a chunked body. */
export const droppedBodyWordings = [
	'Response body length does not match content-length header',
	'Response does not match the HTTP/1.1 protocol (Invalid EOF state)',
	'read ECONNRESET',
	'other side closed',
	'terminated',
];

/** The proxy URL the client posts to for `PEER_ID`. */
export const targetOf = (url: string): string => `${url}/workspaces/${PEER_ID}/a2a`;

export interface Expected {
	status: SendOutcome['status'];
	/** The error class name of a failure. */
	error?: string;
	/** `formatA2AError` of a failure, which `sendText` must answer too (a pattern where the runtime's wording varies); for a reply, its text. */
	says: string | RegExp;
	attempts: number;
	/** Requests the server saw. */
	requests: number;
	elapsedMs: number;
}

function expectSays(actual: string | undefined, says: string | RegExp): void {
	if (typeof says === 'string') expect(actual).toBe(says);
	else expect(actual).toMatch(says);
}

/** Pins a fault run: outcome, wording, attempts, requests, simulated time (within the default budget) and no timer left. */
export function expectRun(run: FaultRun, expected: Expected): void {
	expect(run.outcome.status).toBe(expected.status);
	expect(run.outcome.attempts).toBe(expected.attempts);
	if (run.outcome.status === 'failed') {
		expect(run.outcome.error.name).toBe(expected.error);
		expect(run.outcome.error.attempts).toBe(expected.attempts);
		expectSays(run.formatted, expected.says);
	} else if (run.outcome.status === 'replied') {
		expectSays(run.outcome.text, expected.says);
	}
	expectSays(run.text, expected.says);
	expect(run.fetches).toBe(expected.attempts);
	expect(run.requests).toBe(expected.requests);
	expect(run.elapsedMs).toBe(expected.elapsedMs);
	expect(run.elapsedMs).toBeLessThanOrEqual(600_000);
	expect(run.pendingTimers).toBe(0);
}

/** Runs a send against `steps` on fake time; answers the outcome, the log lines and the timers left. */
export async function sendAgainst(steps: Step[], overrides: Parameters<typeof testClient>[1] = {}) {
	const fetch = scriptedFetch(...steps);
	const { client, clock, logs } = testClient(fetch.fetch, overrides);
	const outcome = await drive(client.sendMessage(PEER_ID, 'hello'), clock);
	return { outcome, logs, client, clock, calls: fetch.calls };
}

/**
 * One fault server for the whole test file, started before its tests and closed after them, with
 * unhandled rejections watched; `use` receives the server once it listens.
 */
export function useFaultServer(use: (server: FaultServer) => void): void {
	watchUnhandledRejections();
	let server: FaultServer | undefined;
	beforeAll(async () => {
		server = await startFaultServer();
		use(server);
	});
	afterAll(async () => {
		await server?.close();
	});
}
