// Issue 13: the Deno and Bun wiring of the dev platform's live events that docs/platform-contract.md
// §15.4 shows, run in those runtimes against the built ./dev.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { requireBuild, root } from '../package/helpers.js';

beforeAll(requireBuild);

const commands: Record<string, string[]> = {
	deno: [join(root, 'node_modules/.bin/deno'), 'run', '--allow-net=127.0.0.1', '--allow-read', 'test/runtimes/fixtures/events-deno.mjs'],
	bun: [join(root, 'node_modules/.bin/bun'), 'test/runtimes/fixtures/events-bun.mjs'],
};

test.each(['deno', 'bun'])('in %s, SSE and /ws deliver events, the cut drops both, and nothing stays open', (runtime) => {
	const [command = '', ...args] = commands[runtime] ?? [];
	const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 60_000 });
	const line = `${result.stdout}`.split('\n').find((text) => text.startsWith('EVENTS_JSON '));
	expect(line, `${result.stdout}${result.stderr}`).toBeDefined();
	expect(JSON.parse((line ?? '').slice('EVENTS_JSON '.length))).toEqual({
		ping: ': ping\n\n',
		sse: 'AGENT_MESSAGE',
		protocol: 'molecule-ws',
		ws: 'AGENT_MESSAGE',
		cut: 2,
		code: runtime === 'deno' ? 4000 : 1006,
		sseAfterCut: 'failed',
		open: 0,
	});
	expect(result.status).toBe(0);
}, 90_000);
