import { describe, expect, test } from 'vitest';
import { TtlCache } from '../../src/cache.js';

function cache(maxEntries = 10, ttlMs = 100) {
	let now = 0;
	const store = new TtlCache<string | null>({ ttlMs, maxEntries, now: () => now });
	return { store, tick: (ms: number) => (now += ms) };
}

describe('TtlCache', () => {
	test('remembers a value, and null as a remembered miss', async () => {
		const { store } = cache();
		await store.get('a', async () => 'A');
		await store.get('b', async () => null);
		expect([store.peek('a'), store.peek('b'), store.peek('c')]).toEqual(['A', null, undefined]);
	});

	test('forgets an entry at its TTL', async () => {
		const { store, tick } = cache();
		await store.get('a', async () => 'A');
		tick(99);
		expect(store.peek('a')).toBe('A');
		tick(1);
		expect(store.peek('a')).toBeUndefined();
		expect(store.size).toBe(0);
	});

	test('dates an entry from when its load started', async () => {
		const { store, tick } = cache();
		let finish: (value: string) => void = () => {};
		const loading = store.get('a', () => new Promise<string>((resolve) => (finish = resolve)));
		tick(60);
		finish('A');
		await loading;
		tick(40);
		expect(store.peek('a')).toBeUndefined();
	});

	test('shares one load among concurrent callers', async () => {
		const { store } = cache();
		let loads = 0;
		const load = async () => (loads++, 'A');
		expect(await Promise.all([store.get('a', load), store.get('a', load), store.get('a', load)])).toEqual(['A', 'A', 'A']);
		expect(loads).toBe(1);
	});

	test('does not cache a load that throws, and lets the next caller try again', async () => {
		const { store } = cache();
		await expect(store.get('a', async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
		expect(await store.get('a', async () => 'A')).toBe('A');
	});

	test('a caller that aborts is rejected with the reason while the load goes on for the others', async () => {
		const { store } = cache();
		let finish: (value: string) => void = () => {};
		let loadSignal: AbortSignal | undefined;
		const load = (signal: AbortSignal) => ((loadSignal = signal), new Promise<string>((resolve) => (finish = resolve)));
		const controller = new AbortController();
		const leaving = store.get('a', load, controller.signal);
		const staying = store.get('a', load);
		controller.abort(new Error('gone'));
		await expect(leaving).rejects.toThrow('gone');
		finish('A');
		expect(await staying).toBe('A');
		expect([loadSignal?.aborted, store.peek('a')]).toEqual([false, 'A']);
	});

	test('a load every caller abandoned is aborted, caches nothing, and the next caller loads afresh', async () => {
		const { store } = cache();
		let loadSignal: AbortSignal | undefined;
		const controllers = [new AbortController(), new AbortController()];
		const hanging = (signal: AbortSignal) => ((loadSignal = signal), new Promise<string>(() => {}));
		const callers = controllers.map((controller) => store.get('a', hanging, controller.signal));
		for (const controller of controllers) controller.abort(new Error('gone'));
		await Promise.allSettled(callers);
		expect(loadSignal?.aborted).toBe(true);
		expect(store.peek('a')).toBeUndefined();
		expect(await store.get('a', async () => 'fresh')).toBe('fresh');
	});

	test('a value that arrives after every caller abandoned its load is not cached', async () => {
		const { store } = cache();
		let finish: (value: string) => void = () => {};
		const controller = new AbortController();
		const caller = store.get('a', () => new Promise<string>((resolve) => (finish = resolve)), controller.signal);
		controller.abort(new Error('gone'));
		await expect(caller).rejects.toThrow('gone');
		finish('late');
		await new Promise((resolve) => setImmediate(resolve));
		expect(store.peek('a')).toBeUndefined();
	});

	test('evicts the least recently used entry beyond maxEntries', async () => {
		const { store } = cache(2);
		await store.get('a', async () => 'A');
		await store.get('b', async () => 'B');
		store.peek('a');
		await store.get('c', async () => 'C');
		expect([store.peek('a'), store.peek('b'), store.peek('c')]).toEqual(['A', undefined, 'C']);
		expect(store.size).toBe(2);
	});
});
