import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, root } from '../cli/build.js';
import { demoId } from '../cli/dev-server.js';
import { firstLine, spawnCli, stop } from '../cli/process.js';
import { platformHints } from '../../src/hints.js';

const server = { child: undefined as ReturnType<typeof spawnCli> | undefined, pageUrl: '', platformUrl: '' };
let browser: Browser | undefined;
const screenshots = join(root, 'test-results');
const pages: { page: Page; errors: string[] }[] = [];

beforeAll(async () => {
	await ensureBuilt();
	server.child = spawnCli([], { command: [process.execPath, join(root, 'examples', 'canvas', 'serve.mjs')] });
	server.platformUrl = (await firstLine(server.child, /^Dev platform at /)).split(' ')[3] ?? '';
	server.pageUrl = (await firstLine(server.child, /^Open /)).slice('Open '.length);
	browser = await chromium.launch({
		executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
	});
	mkdirSync(screenshots, { recursive: true });
}, 180_000);

afterAll(async () => {
	for (const { errors } of pages) expect(errors).toEqual([]);
	await browser?.close();
	if (server.child) expect(await stop(server.child)).toEqual({ code: 0, signal: null });
});

/** A fresh browser context (its own session cookie jar) on the page, with the tree drawn. */
async function openCanvas(): Promise<Page> {
	if (!browser) throw new Error('no browser');
	const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
	const page = await context.newPage();
	page.setDefaultTimeout(10_000);
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	pages.push({ page, errors });
	await page.goto(server.pageUrl);
	await page.locator(`#tree li[data-workspace-id="${demoId('echo')}"]`).waitFor();
	return page;
}

const workspaceButton = (page: Page, name: string) => page.locator(`#tree li[data-workspace-id="${demoId(name)}"] > button`);

