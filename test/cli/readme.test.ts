// What the README promises a new user, checked against the built package.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, root } from './build.js';
import { runCli } from './process.js';

beforeAll(ensureBuilt, 180_000);

const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The README's Quick start code, saved where the package's own name resolves to its built exports. */
function quickStartScript(): string {
	const code = /## Quick start\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
	if (code === undefined) throw new Error('no ```ts block under ## Quick start');
	const dir = join(root, '.tmp', 'readme');
	mkdirSync(dir, { recursive: true });
	const path = join(dir, 'quick-start.mjs');
	writeFileSync(path, code);
	return path;
}

/** A seed file: one workspace, alone in its organisation. */
function loneWorkspaceSeed(): string {
	const path = join(mkdtempSync(join(tmpdir(), 'a2a-readme-')), 'alone.json');
	writeFileSync(path, JSON.stringify([{ id: '10e00000-0000-4000-8000-000000000001', name: 'Loner', tokens: ['loner-token'] }]));
	return path;
}

describe('the README quick start', () => {
	test('sends to the first peer when there is one', async () => {
		const result = await runCli(['dev', '--', 'node', quickStartScript()]);
		expect(result).toMatchObject({ code: 0 });
		expect(result.stdout.trim()).not.toBe('');
		expect(result.stdout).not.toContain('[A2A_ERROR]');
	});

	test('says so when the workspace has no peers, instead of failing on peers[0]', async () => {
		const result = await runCli(['dev', '--seed', loneWorkspaceSeed(), '--', 'node', quickStartScript()]);
		expect(result).toMatchObject({ code: 0, stdout: 'No peers: this workspace has no parent, child or sibling on the platform yet.\n' });
	});

	test('shows the diagnostic when the platform gives no list, as the README shows it', async () => {
		const script = `process.env.MOLECULE_WORKSPACE_TOKEN = 'revoked'; await import(${JSON.stringify(quickStartScript())});`;
		const result = await runCli(['dev', '--', 'node', '--input-type=module', '-e', script]);
		expect(result.code).toBe(0);
		const shown = /with a revoked token it prints\n\n```text\n(.*)\n```/.exec(readme)?.[1];
		expect(result.stderr.split('\n')).toContain(shown);
	});
});

describe('the repository', () => {
	test('has the MIT licence its package.json declares, for Molecule AI, 2026', () => {
		const licence = readFileSync(join(root, 'LICENSE'), 'utf8');
		expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))).toMatchObject({ license: 'MIT' });
		expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) 2026 Molecule AI\n/);
		expect(licence).toContain('Permission is hereby granted, free of charge, to any person obtaining a copy');
		expect(licence).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
	});
});

describe('the README demo output', () => {
	test('shows every line the demo prints, the removed workspace\'s hint line included (timings, ports and the elided steps aside)', async () => {
		const block = /\*\*`molecule-a2a demo`\*\*[^\n]*\n\n```text\n([\s\S]*?)```/.exec(readme)?.[1];
		if (block === undefined) throw new Error('no ```text block after the demo heading');
		const result = await runCli(['demo']);
		expect(result.code).toBe(0);
		const normal = (line: string): string => line.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT').replace(/Done in [\d.]+ s/, 'Done in N s');
		const printed = new Set(result.stdout.split('\n').map(normal));
		const shown = block.split('\n').filter((line) => line.trim() !== '' && line.trim() !== '…').map(normal);
		expect(shown.filter((line) => !printed.has(line))).toEqual([]);
		expect(shown).toContain('   hint: Create a replacement workspace in Canvas, then open Settings → Workspace Tokens → + New Token');
	}, 30_000);
});
