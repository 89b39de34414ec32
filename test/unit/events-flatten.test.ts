// flatten (src/events/flatten.ts): batches a body read at a time, served to the caller one item at a time.
import { describe, expect, test } from 'vitest';
import { flatten } from '../../src/events/flatten.js';
import { collect } from '../helpers/stream-script.js';

/** A generator of `batches` that records how far it got and whether its clean-up ran. */
function source(batches: number[][], failAfter?: Error) {
	const state = { pulled: 0, closed: false };
	async function* generate(): AsyncGenerator<number[], void, undefined> {
		try {
			for (const batch of batches) {
				state.pulled++;
				yield batch;
			}
			if (failAfter) throw failAfter;
		} finally {
			state.closed = true;
		}
	}
	return { batches: generate(), state };
}

describe('flatten', () => {
	test('serves every item of every batch in order, skipping empty batches, then ends', async () => {
		const { batches, state } = source([[1, 2], [], [3], [4, 5, 6]]);
		expect(await collect(flatten(batches))).toEqual([1, 2, 3, 4, 5, 6]);
		expect(state.closed).toBe(true);
	});

	test('calls of next() made before a batch arrives get its items in order', async () => {
		const { batches } = source([[1, 2, 3], [4]]);
		const iterator = flatten(batches);
		const results = await Promise.all([iterator.next(), iterator.next(), iterator.next(), iterator.next(), iterator.next()]);
		expect(results.map((result) => (result.done ? 'done' : result.value))).toEqual([1, 2, 3, 4, 'done']);
	});

	test('a break closes the batches at once, without pulling another', async () => {
		const { batches, state } = source([[1, 2], [3]]);
		for await (const item of flatten(batches)) {
			expect(item).toBe(1);
			break;
		}
		expect(state).toEqual({ pulled: 1, closed: true });
	});

	test('after an abort, next() rejects with its reason although the batch holds more, and closes the batches', async () => {
		const controller = new AbortController();
		const { batches, state } = source([[1, 2, 3]]);
		const iterator = flatten(batches, controller.signal);
		await iterator.next();
		const reason = new Error('stop');
		controller.abort(reason);
		await expect(iterator.next()).rejects.toBe(reason);
		expect(state.closed).toBe(true);
		expect(await iterator.next()).toEqual({ value: undefined, done: true });
	});

	test('an error of the batches rejects next() once the items before it are served, then the iteration is over', async () => {
		const failure = new Error('broke');
		const { batches } = source([[1]], failure);
		const iterator = flatten(batches);
		expect(await iterator.next()).toEqual({ value: 1, done: false });
		await expect(iterator.next()).rejects.toBe(failure);
		expect(await iterator.next()).toEqual({ value: undefined, done: true });
	});
});
