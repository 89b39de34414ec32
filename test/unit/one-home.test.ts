// Issue 10, "one home per concern", read from the source: the runtime's services are looked up in
// src/internal/runtime.ts only, bodies are read in src/internal/body.ts only, and the dev platform
// reuses the core's helpers without importing any of the client's code paths (it must be able to disagree).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '../..');
const sources = (readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }) as string[])
	.filter((file) => file.endsWith('.ts'))
	.map((file) => join('src', file))
	// Node and the CLI are the rooms allowed to know their runtime.
	.filter((file) => !/^src\/(node|cli)\//.test(file));

/** The code of a file without its comments, which may name what the code must not use. */
const code = (file: string): string =>
	readFileSync(join(root, file), 'utf8')
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

const using = (pattern: RegExp, except: string[]): string[] => sources.filter((file) => !except.includes(file) && pattern.test(code(file)));

describe('one home per concern', () => {
	test('the runtime\'s fetch, crypto, performance and timers are looked up in internal/runtime.ts alone', () => {
		// A call, not a declaration such as the agent's `fetch(request: Request): Promise<Response>`.
		expect(using(/globalThis|(?<![.\w])(fetch|setTimeout|clearTimeout|setInterval)\((?!\w+\??:)|(?<![.\w])(crypto|performance)\./, ['src/internal/runtime.ts'])).toEqual([]);
	});

	test('bodies are read, within a cap, in internal/body.ts alone (event streams, event by event, in events/sse.ts)', () => {
		expect(using(/\.getReader\(/, ['src/internal/body.ts', 'src/events/sse.ts'])).toEqual([]);
	});

	test('time limits on the clock are set in internal/deadline.ts alone; the clock sleeps elsewhere only to wait', () => {
		expect(using(/\.sleep\([^)]*\)\.then\(/, ['src/internal/deadline.ts'])).toEqual([]);
	});

	test('the dev platform keeps no JSON helpers of its own', () => {
		const dev = sources.filter((file) => file.startsWith('src/dev/'));
		expect(dev.filter((file) => /function (parseJson|isRecord|jsonValue)\b|JSON\.parse\(text\) as unknown/.test(code(file)))).toEqual([]);
	});

	test('the dev platform imports the core\'s helpers, never the client\'s code paths', () => {
		const clientPaths = /from '(\.\.\/)+(client|config|transport|messaging|registry|token|retry|reply|outgoing|cache|hints|index)\.js'/;
		const dev = sources.filter((file) => file.startsWith('src/dev/'));
		expect(dev.filter((file) => clientPaths.test(code(file))).map((file) => relative(root, join(root, file)))).toEqual([]);
	});
});
