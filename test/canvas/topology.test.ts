import { describe, expect, test } from 'vitest';
import { json, scriptedFetch } from '../helpers/scripted-fetch.js';
import { fakeWallStart } from '../helpers/fake-clock.js';
import { INTERN, LEAD, ROOT, testCanvas, WORKER } from './helpers.js';

const minutesAgo = (minutes: number) => new Date(fakeWallStart - minutes * 60_000).toISOString();
const delegate = (source: string, target: string, minutes: number, method = 'delegate') => ({ id: `${source}-${target}-${minutes}`, activity_type: 'delegation', method, source_id: source, target_id: target, created_at: minutesAgo(minutes) });

/** A platform whose delegation feeds are `feeds[workspace id]`; a missing feed is a 500. */
function platform(feeds: Record<string, unknown[]>) {
	return scriptedFetch((request) => {
		const id = new URL(request.url).pathname.split('/')[2] ?? '';
		return feeds[id] ? json(feeds[id]) : json({ error: 'boom' }, 500);
	});
}

describe('delegationTopology (spec §8.3)', () => {
	test('reads each workspace delegation feed as the overlay does', async () => {
		const fake = platform({ [ROOT]: [], [LEAD]: [] });
		const { canvas } = testCanvas(fake.fetch);
		await canvas.delegationTopology([ROOT, LEAD, ROOT.toUpperCase()]);
		expect(fake.calls).toHaveLength(2);
		expect(Object.fromEntries(new URL(fake.calls[0]?.url ?? '').searchParams)).toEqual({ type: 'delegation', limit: '500', source: 'agent' });
	});

	test('aggregates delegate rows per source and target: count, latest, hot under 5 min', async () => {
		const { canvas } = testCanvas(platform({ [ROOT]: [delegate(ROOT, LEAD, 30), delegate(ROOT, LEAD, 2), delegate(ROOT, WORKER, 10)], [LEAD]: [delegate(LEAD, INTERN, 6)] }).fetch);
		const edges = await canvas.delegationTopology([ROOT, LEAD]);
		expect(edges).toEqual([
			{ source: ROOT, target: LEAD, count: 2, latest: minutesAgo(2), hot: true },
			{ source: ROOT, target: WORKER, count: 1, latest: minutesAgo(10), hot: false },
			{ source: LEAD, target: INTERN, count: 1, latest: minutesAgo(6), hot: false },
		]);
	});

	test('the window is 60 minutes by default: older delegations and other methods do not count', async () => {
		const { canvas } = testCanvas(platform({ [ROOT]: [delegate(ROOT, LEAD, 59), delegate(ROOT, WORKER, 61), delegate(ROOT, INTERN, 1, 'delegate_result')] }).fetch);
		expect((await canvas.delegationTopology([ROOT])).map((edge) => edge.target)).toEqual([LEAD]);
	});

	test('windowMs, hotMs and now are options', async () => {
		const { canvas } = testCanvas(platform({ [ROOT]: [delegate(ROOT, LEAD, 20), delegate(ROOT, WORKER, 40)] }).fetch);
		const edges = await canvas.delegationTopology([ROOT], { windowMs: 30 * 60_000, hotMs: 25 * 60_000, now: fakeWallStart });
		expect(edges).toEqual([{ source: ROOT, target: LEAD, count: 1, latest: minutesAgo(20), hot: true }]);
	});

	test('a feed that cannot be read counts as none, and the log says so', async () => {
		const { canvas, logs } = testCanvas(platform({ [ROOT]: [delegate(ROOT, LEAD, 1)] }).fetch);
		expect(await canvas.delegationTopology([ROOT, WORKER])).toHaveLength(1);
		expect(logs).toEqual([expect.stringMatching(new RegExp(`^warn delegationTopology: ${WORKER}'s delegations could not be read, counted as none: .*500`))]);
	});
});