/** The platform as another client of the organisation would call it (the admin token, or a workspace's own). */
async function platformCall(path: string, token: string, body: unknown): Promise<Response> {
	return fetch(`${server.platformUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function sendAs(page: Page, text: string): Promise<void> {
	await page.fill('#message', text);
	await page.click('#send');
}

describe('examples/canvas', () => {
	test("shows the session's organisation as a tree, its status kept live from events", async () => {
		const page = await openCanvas();
		const orchestrator = page.locator(`#tree > li[data-workspace-id="${demoId('orchestrator')}"]`);
		expect(await orchestrator.locator('ul > li').count()).toBe(7); // its children; Archived is removed, Finance is another organisation
		expect(await page.locator(`#tree li[data-workspace-id="${demoId('finance')}"]`).count()).toBe(0);
		expect(await workspaceButton(page, 'echo').getAttribute('data-status')).toBe('online');
		expect(await workspaceButton(page, 'sleeper').getAttribute('data-status')).toBe('hibernated');

		const beat = await platformCall('/registry/heartbeat', 'dev-token-echo', { workspace_id: demoId('echo'), error_rate: 0.9, sample_error: 'tool call failed' });
		expect(beat.status).toBe(200);
		await page.locator(`#tree li[data-workspace-id="${demoId('echo')}"] > button[data-status="degraded"]`).waitFor();
		expect(await workspaceButton(page, 'echo').locator('.status').textContent()).toBe('degraded');

		expect((await platformCall('/registry/heartbeat', 'dev-token-echo', { workspace_id: demoId('echo'), error_rate: 0 })).status).toBe(200);
		await page.locator(`#tree li[data-workspace-id="${demoId('echo')}"] > button[data-status="online"]`).waitFor();
	});

	test('sends a message and shows the reply', async () => {
		const page = await openCanvas();
		await workspaceButton(page, 'echo').click();
		expect(await page.textContent('#chat-title')).toBe('Echo');
		await sendAs(page, 'hello from Chromium');
		await page.locator('#messages li.message.agent', { hasText: 'echo: hello from Chromium' }).waitFor();
		expect(await page.locator('#messages li.message.user', { hasText: 'hello from Chromium' }).count()).toBe(1);
		expect(await page.locator('#messages li.message.agent', { hasText: 'echo: hello from Chromium' }).count()).toBe(1);
		expect(await page.isHidden('#pending')).toBe(true);
		expect(await page.isHidden('#error')).toBe(true);
	});

	test("shows another person's turn and its reply live, through events only", async () => {
		const page = await openCanvas();
		await workspaceButton(page, 'echo').click();
		await page.locator('#comms li').first().waitFor();

		const answer = await platformCall(`/workspaces/${demoId('echo')}/a2a`, 'dev-admin-token', {
			jsonrpc: '2.0',
			id: 'from-the-test',
			method: 'message/send',
			params: { message: { role: 'user', messageId: 'turn-from-another-tab', parts: [{ kind: 'text', text: 'sent from another tab' }] } },
		});
		expect(answer.status).toBe(200);
		await page.locator('#messages li.message.user', { hasText: 'sent from another tab' }).waitFor();
		await page.locator('#messages li.message.agent[data-message-id="turn-from-another-tab"]', { hasText: 'echo: sent from another tab' }).waitFor();
	});

	test("shows an agent's own message to its people (notify) as it is sent", async () => {
		const page = await openCanvas();
		await workspaceButton(page, 'researcher').click();
		await page.locator('#send:not([disabled])').waitFor();
		const notify = await platformCall(`/workspaces/${demoId('researcher')}/notify`, 'dev-token-researcher', { message: 'The routing report is ready.' });
		expect(notify.status).toBe(200);
		await page.locator('#messages li.message.agent', { hasText: 'The routing report is ready.' }).waitFor();
	});

	test('shows the queued state while waiting, and Cancel stops waiting', async () => {
		const page = await openCanvas();
		await workspaceButton(page, 'busy').click();
		await sendAs(page, 'are you free?');
		await page.locator('#pending[data-state="queued"]:not([hidden])').waitFor();
		expect(await page.textContent('#pending-text')).toMatch(/^Queued \(queue depth \d+\): Busy is busy; its reply will appear here when it comes\.$/);
		await page.screenshot({ path: join(screenshots, 'canvas-queued.png') });

		await page.click('#cancel');
		await page.locator('#pending').waitFor({ state: 'hidden' });
		expect(await page.locator('#messages li.message.system').last().textContent()).toMatch(/^Cancelled: no longer waiting/);
		expect(await page.isDisabled('#send')).toBe(false);
	});

	test('Cancel aborts a send still in flight', async () => {
		const page = await openCanvas();
		await workspaceButton(page, 'sleeper').click();
		// The Sleeper answers 503 while it wakes, and the client retries after the platform's 15 s.
		await sendAs(page, 'wake up');
		await page.locator('#pending[data-state="sending"]:not([hidden])', { hasText: 'Waiting for Sleeper…' }).waitFor();
		await page.click('#cancel');
		await page.locator('#pending').waitFor({ state: 'hidden', timeout: 5000 });
		expect(await page.locator('#messages li.message.system').last().textContent()).toMatch(/^Cancelled: no longer waiting/);
		expect(await page.locator('#messages li.message.agent').count()).toBe(0);
		expect(await page.isHidden('#error')).toBe(true);
	});

	test("shows an agent's failure with the hint of the ./hints table, in the chat and in its history", async () => {
		const page = await openCanvas();
		await workspaceButton(page, 'crasher').click();
		await sendAs(page, 'run the tool');
		await page.locator('#error:not([hidden])').waitFor();
		expect(await page.textContent('#error')).toBe('[A2A_ERROR] Agent error: RuntimeError: tool call failed');
		expect(await page.textContent('#hint')).toBe("The remote agent's runtime threw an exception. Check the workspace's container logs for the traceback. Restart usually clears transient runtime crashes.");
		expect(await page.locator('#messages li.message.agent, #messages li.message.error').count()).toBe(0);

		await workspaceButton(page, 'echo').click();
		await page.locator('#send:not([disabled])').waitFor();
		await workspaceButton(page, 'crasher').click();
		const failed = page.locator('#messages li.message.error', { hasText: 'Agent error: RuntimeError: tool call failed' });
		await failed.waitFor();
		expect(await failed.locator('.hint').textContent()).toBe("The remote agent's runtime threw an exception. Check the workspace's container logs for the traceback. Restart usually clears transient runtime crashes.");
	});

	test('shows the 403 of a workspace in another organisation, with its hint', async () => {
		const page = await openCanvas();
		await page.fill('#workspace-id', demoId('auditor'));
		await page.press('#workspace-id', 'Enter');
		await page.locator('#error:not([hidden])').waitFor();
		expect(await page.textContent('#error')).toMatch(/^\[A2A_ERROR\] HTTP 403: org token not authorized for this workspace's org \[target=.*\/chat-history/);

		await sendAs(page, 'may I see the books?');
		await page.locator('#error:not([hidden])', { hasText: '/a2a]' }).waitFor();
		expect(await page.textContent('#error')).toMatch(/^\[A2A_ERROR\] HTTP 403: org token not authorized for this workspace's org \[target=http:\/\/127\.0\.0\.1:\d+\/workspaces\/a2a00000-0000-4000-8000-00000000000a\/a2a\]$/);
		expect(await page.textContent('#hint')).toBe(platformHints.forbidden);
		expect(await page.locator('#messages li.message.agent').count()).toBe(0);
		await page.screenshot({ path: join(screenshots, 'canvas-403.png') });
	});

	test('uploads a file with a message; the platform keeps it and the history lists it', async () => {
		const page = await openCanvas();
		await workspaceButton(page, 'inbox').click();
		await page.setInputFiles('#file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('meeting at noon\n') });
		await sendAs(page, 'here are my notes');
		// The Inbox is in poll mode: the platform stages the file, and the turn waits in its inbox.
		await page.locator('#pending[data-state="queued"]:not([hidden])').waitFor();
		expect(await page.textContent('#pending-text')).toBe('Queued: Inbox reads its inbox itself; its reply will appear here when it comes.');
		expect(await page.inputValue('#file')).toBe('');

		// Read back from the platform: open another workspace, then the Inbox again.
		await workspaceButton(page, 'researcher').click();
		await page.locator('#send:not([disabled])').waitFor();
		await workspaceButton(page, 'inbox').click();
		const file = page.locator('#messages li.message.user', { hasText: 'here are my notes' }).locator('.file', { hasText: '📎 notes.txt' });
		await file.waitFor();
		const uri = (await file.getAttribute('data-uri')) ?? '';
		expect(uri).toMatch(new RegExp(`^platform-pending:${demoId('inbox')}/[0-9a-f-]{36}$`));
		const content = await fetch(`${server.platformUrl}/workspaces/${demoId('inbox')}/pending-uploads/${uri.split('/')[1]}/content`, { headers: { authorization: 'Bearer dev-admin-token' } });
		expect(await content.text()).toBe('meeting at noon\n');
	});

	test("shows the selected workspace's agent traffic and the delegation topology", async () => {
		const page = await openCanvas();
		await workspaceButton(page, 'orchestrator').click();
		await page.locator('#comms li[data-kind="delegation"]').first().waitFor();
		await page.locator('#comms li', { hasText: 'Findings: the platform routes every message' }).waitFor();
		const comms = await page.locator('#comms li').allTextContents();
		expect(comms.some((line) => line.startsWith('→ Researcher') && line.includes('Find out how the platform routes messages'))).toBe(true);
		expect(comms.some((line) => line.startsWith('← Researcher') && line.includes('Findings: the platform routes every message through its A2A proxy.'))).toBe(true);
		expect(comms.some((line) => line.startsWith('→ Busy') && /queued/i.test(line))).toBe(true);

		await workspaceButton(page, 'echo').click();
		await page.locator('#comms li', { hasText: 'status of the release notes?' }).waitFor();
		expect(await page.locator('#comms li', { hasText: 'status of the release notes?' }).locator('.arrow').textContent()).toBe('← Orchestrator');

		for (const target of ['researcher', 'echo', 'busy']) {
			await page.locator(`#topology g.edge[data-source="${demoId('orchestrator')}"][data-target="${demoId(target)}"]`).waitFor();
		}
		expect(await page.locator('#topology g.edge.hot').count()).toBe(3);
		expect(await page.locator('#topology g.node').count()).toBe(8);
	});

	test('shows "reconnecting" when the event connection is cut, then goes live again', async () => {
		const page = await openCanvas();
		await workspaceButton(page, 'echo').click();
		await page.locator('#connection[data-state="live"]').waitFor();
		// A state may last a few milliseconds: record every one the badge shows.
		await page.evaluate(() => {
			const badge = document.querySelector('#connection') as HTMLElement;
			const seen: string[] = [];
			(window as unknown as { connectionStates: string[] }).connectionStates = seen;
			new MutationObserver(() => seen.push(`${badge.dataset['state']}: ${badge.textContent}`)).observe(badge, { attributes: true, childList: true, characterData: true, subtree: true });
		});

		const cut = await platformCall('/dev/event-streams/cut', 'dev-admin-token', {});
		expect(cut.status).toBe(200);
		expect(((await cut.json()) as { cut: number }).cut).toBeGreaterThanOrEqual(1);
		await page.waitForFunction(() => (window as unknown as { connectionStates: string[] }).connectionStates.some((state) => state.startsWith('reconnecting: Reconnecting… (attempt 1')));
		await page.locator('#connection[data-state="live"]', { hasText: 'Live (reconnected)' }).waitFor();

		// The new connection carries events again.
		await sendAs(page, 'still there?');
		await page.locator('#messages li.message.agent', { hasText: 'echo: still there?' }).waitFor();
	});

	test('a screenshot of the page for the README', async () => {
		const page = await openCanvas();
		await workspaceButton(page, 'orchestrator').click();
		await page.locator('#topology g.edge').first().waitFor();
		await page.locator('#send:not([disabled])').waitFor();
		await sendAs(page, 'What is the team working on?');
		await page.locator('#messages li.message.agent', { hasText: 'on it' }).waitFor();
		await page.locator('#comms li', { hasText: 'Findings' }).waitFor();
		await page.screenshot({ path: join(screenshots, 'canvas.png') });
	});
});
