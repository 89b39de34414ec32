// Property: servers that write every unset field as `null` (the .NET A2A SDK and others) are read as if the field were absent.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatA2AError, type SendOutcome } from '../../src/index.js';
import { json } from '../helpers/scripted-fetch.js';
import { sendAgainst, watchUnhandledRejections } from './harness.js';
import { optionalPaths, render, validAnswer } from './valid-replies.js';

watchUnhandledRejections();

/** Everything the caller reads of an outcome: the text, files, parts and state of a reply, or the error as typed and as worded. */
function readOf(outcome: SendOutcome): unknown {
	const { status, attempts, messageId } = outcome;
	if (outcome.status === 'replied') {
		const { text, parts, files, taskState } = outcome;
		return { status, attempts, messageId, text, parts, files, taskState };
	}
	if (outcome.status === 'queued') return outcome;
	const { error } = outcome;
	const fields = Object.fromEntries(['code', 'data', 'status', 'platformError', 'retryAfterMs'].map((key) => [key, (error as unknown as Record<string, unknown>)[key]]));
	return { status, attempts, messageId, name: error.name, message: error.message, formatted: formatA2AError(error), ...fields };
}

describe('null means absent', () => {
	test('setting any optional fields of any valid reply to null reads exactly as leaving them out: text, files, parts and outcome', async () => {
		const withChoice = validAnswer.chain((template) =>
			fc.tuple(fc.constant(template), fc.subarray(optionalPaths(template.body), { minLength: 1 })),
		);
		await fc.assert(
			fc.asyncProperty(withChoice, async ([template, paths]) => {
				const chosen = new Set(paths);
				const nulled = await sendAgainst([json(render(template.body, chosen, 'null'), template.status)]);
				const absent = await sendAgainst([json(render(template.body, chosen, 'absent'), template.status)]);
				expect(readOf(nulled.outcome)).toStrictEqual(readOf(absent.outcome));
				expect(nulled.outcome.status === 'failed' && nulled.outcome.error.name).not.toBe('ResponseValidationError');
			}),
			{ numRuns: 400 },
		);
	});

	test('an optional field absent from a reply and written as null changes nothing', async () => {
		const withAbsentChoice = validAnswer.chain((template) => {
			const absentPaths = optionalPaths(template.body).filter((path) => !pathPresent(render(template.body, new Set(), 'absent'), path));
			return fc.tuple(fc.constant(template), fc.subarray(absentPaths));
		});
		await fc.assert(
			fc.asyncProperty(withAbsentChoice, async ([template, paths]) => {
				const original = await sendAgainst([json(render(template.body, new Set(), 'absent'), template.status)]);
				const nulled = await sendAgainst([json(render(template.body, new Set(paths), 'null'), template.status)]);
				expect(readOf(nulled.outcome)).toStrictEqual(readOf(original.outcome));
			}),
			{ numRuns: 200 },
		);
	});
});

/** Whether the rendered JSON holds a member at `path` (`/a/0/b`). */
function pathPresent(value: unknown, path: string): boolean {
	let current = value;
	for (const key of path.split('/').slice(1)) {
		if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return false;
		current = (current as Record<string, unknown>)[key];
	}
	return true;
}
