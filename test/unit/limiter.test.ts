import { describe, expect, test } from 'vitest';
import { limiter as createLimiter } from '../../src/internal/limiter.js';
import { FakeClock } from '../helpers/fake-clock.js';

/** A task that takes `ms` of fake time and records when it started and finished. */
function timedTasks(clock: FakeClock) {
	const events: string[] = [];
	let running = 0;
	let mostRunning = 0;
	const task = (name: string, ms: number) => async (): Promise<string> => {
		events.push(`start ${name} at ${clock.now()}`);
		mostRunning = Math.max(mostRunning, ++running);
		await clock.sleep(ms);
		running--;
		return name;
	};
	return {
		events,
		task,
		get mostRunning() {
			return mostRunning;
		},
	};
}

describe('limiter', () => {
	test('runs at most its limit of tasks at once', async () => {
		const clock = new FakeClock();
		const run = createLimiter(3);
		const tasks = timedTasks(clock);
		const all = Promise.all(Array.from({ length: 10 }, (_, index) => run(tasks.task(`t${index}`, 100))));
		await clock.run(1000);
		expect(await all).toHaveLength(10);
		expect(tasks.mostRunning).toBe(3);
		// Ten tasks of 100 ms, three at a time: four rounds.
		expect(tasks.events.at(-1)).toBe('start t9 at 300');
	});

	test('starts waiting tasks in the order they came', async () => {
		const clock = new FakeClock();
		const run = createLimiter(1);
		const tasks = timedTasks(clock);
		const all = Promise.all(['a', 'b', 'c', 'd'].map((name) => run(tasks.task(name, 10))));
		await clock.run(100);
		await all;
		expect(tasks.events).toEqual(['start a at 0', 'start b at 10', 'start c at 20', 'start d at 30']);
	});

	test('a newcomer does not overtake tasks already waiting', async () => {
		const clock = new FakeClock();
		const run = createLimiter(1);
		const tasks = timedTasks(clock);
		const first = run(tasks.task('first', 10));
		const waiting = run(tasks.task('waiting', 10));
		await clock.run(10);
		const newcomer = run(tasks.task('newcomer', 10));
		await clock.run(100);
		await Promise.all([first, waiting, newcomer]);
		expect(tasks.events).toEqual(['start first at 0', 'start waiting at 10', 'start newcomer at 20']);
	});

	test('aborting a waiting task rejects it at once with the reason, never runs it, and frees its place', async () => {
		const clock = new FakeClock();
		const run = createLimiter(1);
		const tasks = timedTasks(clock);
		const controller = new AbortController();
		const first = run(tasks.task('first', 10));
		const aborted = run(tasks.task('aborted', 10), controller.signal);
		const last = run(tasks.task('last', 10));
		const reason = new Error('caller gave up');
		controller.abort(reason);
		await expect(aborted).rejects.toBe(reason);
		await clock.run(100);
		await Promise.all([first, last]);
		expect(tasks.events).toEqual(['start first at 0', 'start last at 10']);
	});

	test('an already aborted signal rejects without running the task, even with places free', async () => {
		const run = createLimiter(1);
		let ran = false;
		const reason = new Error('too late');
		await expect(run(async () => (ran = true), AbortSignal.abort(reason))).rejects.toBe(reason);
		expect(ran).toBe(false);
		// Its place was not taken: the next task runs at once.
		let second = false;
		await run(async () => (second = true));
		expect(second).toBe(true);
	});

	test('a failing task frees its place for the next', async () => {
		const run = createLimiter(1);
		const failing = run(async () => {
			throw new Error('boom');
		});
		const next = run(async () => 'next');
		await expect(failing).rejects.toThrow('boom');
		expect(await next).toBe('next');
	});

	test('aborting a task once it runs does not reject it: the signal is then the task’s business', async () => {
		const clock = new FakeClock();
		const run = createLimiter(1);
		const controller = new AbortController();
		const running = run(async () => {
			await clock.sleep(10);
			return 'done';
		}, controller.signal);
		controller.abort();
		await clock.run(10);
		expect(await running).toBe('done');
	});
});
