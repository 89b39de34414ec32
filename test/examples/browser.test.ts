import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, root } from '../cli/build.js';
import { demoId } from '../cli/dev-server.js';
import { firstLine, spawnCli, stop } from '../cli/process.js';

const server = { child: undefined as ReturnType<typeof spawnCli> | undefined, pageUrl: '' };
let browser: Browser | undefined;

beforeAll(async () => {
	await ensureBuilt();
	server.child = spawnCli(['--port', '0'], { command: [process.execPath, join(root, 'examples', 'browser', 'serve.mjs')] });
	server.pageUrl = (await firstLine(server.child, /^Open /)).slice('Open '.length);
	browser = await chromium.launch({
		executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
	});
}, 180_000);

afterAll(async () => {
	await browser?.close();
	if (server.child) expect(await stop(server.child)).toEqual({ code: 0, signal: null });
});

describe('examples/browser', () => {
	test('lists the peers, shows a reply, and shows a refusal with its canvas hint', async () => {
		if (!browser) throw new Error('no browser');
		const page = await browser.newPage({ viewport: { width: 900, height: 820 } });
		const pageErrors: string[] = [];
		page.on('pageerror', (error) => pageErrors.push(error.message));
		await page.goto(server.pageUrl);

		const echo = page.locator(`#peers li[data-peer-id="${demoId('echo')}"] button`);
		await echo.waitFor();
		expect(await page.locator('#peers li').count()).toBe(7);

		await echo.click();
		expect(await page.inputValue('#peer-id')).toBe(demoId('echo'));
		await page.fill('#message', 'hello from Chromium');
		await page.click('#send');
		await page.locator('#reply:not([hidden])').waitFor();
		expect(await page.textContent('#reply')).toBe('echo: hello from Chromium');

		await page.fill('#peer-id', demoId('auditor'));
		await page.fill('#message', 'may I see the books?');
		await page.click('#send');
		await page.locator('#error:not([hidden])').waitFor();
		expect(await page.textContent('#error')).toMatch(/^\[A2A_ERROR\] HTTP 403: access denied: workspaces cannot communicate per hierarchy rules \[target=/);
		expect(await page.textContent('#hint')).toBe('The remote agent reported a delivery failure. Check the workspace logs or try restarting.');
		expect(await page.isHidden('#reply')).toBe(true);

		mkdirSync(join(root, 'test-results'), { recursive: true });
		await page.screenshot({ path: join(root, 'test-results', 'browser-example.png'), fullPage: true });
		expect(pageErrors).toEqual([]);
	});
});
