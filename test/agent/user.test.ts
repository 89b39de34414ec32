import { describe, expect, it } from 'vitest';
import { isTalkToUserDisabledError, isUploadLimitError, type InboundMessage } from '../../src/agent/index.js';
import { isConfigError, isHttpError } from '../../src/index.js';
import { FakeFeed } from './feed.js';
import { AGENT, scriptedAgent } from './helpers.js';
import { json, routes, type RouteHandler } from './routes.js';

// Scripted answers (contract §15–16, addendum §9.3–9.5) for the edge cases: small limits, failed acks,
// refusals. The flows run against the dev platform in platform-flows.test.ts.

const limits = { per_file_bytes: 100, per_request_bytes: 150, max_attachments_per_message: 3 };
const limitsRoute: Record<string, RouteHandler> = { 'GET /uploads/limits': () => json(limits) };

describe('notifyUser', () => {
	it('posts the message and its attachments', async () => {
		const { fetch, calls } = routes({ 'POST /workspaces/:id/notify': () => json({ status: 'sent' }) });
		const { agent } = scriptedAgent(fetch);
		await agent.notifyUser('The report is ready', { attachments: [{ uri: 'workspace:/workspace/report.pdf', name: 'report.pdf', mimeType: 'application/pdf', size: 10 }] });
		expect(calls.map((call) => [call.params['id'], call.json])).toEqual([
			[AGENT, { message: 'The report is ready', attachments: [{ uri: 'workspace:/workspace/report.pdf', name: 'report.pdf', mimeType: 'application/pdf', size: 10 }] }],
		]);
	});

	it('turns 403 talk_to_user_disabled into TalkToUserDisabledError with the hint', async () => {
		const { fetch } = routes({ 'POST /workspaces/:id/notify': () => json({ error: 'talk_to_user_disabled', hint: 'an admin can enable it' }, 403) });
		const error = await scriptedAgent(fetch).agent.notifyUser('hello').catch((caught: unknown) => caught);
		expect(isTalkToUserDisabledError(error) && error.hint).toBe('an admin can enable it');
	});

	it('passes other failures on as HttpError', async () => {
		const { fetch } = routes({ 'POST /workspaces/:id/notify': () => json({ error: 'workspace not found' }, 404) });
		const error = await scriptedAgent(fetch).agent.notifyUser('hello').catch((caught: unknown) => caught);
		expect(isHttpError(error) && error.status).toBe(404);
	});

	it('refuses a blank message and an attachment without a uri or name, before sending', async () => {
		const { fetch, calls } = routes({});
		const { agent } = scriptedAgent(fetch);
		const blank = await agent.notifyUser(' ').catch((caught: unknown) => caught);
		expect(isConfigError(blank) && blank.field).toBe('message');
		const nameless = await agent.notifyUser('x', { attachments: [{ uri: 'workspace:/a' } as never] }).catch((caught: unknown) => caught);
		expect(isConfigError(nameless) && nameless.field).toBe('options.attachments.0.name');
		expect(calls).toHaveLength(0);
	});

	it('a reply to a person with files sends the text and the files as attachments', async () => {
		const feed = new FakeFeed(AGENT);
		feed.message('send me the file');
		const { fetch, calls } = routes({ ...feed.routes, 'POST /workspaces/:id/notify': () => json({ status: 'sent' }) });
		const { agent } = scriptedAgent(fetch);
		const stop = new AbortController();
		const iterator = agent.inbox({ signal: stop.signal })[Symbol.asyncIterator]();
		const message = (await iterator.next()).value as InboundMessage;
		stop.abort();
		await message.reply({ parts: [{ kind: 'text', text: 'here' }, { kind: 'file', file: { uri: 'workspace:/workspace/out/data.csv', mimeType: 'text/csv' } }] });
		expect(calls.at(-1)?.json).toEqual({ message: 'here', attachments: [{ uri: 'workspace:/workspace/out/data.csv', name: 'data.csv', mimeType: 'text/csv' }] });
	});

	it('a reply that cannot be sent is refused before anything is sent', async () => {
		const feed = new FakeFeed(AGENT);
		feed.message('hi');
		const { fetch, calls } = routes(feed.routes);
		const { agent } = scriptedAgent(fetch);
		const stop = new AbortController();
		const message = (await agent.inbox({ signal: stop.signal })[Symbol.asyncIterator]().next()).value as InboundMessage;
		stop.abort();
		await expect(message.reply('')).rejects.toThrow(/empty/);
		await expect(message.reply({ parts: [{ kind: 'video' }] } as never)).rejects.toThrow(/parts\.0\.kind/);
		expect(calls.filter((call) => call.method === 'POST' && !call.path.endsWith('/ack'))).toHaveLength(0);
	});
});

