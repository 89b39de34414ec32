import { createCanvasClient, type CanvasClient, type CanvasClientOptions } from '../../src/canvas/index.js';
import type { FetchFunction } from '../../src/index.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { PLATFORM_URL, sequentialUuid, TOKEN } from '../helpers/ids.js';

/** The organisation's root, two children of it, and a grandchild. */
export const ROOT = '30000000-0000-4000-8000-000000000001';
export const LEAD = '30000000-0000-4000-8000-000000000002';
export const WORKER = '30000000-0000-4000-8000-000000000003';
export const INTERN = '30000000-0000-4000-8000-000000000004';

export interface TestCanvas {
	canvas: CanvasClient;
	clock: FakeClock;
	logs: string[];
}

/** A canvas client with an org token, on fake time, with deterministic ids and jitter, logging into `logs`. */
export function testCanvas(fetch: FetchFunction, overrides: Partial<CanvasClientOptions> = {}): TestCanvas {
	const clock = new FakeClock();
	const logs: string[] = [];
	const canvas = createCanvasClient({
		platformUrl: PLATFORM_URL,
		auth: { token: TOKEN },
		fetch,
		clock,
		random: () => 0.5,
		uuid: sequentialUuid(),
		logger: { debug: (line) => logs.push(`debug ${line}`), warn: (line) => logs.push(`warn ${line}`), error: (line) => logs.push(`error ${line}`) },
		...overrides,
	});
	return { canvas, clock, logs };
}

/** What `rejects` rejected with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected a rejection');
}
