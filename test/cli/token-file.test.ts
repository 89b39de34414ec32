// Issue 9 trial, item 2: the token file is read before the client is made, so the first request's
// --timeout never covers a disk read and a late refresh is reported as the token file, in seconds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/errors/index.js';
import { configProblem } from '../../src/cli/config.js';
import { tokenFileSource } from '../../src/cli/token-file.js';
import { emptyConfigsDir } from './process.js';

describe('the token file source', () => {
	test('is read before it is returned: get() answers synchronously with the trimmed token', async () => {
		const path = join(emptyConfigsDir(), '.auth_token');
		writeFileSync(path, ' tok-file\n');
		const source = await tokenFileSource(path, () => {});
		expect(source.get()).toBe('tok-file');
	});

	test('a missing file is no token, answered synchronously', async () => {
		const source = await tokenFileSource(join(emptyConfigsDir(), '.auth_token'), () => {});
		expect(source.get()).toBeUndefined();
	});

	test('refresh reads the file again', async () => {
		const path = join(emptyConfigsDir(), '.auth_token');
		writeFileSync(path, 'old');
		const source = await tokenFileSource(path, () => {});
		writeFileSync(path, 'new');
		expect(await source.refresh?.()).toBe('new');
		expect(source.get()).toBe('new');
	});
});

describe('configProblem', () => {
	test('a token that came too late names the token file and --timeout in seconds, not the --token flag', () => {
		const problem = configProblem(new ConfigError('token', 'provider did not answer within 10 ms'));
		expect(problem).toBe('the token file was not read again (after HTTP 401) within --timeout (0.01 s); raise --timeout');
	});
});
