// The full-jitter backoff (src/events/backoff.ts) the faces wait with before reconnecting a stream.
import { describe, expect, test } from 'vitest';
import { isConfigError } from '../../src/errors/config-error.js';
import { backoffDelay, type BackoffOptions } from '../../src/events/backoff.js';

const at = (unit: number): BackoffOptions => ({ baseMs: 500, maxMs: 30_000, random: () => unit });

describe('backoffDelay', () => {
	test('draws the whole wait uniformly below a ceiling that doubles from baseMs', () => {
		expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, at(0.5)))).toEqual([250, 500, 1000, 2000]);
		expect(backoffDelay(2, at(0))).toBe(0);
		expect(backoffDelay(2, at(0.999))).toBe(1998);
	});

	test('the ceiling stops at maxMs however many attempts were made', () => {
		expect(backoffDelay(6, at(0.5))).toBe(15_000);
		expect(backoffDelay(2000, at(0.5))).toBe(15_000);
	});

	test('a negative or fractional attempt reads as the whole attempts made, from 0', () => {
		expect(backoffDelay(-3, at(0.5))).toBe(250);
		expect(backoffDelay(1.9, at(0.5))).toBe(500);
	});

	test('a random outside [0, 1) is clamped, and NaN reads as the middle', () => {
		expect(backoffDelay(0, at(7))).toBe(500);
		expect(backoffDelay(0, at(-1))).toBe(0);
		expect(backoffDelay(0, at(Number.NaN))).toBe(250);
	});

	test('an unusable option is a ConfigError naming it', () => {
		for (const [options, field] of [
			[{ ...at(0.5), baseMs: -1 }, 'baseMs'],
			[{ ...at(0.5), maxMs: Number.POSITIVE_INFINITY }, 'maxMs'],
			[{ ...at(0.5), random: 0.5 }, 'random'],
		] as const) {
			const error = (() => {
				try {
					backoffDelay(1, options as unknown as BackoffOptions);
				} catch (caught) {
					return caught;
				}
			})();
			expect(isConfigError(error) && error.field).toBe(field);
		}
	});
});
