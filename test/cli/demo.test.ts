import { beforeAll, describe, expect, test } from 'vitest';
import { platformHints } from '../../src/hints.js';
import { ensureBuilt } from './build.js';
import { demoId } from './dev-server.js';
import { runCli } from './process.js';

beforeAll(ensureBuilt, 180_000);

describe('molecule-a2a demo', () => {
	test('walks through every step in under 10 seconds and exits 0', async () => {
		const started = performance.now();
		const result = await runCli(['demo']);
		expect(performance.now() - started).toBeLessThan(10_000);
		expect(result).toMatchObject({ code: 0, stderr: '' });
		const report = result.stdout;
		expect(report).toMatch(/^Dev platform at http:\/\/127\.0\.0\.1:\d+, speaking as the Orchestrator/);
		expect(report).toContain('1. List the peers of the Orchestrator');
		expect(report).toMatch(/Echo\s+online\s+echoes the text it receives/);
		expect(report).toContain(`2. Discover the Echo agent\n   Echo (${demoId('echo')}) at http`);
		expect(report).toContain('< echo: hello from the demo');
		expect(report).toContain('attempt 2/5 after RemoteProtocolError, retrying in 0.1s\n   attempt 3/5 after RemoteProtocolError, retrying in 0.2s');
		expect(report).toContain('< echo: are you still there? after 3 attempts');
		expect(report).toContain('< Findings: the platform routes every message through its A2A proxy. (task completed)');
		expect(report).toContain(`[A2A_QUEUED] target=${demoId('busy')} method=message/send`);
		expect(report).toContain('[A2A_ERROR] HTTP 403: access denied: workspaces cannot communicate per hierarchy rules');
		expect(report).toContain(`hint: ${platformHints.access}`);
		expect(report).toContain(`HTTP 410 removed: id=${demoId('archived')} removed_at=2026-01-01T00:00:00Z`);
		expect(report).toMatch(/Done in \d+\.\d s\./);
	});
});
