// Issue 13, "Reliability and speed": drop the events connection 20 times in a minute; the iterable
// keeps going, backs off with jitter and says it is reconnecting; nothing is left after the abort.
import { describe, expect, test } from 'vitest';
import type { CanvasEvent, ReconnectingEvent } from '../../src/canvas/index.js';
import { drive } from '../helpers/fake-clock.js';
import { scriptedFetch } from '../helpers/scripted-fetch.js';
import { FakeWebSocket } from './fake-websocket.js';
import { LEAD, testCanvas } from './helpers.js';

const frame = (n: number) => `data: ${JSON.stringify({ type: 'AGENT_MESSAGE', timestamp: n, data: { message: `event ${n}` } })}\n\n`;
/** Jitter draws that differ from one wait to the next. */
const draws = [0.9, 0.3, 0.6, 0.1, 0.75];
const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An event stream that sends `chunk`, then (when `breaks`) breaks off on the next read, else stays open. */
function flapping(chunk: string, breaks: boolean): { stream: ReadableStream<Uint8Array>; cancelled: () => boolean } {
	let reads = 0;
	let cancelled = false;
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (reads++ === 0) controller.enqueue(new TextEncoder().encode(chunk));
			else if (breaks) controller.error(new TypeError('terminated'));
		},
		cancel() {
			cancelled = true;
		},
	});
	return { stream, cancelled: () => cancelled };
}

describe('events survive a flapping connection', () => {
	test('SSE dropped 20 times in a minute: events keep coming, each drop is reported with a jittered, capped backoff, and the abort leaves nothing', async () => {
		const bodies: ReturnType<typeof flapping>[] = [];
		let drawn = 0;
		const fake = scriptedFetch(() => {
			// Each connection delivers one new event, then breaks off; the 21st stays open.
			const body = flapping(frame(bodies.length), bodies.length < 20);
			bodies.push(body);
			return new Response(body.stream, { headers: { 'content-type': 'text/event-stream' } });
		});
		const controller = new AbortController();
		const { canvas, clock } = testCanvas(fake.fetch, { random: () => draws[drawn++ % draws.length] as number, retry: { baseDelayMs: 250, maxDelayMs: 4000 } });
		const iterator = canvas.events({ workspaceId: LEAD, signal: controller.signal })[Symbol.asyncIterator]();
		const seen: CanvasEvent[] = [];
		while (seen.filter((event) => event.type === 'AGENT_MESSAGE').length < 21) {
			const result = await drive(iterator.next(), clock, () => fake.inFlight > 0);
			if (result.done) throw new Error('the events ended');
			seen.push(result.value);
		}
		const drops = seen.filter((event): event is ReconnectingEvent => event.type === 'reconnecting');
		expect(drops).toHaveLength(20);
		expect(seen.filter((event) => event.type === 'reconnected')).toHaveLength(20);
		expect(seen.filter((event) => event.type === 'AGENT_MESSAGE').map((event) => (event as { text: string }).text)).toEqual(Array.from({ length: 21 }, (_, n) => `event ${n}`));
		expect(drops.map((drop) => drop.attempt)).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
		expect(drops.every((drop) => /ReadError: the event stream broke off/.test(drop.reason))).toBe(true);
		// Full jitter: a draw from [0, min(4000, 250 · 2^n)); the waits differ, grow, and stop at the cap.
		const ceilings = drops.map((_, n) => Math.min(4000, 250 * 2 ** n));
		expect(drops.map((drop) => drop.delayMs)).toEqual(ceilings.map((ceiling, n) => Math.floor(ceiling * (draws[n % draws.length] as number))));
		expect(new Set(drops.map((drop) => drop.delayMs)).size).toBeGreaterThan(5);
		expect(clock.now()).toBeLessThan(60_000);
		const pending = iterator.next();
		controller.abort();
		expect(await pending).toEqual({ done: true, value: undefined });
		expect(clock.pendingTimers).toBe(0);
		expect(fake.inFlight).toBe(0);
		expect(bodies.at(-1)?.cancelled()).toBe(true);
	});

	test('/ws dropped 20 times: every socket but the last is closed and released, and the abort closes the last', async () => {
		FakeWebSocket.sockets = [];
		const controller = new AbortController();
		const { canvas, clock } = testCanvas(scriptedFetch(new Response('unused')).fetch, { WebSocket: FakeWebSocket as never, retry: { baseDelayMs: 250, maxDelayMs: 4000 } });
		const iterator = canvas.events({ signal: controller.signal })[Symbol.asyncIterator]();
		const kinds: string[] = [];
		const take = async (): Promise<void> => {
			const result = await iterator.next();
			kinds.push((result.value as CanvasEvent).type);
		};
		for (let drop = 0; drop <= 20; drop++) {
			const next = take();
			while (FakeWebSocket.sockets.length <= drop) {
				await macrotask();
				clock.runNext();
			}
			const ws = FakeWebSocket.sockets[drop] as FakeWebSocket;
			ws.open().send(JSON.stringify({ event: 'WORKSPACE_HEARTBEAT', workspace_id: LEAD, timestamp: '2026-11-30T06:00:00Z', payload: { n: drop } }));
			await next;
			if (drop > 0) await take();
			if (drop < 20) {
				ws.drop();
				await take();
			}
		}
		expect(kinds.slice(0, 5)).toEqual(['WORKSPACE_HEARTBEAT', 'reconnecting', 'reconnected', 'WORKSPACE_HEARTBEAT', 'reconnecting']);
		expect(kinds.filter((kind) => kind === 'reconnecting')).toHaveLength(20);
		expect(kinds.filter((kind) => kind === 'WORKSPACE_HEARTBEAT')).toHaveLength(21);
		expect(FakeWebSocket.sockets.slice(0, 20).map((ws) => `${ws.listeners} ${ws.readyState}`)).toEqual(Array.from({ length: 20 }, () => '0 3'));
		const pending = iterator.next();
		controller.abort();
		expect(await pending).toEqual({ done: true, value: undefined });
		expect(FakeWebSocket.sockets[20]?.closedWith).toBe(1000);
		expect(FakeWebSocket.sockets[20]?.listeners).toBe(0);
		expect(clock.pendingTimers).toBe(0);
	});
});
