import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { commandPrefix } from '../../src/cli/invocation.js';

/** A fresh directory holding the named files, each executable unless `mode` says otherwise. */
function directoryWith(path: readonly string[] = [], files: readonly string[] = [], mode = 0o755): string {
	const directory = join(mkdtempSync(join(tmpdir(), 'a2a-path-')), ...path);
	mkdirSync(directory, { recursive: true });
	for (const file of files) {
		writeFileSync(join(directory, file), '#!/bin/sh\n');
		chmodSync(join(directory, file), mode);
	}
	return directory;
}

const pathOf = (...directories: string[]): { PATH: string } => ({ PATH: directories.join(delimiter) });

describe('the command printed in suggestions', () => {
	test('is molecule-a2a when an executable of that name is on the PATH', () => {
		expect(commandPrefix(pathOf(directoryWith(), directoryWith([], ['molecule-a2a'])), 'linux')).toBe('molecule-a2a');
	});

	test('is npx molecule-a2a when the bin is not on the PATH', () => {
		expect(commandPrefix(pathOf(directoryWith([], ['other-tool'])), 'linux')).toBe('npx molecule-a2a');
		expect(commandPrefix({}, 'linux')).toBe('npx molecule-a2a');
	});

	test('is npx molecule-a2a when the bin is only in a node_modules/.bin, which only npm scripts and npx see', () => {
		expect(commandPrefix(pathOf(directoryWith(['node_modules', '.bin'], ['molecule-a2a'])), 'linux')).toBe('npx molecule-a2a');
	});

	test('a file of that name that is not executable does not count', () => {
		expect(commandPrefix(pathOf(directoryWith([], ['molecule-a2a'], 0o644)), 'linux')).toBe('npx molecule-a2a');
	});

	test('on Windows, the names PATHEXT gives count (molecule-a2a.cmd), with ; between PATH entries', () => {
		const env = { Path: ['C:\\nowhere', directoryWith([], ['molecule-a2a.cmd'], 0o644)].join(';'), PATHEXT: '.COM;.EXE;.CMD' };
		expect(commandPrefix(env, 'win32')).toBe('molecule-a2a');
	});
});