describe('uploadChatFiles', () => {
	it('sends the files as multipart parts named files, after reading the limits', async () => {
		const { fetch, calls } = routes({
			...limitsRoute,
			'POST /workspaces/:id/chat/uploads': () =>
				json({ files: [{ uri: `platform-pending:${AGENT}/f1`, name: 'a.txt', mimeType: 'text/plain', size: 3 }, { uri: `platform-pending:${AGENT}/f2`, name: 'file-2', size: 2 }] }),
		});
		const { agent } = scriptedAgent(fetch);
		const uploaded = await agent.uploadChatFiles([new File(['abc'], 'a.txt', { type: 'text/plain' }), new Blob(['de'])]);
		expect(uploaded).toEqual([
			{ uri: `platform-pending:${AGENT}/f1`, name: 'a.txt', mimeType: 'text/plain', size: 3 },
			{ uri: `platform-pending:${AGENT}/f2`, name: 'file-2', size: 2 },
		]);
		const upload = calls.find((call) => call.path.endsWith('/chat/uploads'));
		expect(upload?.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
		const form = await new Response(upload?.body, { headers: { 'Content-Type': upload?.headers.get('content-type') ?? '' } }).formData();
		expect(form?.getAll('files').map((file) => (file as File).name)).toEqual(['a.txt', 'file-2']);
	});

	const overLimits: [string, () => Blob[], string][] = [
		['a file over the per-file limit', () => [new Blob(['x'.repeat(101)])], 'per_file_bytes'],
		['files over the per-request limit together', () => [new Blob(['x'.repeat(80)]), new Blob(['x'.repeat(80)])], 'per_request_bytes'],
		['more files than a message carries', () => [new Blob(['a']), new Blob(['b']), new Blob(['c']), new Blob(['d'])], 'max_attachments_per_message'],
	];
	for (const [what, files, limit] of overLimits) {
		it(`refuses ${what} with UploadLimitError, uploading nothing`, async () => {
			const { fetch, calls } = routes({ ...limitsRoute, 'POST /workspaces/:id/chat/uploads': () => json({ files: [] }) });
			const error = await scriptedAgent(fetch).agent.uploadChatFiles(files()).catch((caught: unknown) => caught);
			expect(isUploadLimitError(error) && error.limit).toBe(limit);
			expect(calls.map((call) => call.path)).toEqual(['/uploads/limits']);
		});
	}

	it('reads the limits once', async () => {
		const { fetch, calls } = routes({ ...limitsRoute, 'POST /workspaces/:id/chat/uploads': () => json({ files: [] }) });
		const { agent } = scriptedAgent(fetch);
		await agent.uploadChatFiles([new Blob(['a'])]);
		await agent.uploadChatFiles([new Blob(['b'])]);
		expect(calls.filter((call) => call.path === '/uploads/limits')).toHaveLength(1);
	});

	it('refuses something that is not a Blob, naming it', async () => {
		const error = await scriptedAgent(routes(limitsRoute).fetch).agent.uploadChatFiles(['text' as never]).catch((caught: unknown) => caught);
		expect(isConfigError(error) && error.field).toBe('files.0');
	});
});

describe("a message's staged files", () => {
	const FILE = '30000000-0000-4000-8000-000000000001';

	async function messageWithFile(extra: Record<string, RouteHandler>) {
		const feed = new FakeFeed(AGENT);
		const file = { uri: `platform-pending:${AGENT}/${FILE}`, name: 'photo.png', mimeType: 'image/png', size: 4 };
		feed.add({ method: 'message/send', request_body: { jsonrpc: '2.0', id: 'rpc', method: 'message/send', params: { message: { role: 'user', messageId: 'user-1', parts: [{ kind: 'file', file }] } } } });
		const scripted = routes({ ...feed.routes, ...extra });
		const { agent, logs } = scriptedAgent(scripted.fetch);
		const stop = new AbortController();
		const message = (await agent.inbox({ signal: stop.signal })[Symbol.asyncIterator]().next()).value as InboundMessage;
		stop.abort();
		return { message, calls: scripted.calls, logs };
	}

	it('download() fetches the bytes, then acknowledges the file', async () => {
		const { message, calls } = await messageWithFile({
			'GET /workspaces/:id/pending-uploads/:file/content': () => new Response(new Uint8Array([137, 80, 78, 71]), { headers: { 'Content-Type': 'image/png' } }),
			'POST /workspaces/:id/pending-uploads/:file/ack': () => json({ acked: true }),
		});
		const blob = await message.files[0]?.download();
		expect(blob?.type).toBe('image/png');
		expect([...new Uint8Array((await blob?.arrayBuffer()) ?? new ArrayBuffer(0))]).toEqual([137, 80, 78, 71]);
		expect(calls.filter((call) => call.path.includes('pending-uploads')).map((call) => `${call.method} ${call.params['file']}`)).toEqual([`GET ${FILE}`, `POST ${FILE}`]);
	});

	it('download() twice gives the same bytes, fetching and acknowledging once', async () => {
		const { message, calls } = await messageWithFile({
			'GET /workspaces/:id/pending-uploads/:file/content': () => new Response('data'),
			'POST /workspaces/:id/pending-uploads/:file/ack': () => json({ acked: true }),
		});
		const [first, second] = await Promise.all([message.files[0]?.download(), message.files[0]?.download()]);
		expect(await first?.text()).toBe('data');
		expect(second).toBe(first);
		expect(calls.filter((call) => call.path.includes('pending-uploads'))).toHaveLength(2);
	});

	it('gives the file even when the ack fails, logging it', async () => {
		const { message, logs } = await messageWithFile({
			'GET /workspaces/:id/pending-uploads/:file/content': () => new Response('data'),
			'POST /workspaces/:id/pending-uploads/:file/ack': () => json({ error: 'storage error' }, 500),
		});
		expect(await (await message.files[0]?.download())?.text()).toBe('data');
		expect(logs.some((line) => line.includes('ack failed'))).toBe(true);
	});

	it('rejects with HttpError when the upload is gone', async () => {
		const { message } = await messageWithFile({ 'GET /workspaces/:id/pending-uploads/:file/content': () => json({ error: 'pending upload not found or expired' }, 404) });
		const error = await message.files[0]?.download().catch((caught: unknown) => caught);
		expect(isHttpError(error) && error.platformError).toBe('pending upload not found or expired');
	});

	it('refuses to download a file that is not a staged upload', async () => {
		const feed = new FakeFeed(AGENT);
		feed.add({ method: 'message/send', request_body: { params: { message: { messageId: 'm', parts: [{ kind: 'file', file: { uri: 'workspace:/workspace/x.txt', name: 'x.txt' } }] } } } });
		const { agent } = scriptedAgent(routes(feed.routes).fetch);
		const stop = new AbortController();
		const message = (await agent.inbox({ signal: stop.signal })[Symbol.asyncIterator]().next()).value as InboundMessage;
		stop.abort();
		const error = await message.files[0]?.download().catch((caught: unknown) => caught);
		expect(isConfigError(error) && error.field).toBe('file.uri');
	});
});
