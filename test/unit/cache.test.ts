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
